import { expect, it } from 'vitest';
import { loadDemo } from '../../../demo/loadDemo.js';
import { nodeId } from '../../../graph-model/ids.js';
import { GraphIndex } from '../../../graph-model/index/graphIndex.js';
import { AlertService } from '../../../server/alerts/alertService.js';
import { describeEachEngine } from '../../support/engines.js';
import { data, useLoadedService } from './graphqlClient.js';

const STREAM = { type: 'ASSET' as const, namespace: 'kafka://risk-prod', name: 'payments.transactions' };
const STREAM_ID = nodeId('ASSET', STREAM.namespace, STREAM.name);

const ALERT_FIELDS = `id status severity rootCause summary
  causes { key kind source nodeId namespace name fields severity summary evidence }
  reached { id kind status distance path cause traffic }
  history { revision event causes cleared }`;

describeEachEngine('GraphQL alerts and alert', (engine) => {
  let incidentKey = '';
  const loaded = useLoadedService(engine, async (store) => {
    await loadDemo(store);
    // The alerts of an engine that ran on this store (dctx serve runs one): an incident on the
    // payments stream, evaluated once; the API reads what the engine stored.
    const index = await GraphIndex.load(store);
    const alerts = await AlertService.start({ store, index, sources: [], intervalMs: 0 });
    try {
      const incident = await alerts.incidents.open({ node: STREAM, severity: 'HIGH', note: 'consumer lag 40 min', actor: 'oncall' });
      incidentKey = `incident:${incident.id}`;
      await alerts.engine.settled();
      await alerts.engine.evaluate();
    } finally {
      await alerts.close();
      index.close();
    }
  }, { timeout: 240_000 });

  it('lists the open alert with its cause, the rules it reaches (the same as impact of a cut-off) and an evidence path to each', async () => {
    const base = loaded.service().base;
    const d = await data(base, `{ alerts(status: OPEN) { ${ALERT_FIELDS} } }`);
    expect(d.alerts).toHaveLength(1);
    const [alert] = d.alerts;
    expect(alert).toMatchObject({ status: 'OPEN', severity: 'HIGH', rootCause: incidentKey });
    expect(alert.causes).toEqual([
      expect.objectContaining({ key: incidentKey, kind: 'INCIDENT', nodeId: STREAM_ID, namespace: STREAM.namespace, name: STREAM.name, fields: [], severity: 'HIGH' }),
    ]);
    expect(JSON.parse(alert.causes[0].evidence)).toMatchObject({ note: 'consumer lag 40 min' });

    const impact = await data(base, `query($ids: [ID!]!) { impact(ids: $ids, mode: CUTOFF, first: 500) { broken { node { id kind } } degraded { node { id kind } } } }`, { ids: [STREAM_ID] });
    const ruleIds = (nodes: { id: string; kind: string }[]) => nodes.filter((n) => n.kind === 'RULE').map((n) => n.id).sort();
    const expectedRules = ruleIds([...impact.impact.broken, ...impact.impact.degraded].map((n: { node: { id: string; kind: string } }) => n.node));
    expect(expectedRules.length).toBeGreaterThan(0);
    expect(ruleIds(alert.reached)).toEqual(expectedRules);
    for (const r of alert.reached) {
      expect(r.path[0]).toBe(STREAM_ID);
      expect(r.path.at(-1)).toBe(r.id);
      expect(r.path).toHaveLength(r.distance + 1);
      expect(r.cause).toBe(incidentKey);
    }
    expect(alert.history).toEqual([{ revision: 1, event: 'OPENED', causes: [incidentKey], cleared: [] }]);
  });

  it('filters by status, severity and a node reached; alert(id) answers one, null for an unknown id', async () => {
    const base = loaded.service().base;
    const [open] = (await data(base, `{ alerts(status: OPEN) { id reached { id kind } } }`)).alerts;
    const rule = open.reached.find((r: { kind: string }) => r.kind === 'RULE');
    expect((await data(base, `{ alerts(status: RESOLVED) { id } }`)).alerts).toEqual([]);
    expect((await data(base, `{ alerts(severity: LOW) { id } }`)).alerts).toEqual([]);
    expect((await data(base, `{ alerts(severity: HIGH) { id } }`)).alerts).toEqual([{ id: open.id }]);
    expect((await data(base, `query($r: ID!) { alerts(reaches: $r) { id } }`, { r: rule.id })).alerts).toEqual([{ id: open.id }]);
    expect((await data(base, `query($r: ID!) { alerts(reaches: $r) { id } }`, { r: STREAM_ID })).alerts).toEqual([{ id: open.id }]);
    expect((await data(base, `query($r: ID!) { alerts(reaches: $r) { id } }`, { r: nodeId('ASSET', 'nowhere', 'nothing') })).alerts).toEqual([]);
    expect((await data(base, `query($id: ID!) { alert(id: $id) { id status } }`, { id: open.id })).alert).toEqual({ id: open.id, status: 'OPEN' });
    expect((await data(base, `{ alert(id: "no-such-alert") { id } }`)).alert).toBeNull();
  });
});
