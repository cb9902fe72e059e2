import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { Changeset, RunRecord } from '../../graph-model/model.js';
import { readFreshness } from '../../graph-model/quality/freshness.js';
import { advanceNodeIds } from '../../graph-model/index/advanceNodeIds.js';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import { FreshnessTracker } from '../../graph-model/quality/freshnessTracker.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { describeEachEngine, resetStore, useStore } from '../support/engines.js';

const RUNS = Number(process.env.FC_RUNS ?? 20);
const NS = 'hive://warehouse';
const ASSETS = ['t0', 't1', 't2', 't3'];
const JOBS = ['j0', 'j1', 'j2'];
const INTERVALS = [undefined, '1h', '2h', '30m', 'soon'] as const;
const BASE = Date.parse('2026-11-02T00:00:00Z');
const at = (halfHours: number) => new Date(BASE + halfHours * 1_800_000).toISOString();

/** The writers' graph (source test:graph, full): each asset with or without a declared freshness, and which job writes which asset. */
const graphArb = fc.record({
  declared: fc.array(fc.constantFrom(...INTERVALS), { minLength: ASSETS.length, maxLength: ASSETS.length }),
  writes: fc.subarray(JOBS.flatMap((j) => ASSETS.map((a) => [j, a] as const))),
  present: fc.subarray(ASSETS, { minLength: 1 }),
});
/** Freshness tags (source test:tags, full, asserting the assets it tags): some assets tagged with an interval (or a value that is none). */
const tagsArb = fc.array(fc.record({ asset: fc.constantFrom(...ASSETS), value: fc.constantFrom('1h', '90m', 'daily?') }), { maxLength: 3 });
/** Runs (delta): new runs or a later state of an earlier one (same run id), ending at half hours. */
const runsArb = fc.array(fc.record({ job: fc.constantFrom(...JOBS), slot: fc.nat(40), state: fc.constantFrom<RunRecord['state']>('COMPLETE', 'COMPLETE', 'FAIL', 'RUNNING'), id: fc.nat(12) }), { minLength: 1, maxLength: 8 });
const stepArb = fc.oneof(graphArb.map((g) => ({ graph: g })), tagsArb.map((t) => ({ tags: t })), runsArb.map((r) => ({ runs: r })), runsArb.map((r) => ({ runs: r })));

type GraphSpec = { declared: readonly (string | undefined)[]; writes: readonly (readonly [string, string])[]; present: readonly string[] };

function graphChangeset(g: GraphSpec): Changeset {
  return {
    source: 'test:graph',
    mode: 'full',
    assets: g.present.map((name) => {
      const declared = g.declared[ASSETS.indexOf(name)];
      return { namespace: NS, name, kind: 'TABLE', ...(declared ? { definition: { properties: { freshness: declared } } } : {}) };
    }),
    computations: JOBS.map((name) => ({ namespace: 'airflow', name, kind: 'BATCH_JOB' })),
    edges: g.writes.filter(([, a]) => g.present.includes(a)).map(([j, a]) => ({ from: { type: 'COMPUTATION', namespace: 'airflow', name: j }, to: { type: 'ASSET', namespace: NS, name: a } })),
  } as Changeset;
}

type Step = { graph: GraphSpec } | { tags: readonly { asset: string; value: string }[] } | { runs: readonly { job: string; slot: number; state: RunRecord['state']; id: number }[] };

function applyStep(store: GraphStore, step: Step) {
  if ('graph' in step) return store.apply(graphChangeset(step.graph));
  if ('tags' in step)
    return store.apply({ source: 'test:tags', mode: 'full', assets: [...new Set(step.tags.map((t) => t.asset))].map((name) => ({ namespace: NS, name, kind: 'TABLE' })), tags: step.tags.map((t) => ({ target: { type: 'ASSET', namespace: NS, name: t.asset }, key: 'freshness', value: t.value })) } as Changeset);
  return store.apply({
    source: 'test:runs',
    mode: 'delta',
    runs: step.runs.map((r) => ({ runId: `run-${r.job}-${r.id}`, computation: { namespace: 'airflow', name: r.job }, state: r.state, startedAt: at(r.slot), endedAt: r.state === 'RUNNING' ? undefined : at(r.slot), properties: {} })),
  } as Changeset);
}

describeEachEngine('freshness tracker: refreshed by what changed, equal to a full read', (engine) => {
  const shared = useStore(engine);

  /** After the initial graph and after each step, the tracker's late assets at every clock equal readFreshness's. */
  const property = (refresh: (tracker: FreshnessTracker) => Promise<void>, follow?: (store: GraphStore) => Promise<{ wait(version: number): Promise<void>; close(): void }>) =>
    fc.asyncProperty(graphArb, fc.array(stepArb, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(48), { minLength: 1, maxLength: 3 }), async (initial, steps, clocks) => {
      const store = shared.store();
      await resetStore(store);
      const first = await store.apply(graphChangeset(initial));
      const following = await follow?.(store);
      try {
        await following?.wait(first.version);
        const tracker = new FreshnessTracker(store);
        const check = async () => {
          await refresh(tracker);
          for (const slot of clocks) {
            const now = at(slot);
            const full = (await readFreshness(store, null, now)).filter((f) => f.late).sort((a, b) => (a.nodeId < b.nodeId ? -1 : 1));
            expect(tracker.late(now)).toEqual(full);
          }
        };
        await check();
        for (const step of steps as Step[]) {
          const result = await applyStep(store, step);
          await following?.wait(result.version);
          await check();
        }
      } finally {
        following?.close();
      }
    });

  it('after every random change of writers, declarations, tags and runs, its late assets at any clock are readFreshness of every written asset', async () => {
    await fc.assert(
      property((tracker) => tracker.refresh().then(() => undefined)),
      { numRuns: RUNS },
    );
  }, 600_000);

  it('the same when the graph\'s changes come from the graph index\'s advances, and then it never reads the version tables', async () => {
    let index: GraphIndex | null = null;
    let touched = new Set<string>();
    await fc.assert(
      property(
        async (tracker) => {
          const changes = { version: index!.version, touched };
          touched = new Set();
          await tracker.refresh(changes);
          expect(tracker.lastRefresh!.versionTablesRead).toBe(false);
        },
        async (store) => {
          index = await GraphIndex.load(store);
          touched = new Set();
          const unfollow = index.onAdvance((advance) => advanceNodeIds(index!, advance, touched));
          return {
            wait: async (version) => void (await index!.waitFor(version)),
            close: () => {
              unfollow();
              index!.close();
            },
          };
        },
      ),
      { numRuns: RUNS },
    );
  }, 600_000);
});
