import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AlertEngine } from '../../graph-model/alerts/alertEngine.js';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import { GraphStore } from '../../graph-model/store/graphStore.js';
import { changesetArb } from '../support/changesetArb.js';
import { describeEachEngine, resetStore, useStore } from '../support/engines.js';
import { FixedCauses, cause } from './fixedCauses.js';

const RUNS = Number(process.env.FC_RUNS ?? 20);
/** changesetArb's universe: assets t0..t4 in this namespace, fields among these. */
const NS = 'hive://warehouse';
const FIELDS = ['id', 'amount', 'phone'];

/** One to three causes, keyed by position: the same key moved to another asset or fields is a changed cause. */
const causesArb = fc.array(fc.record({ asset: fc.nat(4), fields: fc.subarray(FIELDS), hour: fc.nat(5) }), { minLength: 1, maxLength: 3 });
type CauseSpecs = { asset: number; fields: string[]; hour: number }[];
const stepArb = fc.oneof({ weight: 4, arbitrary: changesetArb.map((cs) => ({ changeset: cs })) }, { weight: 1, arbitrary: causesArb.map((c) => ({ causes: c })) });

function setCauses(source: FixedCauses, specs: CauseSpecs): void {
  source.set(...specs.map((c, i) => cause(`c${i}`, { type: 'ASSET', namespace: NS, name: `t${c.asset}` }, { fields: c.fields, since: `2026-03-01T0${c.hour}:00:00.000Z` })));
}

/** The engine's causes, reaches and groups; a reach's `version` says when it was computed, which an unchanged reach keeps. */
function held(engine: AlertEngine) {
  const { causes, groups } = engine.snapshot();
  return { causes: causes.map(({ reach: { version: _computedAt, ...reach }, ...rest }) => ({ ...rest, reach })), groups };
}

describeEachEngine('incremental re-evaluation, over random graphs and changesets', (engine) => {
  const shared = useStore(engine);
  // The fresh engines write their alerts here, apart from the followed engine's.
  let scratch: GraphStore;
  beforeAll(async () => {
    scratch = await GraphStore.open({ dataDir: 'memory' });
  });
  afterAll(async () => scratch?.close());

  it('an engine that recomputed only what each changeset touched holds what a fresh full evaluation computes: the same causes, reaches and root groups', async () => {
    // Evaluations that recomputed only some held causes: the incremental path the property is about.
    let partial = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(changesetArb, { minLength: 1, maxLength: 4 }), causesArb, fc.array(stepArb, { minLength: 1, maxLength: 6 }), async (initial, first, steps) => {
        const store = shared.store();
        await resetStore(store);
        let last = 0;
        for (const cs of initial) last = (await store.apply(cs)).version;
        const index = await GraphIndex.load(store);
        const source = new FixedCauses();
        setCauses(source, first);
        const followed = await AlertEngine.start({ db: store.db, graph: index, sources: [source], intervalMs: 0 });
        try {
          for (const step of steps) {
            if ('changeset' in step) last = (await store.apply(step.changeset)).version;
            else setCauses(source, step.causes);
            await index.waitFor(last);
            await followed.settled();
            const stats = await followed.evaluate();
            if (stats && stats.recomputedCauses < stats.openCauses) partial++;
            await resetStore(scratch);
            const fresh = await AlertEngine.start({ db: scratch.db, graph: index, sources: [source], intervalMs: 0 });
            try {
              expect(held(followed)).toEqual(held(fresh));
            } finally {
              fresh.close();
              await fresh.settled();
            }
          }
        } finally {
          followed.close();
          await followed.settled();
          index.close();
        }
      }),
      { numRuns: RUNS },
    );
    expect(partial).toBeGreaterThan(0);
  }, 600_000);
});
