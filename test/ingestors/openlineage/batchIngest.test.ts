import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { coalescedChangeset, ingestEvents, type OpenLineageEvent } from '../../../ingestors/openlineage/index.js';
import { readEventsFile } from '../../../ingestors/openlineage/readEventsFile.js';
import { describeEachEngine, resetStore, useStore } from '../../support/engines.js';
import { graphSnapshot } from './graphSnapshot.js';
import { JOBS_NS, PRODUCER, RUN_1, RUN_2, RUN_3, WAREHOUSE, dataset, datasetEvent, runEvent, schema, validEvents, type Json } from './olEvents.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/openlineage/', import.meta.url));

function eventFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return eventFiles(path);
      return /\.(json|ndjson|jsonl)$/.test(entry.name) && !entry.name.endsWith('.expected.json') ? [path] : [];
    })
    .sort();
}

const time = (day: number, minute: number) => `2026-03-0${day}T08:${String(minute).padStart(2, '0')}:00Z`;
const columnLineage = (output: string, input: string, field: string): Json => ({
  columnLineage: { fields: { [output]: { inputFields: [{ namespace: WAREHOUSE, name: input, field }] } } },
});

/**
 * Sequences of events whose effect depends on the events before them in the same batch: a run's
 * I/O replacing the job's, facets overlaid, drops, late completions, a schema that loses a field.
 */
const SEQUENCES: Record<string, Json[]> = {
  'two runs, the second reads less': [
    runEvent({ runId: RUN_1, eventType: 'START', eventTime: time(1, 0), inputs: [dataset('risk.orders', schema('id', 'amount')), dataset('risk.users')] }),
    runEvent({ runId: RUN_1, eventType: 'COMPLETE', eventTime: time(1, 5), outputs: [dataset('risk.features', columnLineage('score', 'risk.users', 'age'))] }),
    runEvent({ runId: RUN_2, eventType: 'START', eventTime: time(2, 0), inputs: [dataset('risk.orders')] }),
    runEvent({ runId: RUN_2, eventType: 'COMPLETE', eventTime: time(2, 5), outputs: [dataset('risk.features', columnLineage('score', 'risk.orders', 'amount'))] }),
    // An older run completing late does not roll the job back to its I/O.
    runEvent({ runId: RUN_3, eventType: 'COMPLETE', eventTime: time(1, 30), inputs: [dataset('risk.users')] }),
  ],
  'run state moves forward only; facets overlay': [
    runEvent({ runId: RUN_1, eventType: 'START', eventTime: time(1, 0), jobFacets: { sql: { query: 'select 1' } }, inputs: [dataset('risk.orders', schema('id'))] }),
    runEvent({ runId: RUN_1, eventType: 'FAIL', eventTime: time(1, 2), runFacets: { errorMessage: { message: 'OOM', programmingLanguage: 'python' } } }),
    runEvent({ runId: RUN_1, eventType: 'RUNNING', eventTime: time(1, 1), inputs: [dataset('risk.orders', { documentation: { description: 'orders' } })] }),
  ],
  'a dataset dropped, then its job runs again': [
    runEvent({ runId: RUN_1, eventType: 'COMPLETE', eventTime: time(1, 0), inputs: [dataset('risk.orders')], outputs: [dataset('risk.users', columnLineage('age', 'risk.orders', 'dob'))] }),
    runEvent({ runId: RUN_2, eventType: 'COMPLETE', eventTime: time(2, 0), outputs: [dataset('risk.users', { lifecycleStateChange: { lifecycleStateChange: 'DROP' } })] }),
    datasetEvent('risk.orders', schema('id', 'dob'), time(2, 10)),
    runEvent({ runId: RUN_3, eventType: 'COMPLETE', eventTime: time(3, 0), inputs: [dataset('risk.orders')], outputs: [dataset('risk.features')] }),
  ],
  'a schema that loses a field a field edge used': [
    runEvent({ runId: RUN_1, eventType: 'START', eventTime: time(1, 0), outputs: [dataset('risk.features', columnLineage('score', 'risk.orders', 'amount'))] }),
    datasetEvent('risk.orders', schema('id'), time(1, 1)),
  ],
  'parent jobs and several jobs': [
    runEvent({
      runId: RUN_1,
      eventType: 'START',
      eventTime: time(1, 0),
      runFacets: { parent: { _producer: PRODUCER, _schemaURL: 'https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json#/$defs/ParentRunFacet', run: { runId: RUN_3 }, job: { namespace: JOBS_NS, name: 'risk_dag' } } },
      inputs: [dataset('risk.orders')],
    }),
    runEvent({ runId: RUN_2, job: 'other_job', eventType: 'COMPLETE', eventTime: time(1, 1), inputs: [dataset('risk.orders')], outputs: [dataset('risk.users')] }),
    runEvent({ runId: RUN_1, eventType: 'COMPLETE', eventTime: time(1, 2), outputs: [dataset('risk.users')] }),
  ],
};


describeEachEngine('OpenLineage batches as one changeset', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(() => {
    store = shared.store();
  });

  /** The graph the events leave when committed one changeset per event (a batch of one), each read against the last. */
  async function oneByOne(events: OpenLineageEvent[]) {
    await resetStore(store);
    for (const event of events) await store.apply(await coalescedChangeset(store, [event]));
    return graphSnapshot(store);
  }

  for (const file of eventFiles(FIXTURES)) {
    it(`ingests ${relative(FIXTURES, file)} in one request to the expected graph, in one version, and again to none`, async () => {
      const items = await readEventsFile(file);
      const expected = JSON.parse(readFileSync(file.replace(/\.(json|ndjson|jsonl)$/, '.expected.json'), 'utf8'));
      const result = await ingestEvents(store, items.map((item) => item.json));
      expect(result).toMatchObject({ status: 'applied', errors: [] });
      expect(await graphSnapshot(store)).toEqual(expected);
      expect(await store.currentVersion()).toBe(1);
      const again = await ingestEvents(store, items.map((item) => item.json));
      expect(again).toMatchObject({ status: 'applied', errors: [] });
      expect(await store.currentVersion()).toBe(1);
    });
  }

  for (const [name, json] of Object.entries(SEQUENCES)) {
    it(`leaves the graph committing one by one would: ${name}`, async () => {
      const expected = await oneByOne(validEvents(json));
      await resetStore(store);
      const result = await ingestEvents(store, json);
      expect(result).toMatchObject({ status: 'applied', errors: [] });
      expect(await graphSnapshot(store)).toEqual(expected);
      expect(await store.currentVersion()).toBe(1);
      // Sending the batch again, or its last event, changes nothing. (An earlier event alone is not
      // a repeat: one by one, it would re-assert what the later ones replaced.)
      await ingestEvents(store, json);
      await ingestEvents(store, [json[json.length - 1]]);
      expect(await store.currentVersion()).toBe(1);
    });
  }

  it('builds on what earlier batches committed, as one-by-one commits do', async () => {
    const events = SEQUENCES['two runs, the second reads less']!;
    const expected = await oneByOne(validEvents(events));
    await resetStore(store);
    await ingestEvents(store, events.slice(0, 2));
    await ingestEvents(store, events.slice(2));
    expect(await graphSnapshot(store)).toEqual(expected);
  });

  it('commits concurrent requests together, and as if one after another', async () => {
    const batches = Array.from({ length: 6 }, (_, i) => [
      runEvent({ runId: `0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4b${i}0`, job: `job_${i % 2}`, eventType: 'START', eventTime: time(1, i), inputs: [dataset(`risk.t${i}`)] }),
      runEvent({ runId: `0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4b${i}0`, job: `job_${i % 2}`, eventType: 'COMPLETE', eventTime: time(1, i + 1), outputs: [dataset('risk.out')] }),
    ]);
    const expected = await oneByOne(validEvents(batches.flat()));
    await resetStore(store);
    const results = await Promise.all(batches.map((batch) => ingestEvents(store, batch)));
    const versions = new Set(results.flatMap((r) => (r.status === 'applied' ? r.results.map((x) => x!.version) : [])));
    // The first request commits at once; the ones that arrive meanwhile share the next commit.
    expect(versions.size).toBeLessThan(batches.length);
    expect(await graphSnapshot(store)).toEqual(expected);
  });

  it('commits the good events of a batch the store refuses, and reports the refused one', async () => {
    // A name of blanks passes the envelope check (facets are lenient) but the store refuses the identity.
    const bad = runEvent({
      runId: RUN_2,
      job: 'bad_job',
      eventType: 'COMPLETE',
      eventTime: time(1, 3),
      outputs: [dataset('risk.features', columnLineage('score', '  ', 'x'))],
    });
    const good = [
      runEvent({ runId: RUN_1, eventType: 'START', eventTime: time(1, 0), inputs: [dataset('risk.orders')] }),
      runEvent({ runId: RUN_1, eventType: 'COMPLETE', eventTime: time(1, 5), outputs: [dataset('risk.features')] }),
    ];
    const earlier = ingestEvents(store, [runEvent({ runId: RUN_3, job: 'early', eventType: 'COMPLETE', eventTime: time(1, 0), inputs: [dataset('risk.users')] })]);
    const [first, result] = await Promise.all([earlier, ingestEvents(store, [good[0], bad, good[1]])]);
    expect(first).toMatchObject({ status: 'applied', errors: [] });
    expect(result.status).toBe('applied');
    if (result.status !== 'applied') return;
    expect(result.results.map((r) => r !== null)).toEqual([true, false, true]);
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors).toContainEqual({ path: '/1', message: 'assets[1].name: name is empty' });
    expect(new Set(result.errors.map((error) => error.path))).toEqual(new Set(['/1']));
    const snapshot = await graphSnapshot(store);
    expect(snapshot.edges).toEqual(
      [
        `${WAREHOUSE}::risk.orders -READS-> ${JOBS_NS}::score_features`,
        `${JOBS_NS}::score_features -WRITES-> ${WAREHOUSE}::risk.features`,
        `${WAREHOUSE}::risk.users -READS-> ${JOBS_NS}::early`,
      ].sort(),
    );
  });
});
