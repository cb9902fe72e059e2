import { expect, it } from 'vitest';
import { coalescedChangeset } from '../../../ingestors/openlineage/index.js';
import { describeEachEngine, resetStore, useStore } from '../../support/engines.js';
import { graphSnapshot } from './graphSnapshot.js';
import { RUN_1, WAREHOUSE, dataset, datasetEvent, runEvent, schema, validEvents } from './olEvents.js';

/**
 * The counterexample the batch-equivalence property found (seed -818838191): a dataset whose
 * schema facet is later sent empty while column lineage names one of its fields. Mapping read that
 * field's type from the merged node version, which a batch does not keep current, so the field kept
 * its type one by one and lost it in a batch. It is now read from this source's previous claim
 * (and other sources'), the same either way.
 */
const lineage = (output: string, input: string, field: string) => ({
  columnLineage: { fields: { [output]: { inputFields: [{ namespace: WAREHOUSE, name: input, field }] } } },
});

const EVENTS = validEvents([
  datasetEvent('risk.orders', schema('id')),
  runEvent({ runId: RUN_1, eventType: 'START', eventTime: '2026-03-01T08:01:00Z', outputs: [dataset('risk.orders', { ...schema(), ...lineage('id', 'risk.users', 'amount') })] }),
]);
/** The same from a dataset into itself, which the property's generator had to leave out. */
const INTO_ITSELF = validEvents([
  datasetEvent('risk.orders', schema('score')),
  runEvent({ runId: RUN_1, eventType: 'START', eventTime: '2026-03-01T08:01:00Z', outputs: [dataset('risk.orders', { ...schema(), ...lineage('id', 'risk.orders', 'score') })] }),
  runEvent({ runId: RUN_1, eventType: 'START', eventTime: '2026-03-01T08:02:00Z', outputs: [dataset('risk.orders', { ...schema(), ...lineage('id', 'risk.orders', 'score') })] }),
]);

describeEachEngine('OpenLineage: a schema sent empty with column lineage on its fields', (engine) => {
  const shared = useStore(engine);

  for (const [title, events, expected] of [
    ['into another dataset', EVENTS, [{ name: 'id', type: 'text' }]],
    ['from a dataset into itself', INTO_ITSELF, [{ name: 'id' }, { name: 'score', type: 'text' }]],
  ] as const) {
    it(`keeps the type this source declared before, one by one and in one batch: ${title}`, async () => {
      const store = shared.store();
      await resetStore(store);
      for (const one of events) await store.apply(await coalescedChangeset(store, [one]));
      const oneByOne = await graphSnapshot(store);
      await resetStore(store);
      await store.apply(await coalescedChangeset(store, [...events]));
      const batch = await graphSnapshot(store);
      // By hand: the schema facet said nothing of the field lineage names; its type is the DatasetEvent's.
      const orders = batch.assets.find((a) => a.name === 'risk.orders')!;
      expect([...orders.definition.fields!].sort((a, b) => a.name.localeCompare(b.name))).toEqual(expected);
      expect(batch).toEqual(oneByOne);
    });
  }
});
