import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadDemo } from '../../demo/loadDemo.js';
import { features } from '../../demo/platform/features.js';
import { STEPS } from '../../demo/platform/steps.js';
import { DEMO_NOW, FLINK_NAMESPACE, ODS_SINKS, sinkJobName } from '../../demo/platform/writerRuns.js';
import { readAlertEvents, readAlerts } from '../../graph-model/alerts/operations/readAlerts.js';
import { impactOf } from '../../graph-model/analyses/impact.js';
import { nodeId } from '../../graph-model/ids.js';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import type { RunRecord } from '../../graph-model/model.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { AlertService } from '../../server/alerts/alertService.js';
import { createTestDatabase, describeEachEngine, type TestDatabase } from '../support/engines.js';

const LATE_TABLE = 'ods.ods_payment_txn';
const LATE_ID = nodeId('ASSET', 'hive://warehouse', LATE_TABLE);
const NIGHTLY = features(STEPS.length).filter((f) => f.freshness === '1d' && f.sql !== undefined).map((f) => f.name);

const run = (namespace: string, name: string, end: string): RunRecord => ({ runId: `${name}-${end}`, computation: { namespace, name }, state: 'COMPLETE', startedAt: new Date(Date.parse(end) - 60_000).toISOString(), endedAt: end });
const sinkRun = (table: string, end: string) => run(FLINK_NAMESPACE, sinkJobName(table), end);
const nightlyRun = (feature: string, end: string) => run('risk.features', `${feature}.pipeline`, end);
const hours = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `2025-06-15T${String(from + i).padStart(2, '0')}:00:00.000Z`);

describeEachEngine('an ODS table of the demo going late', (engine) => {
  let database: TestDatabase;
  let store: GraphStore;
  let index: GraphIndex;
  let alerts: AlertService;
  let now = DEMO_NOW;
  /** Runs as the writers' scheduler reports them: a delta of runs only, which creates no graph version. */
  const record = (runs: RunRecord[]) => store.apply({ source: 'scheduler', mode: 'delta', runs });
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    store = await database.open();
    await loadDemo(store);
    index = await GraphIndex.load(store);
    // The default sources (quality results, freshness, incidents) on a clock the test moves.
    alerts = await AlertService.start({ store, index, intervalMs: 0, now: () => now });
  }, 240_000);
  afterAll(async () => {
    await alerts?.close();
    index?.close();
    await database?.dispose();
  });

  it('is fresh at the end of the demo history: no alert', async () => {
    await alerts.engine.evaluate();
    expect(await readAlerts(store.db, { status: 'OPEN' })).toEqual([]);
  });

  it("opens one alert for the late table, the nightly features it made late joining it, reaching impact's answer with traffic in its summary", async () => {
    const cutoff = impactOf(index, { ids: [LATE_ID], mode: 'CUTOFF' });
    const reachedByImpact = [...cutoff.broken, ...cutoff.degraded];
    const lateFeatures = reachedByImpact.filter((n) => n.kind === 'FEATURE' && NIGHTLY.includes(n.name)).map((n) => n.name).sort();
    // The demo's warehouse chain carries the payments table to several nightly features.
    expect(lateFeatures.length).toBeGreaterThan(1);
    // Nine hours on: every other sink committed each hour; the nightly loads of 02:00 ran except
    // those waiting for the late table; the payments sink has written nothing since midnight.
    now = '2025-06-15T09:05:00.000Z';
    await record([
      ...ODS_SINKS.filter(([table]) => table !== LATE_TABLE).flatMap(([table]) => hours(1, 9).map((end) => sinkRun(table, end))),
      ...NIGHTLY.filter((f) => !lateFeatures.includes(f)).map((f) => nightlyRun(f, '2025-06-15T02:00:00.000Z')),
    ]);
    await alerts.engine.evaluate();

    const open = await readAlerts(store.db, { status: 'OPEN' });
    expect(open).toHaveLength(1);
    const alert = open[0]!;
    expect(alert.state.rootKey).toBe(`late:${LATE_ID}`);
    // The root first, then the causes it explains: every nightly feature downstream of it, and nothing else.
    expect(alert.state.causes[0]!.node.name).toBe(LATE_TABLE);
    expect(alert.state.causes.slice(1).map((c) => c.node.name).sort()).toEqual(lateFeatures);
    expect(new Set(alert.state.causes.map((c) => c.kind))).toEqual(new Set(['LATE']));
    // Due at 01:00, 8 h late against an hourly interval learned from the sink's commits.
    expect(alert.state.causes[0]).toMatchObject({ severity: 'HIGH', evidence: { origin: 'LEARNED', expectedIntervalSeconds: 3600, lastSuccessfulWrite: '2025-06-15T00:00:00.000Z' } });
    expect(alert.severity).toBe('HIGH');

    // The late features are downstream of the table: what the alert reaches is what the table does.
    const ids = (nodes: { id: string }[]) => nodes.map((n) => n.id).sort();
    expect(ids(alert.state.reached)).toEqual(ids(reachedByImpact));
    const rules = (nodes: { kind: string; id: string }[]) => ids(nodes.filter((n) => n.kind === 'RULE'));
    expect(rules(alert.state.reached).length).toBeGreaterThan(0);
    const ruleTraffic = alert.state.impact.byKind.find((k) => k.kind === 'RULE')!;
    expect(ruleTraffic.traffic).toBeGreaterThan(0);
    expect(alert.summary).toMatch(/^8\.1 h late \(expected every 1 h\) \(and \d+ more causes\); reaches .*rules? (broken|degraded) \([\d.]+[KM]? uses\/day\)/);
  });

  it("stays open on the features while they are late after the table's next write, and resolves once they are reloaded", async () => {
    const [alert] = await readAlerts(store.db, { status: 'OPEN' });
    const lateFeatures = alert!.state.causes.filter((c) => c.node.name !== LATE_TABLE).map((c) => c.node.name);
    now = '2025-06-15T09:35:00.000Z';
    await record([sinkRun(LATE_TABLE, '2025-06-15T09:30:00.000Z')]);
    await alerts.engine.evaluate();
    let open = await readAlerts(store.db, { status: 'OPEN' });
    expect(open.map((a) => [a.id, a.state.cleared, a.state.causes.map((c) => c.node.name).sort()])).toEqual([[alert!.id, [`late:${LATE_ID}`], [...lateFeatures].sort()]]);

    now = '2025-06-15T10:05:00.000Z';
    await record([
      ...ODS_SINKS.map(([table]) => sinkRun(table, '2025-06-15T10:00:00.000Z')),
      ...lateFeatures.map((f) => nightlyRun(f, '2025-06-15T09:50:00.000Z')),
    ]);
    await alerts.engine.evaluate();
    open = await readAlerts(store.db, { status: 'OPEN' });
    expect(open).toEqual([]);
    expect((await readAlertEvents(store.db, alert!.id)).map((e) => e.event)).toEqual(['OPENED', 'CHANGED', 'RESOLVED']);
  });
});
