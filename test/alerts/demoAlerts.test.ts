import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadDemo } from '../../demo/loadDemo.js';
import { DEMO_NOW } from '../../demo/platform/writerRuns.js';
import { readAlertEvents, readAlerts } from '../../graph-model/alerts/operations/readAlerts.js';
import { readDeliveries } from '../../graph-model/alerts/operations/webhookOutbox.js';
import { verifySignature } from '../../graph-model/alerts/webhooks/signature.js';
import { impactOf } from '../../graph-model/analyses/impact.js';
import { nodeId } from '../../graph-model/ids.js';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { AlertService } from '../../server/alerts/alertService.js';
import { createTestDatabase, describeEachEngine, type TestDatabase } from '../support/engines.js';
import { waitUntil } from '../support/waitUntil.js';

const SECRET = 'receiver-secret-0123456789';
const STREAM = { type: 'ASSET' as const, namespace: 'kafka://risk-prod', name: 'payments.transactions' };

interface Received {
  body: string;
  headers: Record<string, string | string[] | undefined>;
  answered: number;
}

/** A real HTTP receiver that refuses its first `failures` requests with 503. */
async function receiver(failures: number): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  let refused = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const answered = refused < failures ? 503 : 200;
      if (answered === 503) refused++;
      received.push({ body, headers: req.headers, answered });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, server };
}

describeEachEngine('alerts on the demo platform', (engine) => {
  let database: TestDatabase;
  let store: GraphStore;
  let index: GraphIndex;
  let alerts: AlertService;
  let hook: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    store = await database.open();
    await loadDemo(store);
    // At the end of the demo's history every asset is fresh (demo/platform/writerRuns.ts): no LATE cause.
    index = await GraphIndex.load(store);
    hook = await receiver(2);
    alerts = await AlertService.start({ store, index, endpoints: [{ name: 'pager', url: hook.url, secret: SECRET }], intervalMs: 0, now: () => DEMO_NOW, sender: { minDelayMs: 20, maxDelayMs: 100, pollMs: 20 } });
  }, 240_000);
  afterAll(async () => {
    await alerts?.close();
    index?.close();
    hook?.server.close();
    await database?.dispose();
  });

  it('an incident on the payments stream opens one alert reaching the rules impact says a cut-off reaches, with their traffic, delivered after two refusals', async () => {
    const incident = await alerts.incidents.open({ node: STREAM, severity: 'CRITICAL', note: 'consumer lag 40 min', actor: 'oncall' });
    await alerts.engine.settled();
    await alerts.engine.evaluate();
    const open = await readAlerts(store.db, { status: 'OPEN' });
    expect(open).toHaveLength(1);
    const alert = open[0]!;
    expect(alert.state.rootKey).toBe(`incident:${incident.id}`);
    const expected = impactOf(index, { ids: [nodeId('ASSET', STREAM.namespace, STREAM.name)], mode: 'CUTOFF' });
    const rules = (nodes: { kind: string; id: string }[]) => nodes.filter((n) => n.kind === 'RULE').map((n) => n.id).sort();
    expect(rules(alert.state.reached)).toEqual(rules([...expected.broken, ...expected.degraded]));
    expect(rules(alert.state.reached).length).toBeGreaterThan(0);
    // The demo meters rule evaluations: the reached rules' traffic is summed into the summary.
    const ruleCount = alert.state.impact.byKind.filter((k) => k.kind === 'RULE');
    expect(ruleCount.some((k) => k.traffic !== null && k.traffic > 0)).toBe(true);
    expect(alert.summary).toMatch(/rules? (broken|degraded) \(.* uses\/day\)/);

    // The receiver answers before the sender records the attempt: wait for the delivery log.
    await waitUntil('the opening delivered', async () => (await readDeliveries(store.db, alert.id))[0]?.status === 'SENT', 30_000);
    const opened = hook.received.filter((r) => JSON.parse(r.body).idempotencyKey === `${alert.id}:1`);
    expect(opened.map((r) => r.answered)).toEqual([503, 503, 200]);
    expect(new Set(opened.map((r) => r.headers['idempotency-key']))).toEqual(new Set([`${alert.id}:1`]));
    expect(opened.map((r) => r.headers['x-dctx-delivery-attempt'])).toEqual(['1', '2', '3']);
    for (const r of opened) expect(verifySignature(SECRET, r.body, r.headers['x-dctx-signature'] as string)).toBe(true);
    expect(verifySignature('another-secret-000000', opened[2]!.body, opened[2]!.headers['x-dctx-signature'] as string)).toBe(false);
    expect(JSON.parse(opened[2]!.body)).toMatchObject({ type: 'alert.opened', alert: { id: alert.id, severity: 'CRITICAL', rootCause: `incident:${incident.id}` } });
    const [delivery] = await readDeliveries(store.db, alert.id);
    expect(delivery).toMatchObject({ endpoint: 'pager', status: 'SENT' });
    expect(delivery!.attempts.map((a) => a.httpStatus)).toEqual([503, 503, 200]);
  });

  it('an incident on a rule the stream reaches joins the same alert; resolving both resolves it, and the receiver is told each change once', async () => {
    const [alert] = await readAlerts(store.db, { status: 'OPEN' });
    const downstream = alert!.state.reached.find((r) => r.kind === 'RULE')!;
    const second = await alerts.incidents.open({ node: { type: 'ASSET', namespace: downstream.namespace, name: downstream.name }, severity: 'LOW', note: 'hit rate dropped', actor: 'oncall' });
    await alerts.engine.settled();
    await alerts.engine.evaluate();
    const open = await readAlerts(store.db, { status: 'OPEN' });
    expect(open.map((a) => [a.id, a.state.causes.map((c) => c.key)])).toEqual([[alert!.id, [alert!.state.rootKey, `incident:${second.id}`]]]);

    // The stream recovers first: the alert stays open on the rule's incident, with the stream's cleared.
    const [first] = alert!.state.causes;
    await alerts.incidents.resolve(Number(first!.key.split(':')[1]), 'oncall', 'lag back to 0');
    await alerts.engine.settled();
    await alerts.engine.evaluate();
    const still = await readAlerts(store.db, { status: 'OPEN' });
    expect(still.map((a) => [a.id, a.state.causes.map((c) => c.key), a.state.cleared, a.severity])).toEqual([[alert!.id, [`incident:${second.id}`], [first!.key], 'LOW']]);
    await alerts.incidents.resolve(second.id, 'oncall', 'fixed');
    await alerts.engine.settled();
    await alerts.engine.evaluate();
    expect(await readAlerts(store.db, { status: 'OPEN' })).toEqual([]);
    const events = await readAlertEvents(store.db, alert!.id);
    expect(events.map((e) => e.event)).toEqual(['OPENED', 'CHANGED', 'CHANGED', 'RESOLVED']);
    await waitUntil('the resolution delivered', () => hook.received.some((r) => r.answered === 200 && JSON.parse(r.body).type === 'alert.resolved'), 30_000);
    const delivered = hook.received.filter((r) => r.answered === 200).map((r) => JSON.parse(r.body));
    expect(delivered.map((p) => [p.type, p.idempotencyKey])).toEqual([
      ['alert.opened', `${alert!.id}:1`],
      ['alert.changed', `${alert!.id}:2`],
      ['alert.changed', `${alert!.id}:3`],
      ['alert.resolved', `${alert!.id}:4`],
    ]);
  });

  it('a failing dbt-style test on a field opens an ASSERTION_FAILED alert reaching what impact says a change of that field reaches; a later pass resolves it', async () => {
    const table = nodeId('ASSET', 'hive://warehouse', 'ods.ods_payment_txn');
    await store.recordQualityResults('dbt', [
      { nodeId: table, field: 'amount', check: 'not_null_ods_payment_txn_amount', observedAt: '2025-06-14T20:00:00Z', outcome: 'fail', observed: 412, message: '412 rows with a null amount' },
    ]);
    await alerts.engine.evaluate();
    const open = await readAlerts(store.db, { status: 'OPEN' });
    expect(open).toHaveLength(1);
    const alert = open[0]!;
    expect(alert.state.rootKey).toMatch(/^assertion:/);
    expect(alert.state.causes.map((c) => [c.kind, c.fields])).toEqual([['ASSERTION_FAILED', ['amount']]]);
    const expected = impactOf(index, { mode: 'SCHEMA_CHANGE', fields: [{ id: table, field: 'amount' }] });
    const rules = (nodes: { kind: string; id: string }[]) => nodes.filter((n) => n.kind === 'RULE').map((n) => n.id).sort();
    expect(rules(alert.state.reached)).toEqual(rules([...expected.broken, ...expected.degraded]));
    expect(rules(alert.state.reached).length).toBeGreaterThan(0);

    await store.recordQualityResults('dbt', [
      { nodeId: table, field: 'amount', check: 'not_null_ods_payment_txn_amount', observedAt: '2025-06-14T21:00:00Z', outcome: 'pass', observed: 0 },
    ]);
    await alerts.engine.evaluate();
    expect(await readAlerts(store.db, { status: 'OPEN' })).toEqual([]);
    expect((await readAlertEvents(store.db, alert.id)).map((e) => e.event)).toEqual(['OPENED', 'RESOLVED']);
  });
});
