import { afterEach, beforeEach, expect, it } from 'vitest';
import { AlertEngine } from '../../graph-model/alerts/alertEngine.js';
import { readAlertEvents, readAlerts } from '../../graph-model/alerts/operations/readAlerts.js';
import { impactOf } from '../../graph-model/analyses/impact.js';
import { nodeId } from '../../graph-model/ids.js';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { A, NS, job, pipeline, reads, table, writes } from '../support/builders.js';
import { describeEachEngine, useStore } from '../support/engines.js';
import { FixedCauses, cause } from './fixedCauses.js';

const id = (name: string) => nodeId('ASSET', NS, name);
const ORDERS = A('shop.public.orders');
const ENRICHED = A('shop.mart.orders_enriched');

describeEachEngine('the alert engine on a small pipeline', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  let index: GraphIndex;
  let source: FixedCauses;
  let alerts: AlertEngine;
  beforeEach(async () => {
    store = shared.store();
    await store.apply(pipeline());
    index = await GraphIndex.load(store);
    source = new FixedCauses();
    alerts = await AlertEngine.start({ db: store.db, graph: index, sources: [source], intervalMs: 0 });
  });
  afterEach(() => {
    alerts.close();
    index.close();
  });

  it('opens one alert for a cause, reaching what impact says a cut-off of its node reaches', async () => {
    source.set(cause('c:orders', ORDERS, { severity: 'HIGH' }));
    await alerts.evaluate();
    const [alert, ...others] = await readAlerts(store.db, { status: 'OPEN' });
    expect(others).toEqual([]);
    const expected = impactOf(index, { ids: [id('shop.public.orders')], mode: 'CUTOFF' });
    expect(alert!.state.reached.map((r) => [r.id, r.status]).sort()).toEqual([...expected.broken, ...expected.degraded].map((n) => [n.id, n.status]).sort());
    // orders is one of enrich's two inputs, both required: enrich and what it writes are broken.
    expect(alert!.state.reached.map((r) => r.name).sort()).toEqual(['enrich', 'shop.mart.orders_enriched']);
    expect(alert).toMatchObject({ severity: 'HIGH', revision: 1, state: { rootKey: 'c:orders' } });
  });

  it('at field level reaches only the consumers of the field', async () => {
    source.set(cause('c:phone', A('shop.public.users'), { fields: ['phone'] }));
    await alerts.evaluate();
    const [alert] = await readAlerts(store.db, { status: 'OPEN' });
    const expected = impactOf(index, { fields: [{ id: id('shop.public.users'), field: 'phone' }], mode: 'SCHEMA_CHANGE' });
    expect(alert!.state.reached.map((r) => r.id).sort()).toEqual([...expected.broken, ...expected.degraded].map((n) => n.id).sort());
  });

  it('keeps a downstream cause in its root\'s alert, keeps the alert while a cause is open, and resolves it when all clear', async () => {
    source.set(cause('c:orders', ORDERS, { severity: 'LOW' }));
    await alerts.evaluate();
    const [first] = await readAlerts(store.db, { status: 'OPEN' });
    source.set(cause('c:orders', ORDERS, { severity: 'LOW' }), cause('c:enriched', ENRICHED, { severity: 'CRITICAL', since: '2026-03-01T09:00:00.000Z' }));
    await alerts.evaluate();
    let open = await readAlerts(store.db, { status: 'OPEN' });
    expect(open.map((a) => [a.id, a.severity, a.state.rootKey, a.state.causes.map((c) => c.key)])).toEqual([[first!.id, 'CRITICAL', 'c:orders', ['c:orders', 'c:enriched']]]);

    source.set(cause('c:enriched', ENRICHED, { severity: 'CRITICAL', since: '2026-03-01T09:00:00.000Z' }));
    await alerts.evaluate();
    open = await readAlerts(store.db, { status: 'OPEN' });
    expect(open.map((a) => [a.id, a.state.rootKey, a.state.cleared])).toEqual([[first!.id, 'c:enriched', ['c:orders']]]);

    source.set();
    await alerts.evaluate();
    expect(await readAlerts(store.db, { status: 'OPEN' })).toEqual([]);
    const history = await readAlertEvents(store.db, first!.id);
    expect(history.map((e) => [e.revision, e.event])).toEqual([[1, 'OPENED'], [2, 'CHANGED'], [3, 'CHANGED'], [4, 'RESOLVED']]);
    // An evaluation with nothing changed writes nothing.
    expect((await alerts.evaluate())!.revisions).toBe(0);
  });

  it('recomputes only the causes a changeset touched, and follows the graph when it does', async () => {
    source.set(cause('c:orders', ORDERS));
    await alerts.evaluate();
    // A table elsewhere: nothing the cause reaches is touched.
    const unrelated = await store.apply({ source: 'other', mode: 'full', assets: [table('elsewhere.t', ['x'])] });
    await index.waitFor(unrelated.version);
    await alerts.settled();
    const quiet = await alerts.evaluate();
    expect(alerts.lastStats).toMatchObject({ recomputedCauses: 0 });
    expect(quiet!.revisions).toBe(0);
    // Nothing the alert follows from changed: its state is not even built again.
    expect(quiet!.rebuiltAlerts).toBe(0);
    // A new reader of orders_enriched: the reach grows, the alert changes.
    const grown = await store.apply({
      source: 'other',
      mode: 'full',
      assets: [table('elsewhere.t', ['x']), table('shop.mart.report', ['n'])],
      computations: [job('report')],
      edges: [reads('shop.mart.orders_enriched', 'report'), writes('report', 'shop.mart.report')],
    });
    await index.waitFor(grown.version);
    await alerts.settled();
    expect(alerts.lastStats).toMatchObject({ version: grown.version, recomputedCauses: 1, rebuiltAlerts: 1, revisions: 1 });
    await alerts.evaluate();
    const [alert] = await readAlerts(store.db, { status: 'OPEN' });
    expect(alert!.state.reached.map((r) => r.name).sort()).toEqual(['enrich', 'report', 'shop.mart.orders_enriched', 'shop.mart.report']);
    expect(alert!.revision).toBe(2);
    expect((await readAlerts(store.db, { reaches: id('shop.mart.report') })).map((a) => a.id)).toEqual([alert!.id]);
    expect(await readAlerts(store.db, { reaches: id('elsewhere.t') })).toEqual([]);
  });
});
