import { expect, it } from 'vitest';
import { coalescedChangeset } from '../../../ingestors/openlineage/index.js';
import { describeEachEngine, resetStore, useStore } from '../../support/engines.js';
import { graphSnapshot } from './graphSnapshot.js';
import { RUN_1, RUN_3, WAREHOUSE, dataset, runEvent, schema, validEvents } from './olEvents.js';

/**
 * The counterexample the batch-equivalence property found next (seed -955648789, CI 2026-12-02):
 * one job's column lineage from risk.orders.id into itself, the same job then sending the schema
 * empty (the field, and with it the field edge, ends), and a second job's column lineage on the
 * same field declaring it again. One by one the first job's field edge stays ended; a batch kept it
 * to the end, found the field declared again, and committed it. The batch now ends it when the
 * emptied claim is absorbed, as the commit of that event would have.
 */
const intoItself = (job: string, runId: string, minute: string, facets: Record<string, unknown>) =>
  runEvent({ runId, job, eventType: 'START', eventTime: `2026-03-01T08:${minute}:00Z`, outputs: [dataset('risk.orders', facets)] });
const idFromId = { columnLineage: { fields: { id: { inputFields: [{ namespace: WAREHOUSE, name: 'risk.orders', field: 'id' }] } } } };

const EVENTS = validEvents([
  intoItself('score_features', RUN_1, '00', idFromId),
  intoItself('score_features', RUN_1, '01', schema()),
  intoItself('load_orders', RUN_3, '02', idFromId),
]);

describeEachEngine('OpenLineage: a field declared again after a schema emptied it', (engine) => {
  const shared = useStore(engine);

  it('does not bring back the field edge that ended with the field, one by one and in one batch', async () => {
    const store = shared.store();
    await resetStore(store);
    for (const one of EVENTS) await store.apply(await coalescedChangeset(store, [one]));
    const oneByOne = await graphSnapshot(store);
    await resetStore(store);
    await store.apply(await coalescedChangeset(store, [...EVENTS]));
    const batch = await graphSnapshot(store);
    // By hand: only load_orders' lineage names the field after the schema was emptied.
    const field = `${WAREHOUSE}::risk.orders#id`;
    expect(batch.fieldEdges).toEqual([`${field} -> ${field} via airflow://risk::load_orders DIRECT/`]);
    expect(batch).toEqual(oneByOne);
  });
});
