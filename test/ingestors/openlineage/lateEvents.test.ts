import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeEach, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { ingestEvents } from '../../../ingestors/openlineage/index.js';
import { describeEachEngine, resetStore, useStore } from '../../support/engines.js';
import { graphSnapshot } from './graphSnapshot.js';
import { JOBS_NS, RUN_1, dataset, runEvent } from './olEvents.js';
import { nodeId } from '../../../graph-model/ids.js';

/**
 * Events of the same run arriving out of order or twice, as real schedulers retry them: the graph
 * ends where the events in order leave it, and a copy changes nothing. The events are what the
 * real Python client sent (test/fixtures/producers/python-client-events.ndjson): a job run START +
 * COMPLETE, a failing run that writes a staging table, a run that DROPs it, a DatasetEvent, a JobEvent.
 */
type Json = Record<string, any>;
const EVENTS: Json[] = readFileSync(new URL('../../fixtures/producers/python-client-events.ndjson', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line));
const STAGE = { namespace: 'postgres://plain-db:5432', name: 'public.scores_stage' };

/** Each event alone, as the client sends them (one POST each); the versions it created. */
async function sendEach(store: GraphStore, events: Json[]): Promise<number[]> {
  const versions: number[] = [];
  for (const event of events) {
    const outcome = await ingestEvents(store, [event], 'local');
    if (outcome.status === 'invalid') throw new Error(JSON.stringify(outcome.errors));
    for (const result of outcome.results) if (result?.changed) versions.push(result.version);
  }
  return versions;
}

/** The events grouped by run (a DatasetEvent or JobEvent is a group of its own), in the order sent. */
function runGroups(events: Json[]): Json[][] {
  const groups = new Map<string, Json[]>();
  events.forEach((event, i) => {
    const key = event.run?.runId ?? `event ${i}`;
    groups.set(key, [...(groups.get(key) ?? []), event]);
  });
  return [...groups.values()];
}

describeEachEngine('OpenLineage events out of order and twice', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(() => {
    store = shared.store();
  });

  it('sending every event a second time creates no version, and the dropped table stays dropped', async () => {
    // Every event but two changes the graph: the first run's COMPLETE (the I/O of its START) and the
    // second's FAIL (no I/O) only record the runs' new states, and runs alone create no version.
    expect(await sendEach(store, EVENTS)).toEqual([1, 2, 3, 4, 5]);
    expect((await store.runs(nodeId('COMPUTATION', EVENTS[1]!.job.namespace, EVENTS[1]!.job.name))).map((r) => r.state)).toEqual(['COMPLETE']);
    expect((await store.runs(nodeId('COMPUTATION', EVENTS[3]!.job.namespace, EVENTS[3]!.job.name))).map((r) => r.state)).toEqual(['FAIL']);
    const first = await graphSnapshot(store);
    expect(first.assets.some((a) => a.name === STAGE.name)).toBe(false);
    // Before late events of a finished run were kept from re-asserting what the run recorded, the
    // failed run's START brought the dropped staging table back, and the DROP's copy ended it again.
    expect(await sendEach(store, EVENTS)).toEqual([]);
    expect(await graphSnapshot(store)).toEqual(first);
  });

  it('a failed query as the Spark listener reports it (FAIL, then COMPLETE 62 ms later) stays FAIL, in either order', async () => {
    // The order and gap openlineage-spark 1.53 sent for an INSERT OVERWRITE whose query raised.
    const at = (ms: number) => new Date(Date.UTC(2026, 11, 2, 7, 27, 50) + ms).toISOString();
    const io = { inputs: [dataset('risk.customers')], outputs: [dataset('risk.daily_totals')] };
    const spark = [
      runEvent({ runId: RUN_1, eventType: 'START', eventTime: at(43), ...io }),
      runEvent({ runId: RUN_1, eventType: 'RUNNING', eventTime: at(2242), ...io }),
      runEvent({ runId: RUN_1, eventType: 'FAIL', eventTime: at(3581), ...io }),
      runEvent({ runId: RUN_1, eventType: 'COMPLETE', eventTime: at(3643), ...io }),
    ];
    const job = nodeId('COMPUTATION', JOBS_NS, 'score_features');
    for (const order of [spark, [spark[0]!, spark[1]!, spark[3]!, spark[2]!]]) {
      await resetStore(store);
      await sendEach(store, order);
      expect(await store.runs(job)).toMatchObject([{ runId: RUN_1, state: 'FAIL', startedAt: at(43), endedAt: at(3581) }]);
    }
  });

  it('a run\'s events in any order, with copies anywhere after the original, end in the graph the events in order give', async () => {
    await sendEach(store, EVENTS);
    const inOrder = await graphSnapshot(store);
    const groups = runGroups(EVENTS);
    const arrival = fc.tuple(
      fc.tuple(...groups.map((group) => fc.shuffledSubarray(group, { minLength: group.length, maxLength: group.length }))),
      fc.array(fc.tuple(fc.nat(EVENTS.length - 1), fc.nat(EVENTS.length)), { maxLength: 4 }),
    );
    await fc.assert(
      fc.asyncProperty(arrival, async ([shuffled, copies]) => {
        await resetStore(store);
        const sequence = shuffled.flat();
        // A copy of the event at `of` arrives `after` events later (a retry), never before its original.
        for (const [of, after] of copies) sequence.splice(Math.min(sequence.length, sequence.indexOf(EVENTS[of]!) + 1 + after), 0, EVENTS[of]!);
        await sendEach(store, sequence);
        const snapshot = await graphSnapshot(store);
        expect(snapshot).toEqual(inOrder);
      }),
      { numRuns: engine === 'pglite' ? 12 : 6 },
    );
  }, 240_000);
});
