import { afterEach, beforeEach, expect, it } from 'vitest';
import { Incidents } from '../../graph-model/alerts/incidents/incidents.js';
import { readAlerts } from '../../graph-model/alerts/operations/readAlerts.js';
import { nodeId } from '../../graph-model/ids.js';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { AlertService } from '../../server/alerts/alertService.js';
import { A, NS, pipeline } from '../support/builders.js';
import { describeEachEngine, useStore } from '../support/engines.js';

const ORDERS = A('shop.public.orders');
const ORDERS_ID = nodeId('ASSET', NS, 'shop.public.orders');

/**
 * Writes that create no graph version (incidents, quality results) are evaluated when they are
 * committed, not at the engine's interval: here an hour, so that an alert read after the engine
 * settles can only come from the write's own trigger.
 */
describeEachEngine('alerts triggered by writes without a graph version', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  let index: GraphIndex;
  let alerts: AlertService;
  beforeEach(async () => {
    store = shared.store();
    await store.apply(pipeline());
    index = await GraphIndex.load(store);
    alerts = await AlertService.start({ store, index, intervalMs: 3_600_000 });
  });
  afterEach(async () => {
    await alerts.close();
    index.close();
  });

  it("an incident opened, by the service's incidents or any other in the process, is an alert once the engine settles; resolving resolves it", async () => {
    const before = alerts.engine.evaluations;
    // The HTTP route and the CLI open incidents through their own Incidents on the store.
    const elsewhere = new Incidents(store);
    const incident = await elsewhere.open({ node: ORDERS, severity: 'HIGH', note: 'loader stuck', actor: 'oncall' });
    await alerts.engine.settled();
    const open = await readAlerts(store.db, { status: 'OPEN' });
    expect(open.map((a) => a.state.rootKey)).toEqual([`incident:${incident.id}`]);
    expect(alerts.engine.evaluations).toBeGreaterThan(before);

    await alerts.incidents.resolve(incident.id, 'oncall', 'unstuck');
    await alerts.engine.settled();
    expect(await readAlerts(store.db, { status: 'OPEN' })).toEqual([]);
  });

  it('a failing quality result recorded without a changeset is an alert once the engine settles; a pass clears it', async () => {
    const observedAt = new Date(Date.now() - 60_000).toISOString();
    await store.recordQualityResults('checker', [{ nodeId: ORDERS_ID, field: 'id', check: 'unique_orders_id', observedAt, outcome: 'fail', observed: 3 }]);
    await alerts.engine.settled();
    const open = await readAlerts(store.db, { status: 'OPEN' });
    expect(open.map((a) => [a.state.causes[0]!.kind, a.state.causes[0]!.fields])).toEqual([['ASSERTION_FAILED', ['id']]]);

    await store.recordQualityResults('checker', [{ nodeId: ORDERS_ID, field: 'id', check: 'unique_orders_id', observedAt: new Date(Date.now() - 30_000).toISOString(), outcome: 'pass', observed: 0 }]);
    await alerts.engine.settled();
    expect(await readAlerts(store.db, { status: 'OPEN' })).toEqual([]);
  });
});
