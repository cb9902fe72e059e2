import fc from 'fast-check';
import { expect, it } from 'vitest';
import { DecisionIndex } from '../../graph-model/decision/decisionIndex.js';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import { describeEachEngine, resetStore, useStore } from '../support/engines.js';
import { riskChangesetArb } from './riskChangesetArb.js';

// Some faults (a feature that gains readers only in a later changeset) show up in about one run of 25.
const RUNS = Number(process.env.FC_RUNS ?? 60);

/** Every answer of a decision index, by rule id, with the version they reflect. */
function answers(decision: DecisionIndex) {
  const ids = [...decision.ruleIds()].sort();
  return { version: decision.version, rules: ids.map((id) => [id, decision.featuresForRule(id)]) };
}

describeEachEngine('decision index updates over random changesets', (engine) => {
  const shared = useStore(engine);

  it('an index updated from catch-ups equals a fresh full precompute, at every version it reaches', async () => {
    let recomputedTotal = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(riskChangesetArb, { minLength: 1, maxLength: 8 }), fc.boolean(), async (changesets, waitEach) => {
        const store = shared.store();
        await resetStore(store);
        const live = await GraphIndex.load(store, { pageRows: 3 });
        const decision = DecisionIndex.attach(live);
        decision.onUpdate = (update) => {
          recomputedTotal += update.recomputed;
        };
        try {
          let last = 0;
          for (const cs of changesets) {
            last = (await store.apply(cs)).version;
            // Sometimes one catch-up per commit, sometimes several commits in one catch-up.
            if (waitEach) {
              await live.waitFor(last);
              expect(answers(decision)).toEqual(answers(DecisionIndex.build(live)));
            }
          }
          await live.waitFor(last);
          expect(decision.version).toBe(last);
          expect(answers(decision)).toEqual(answers(DecisionIndex.build(live)));
          const fresh = await GraphIndex.load(store);
          try {
            expect(answers(decision)).toEqual(answers(DecisionIndex.build(fresh)));
          } finally {
            fresh.close();
          }
        } finally {
          decision.detach();
          live.close();
        }
      }),
      { numRuns: RUNS },
    );
    // The property is about equality; make sure the runs did exercise updates.
    expect(recomputedTotal).toBeGreaterThan(0);
  });
});
