import fc from 'fast-check';
import { expect, it } from 'vitest';
import { QualityCauseSource } from '../../graph-model/alerts/qualityCauseSource.js';
import type { Cause } from '../../graph-model/alerts/cause.js';
import { nodeId } from '../../graph-model/ids.js';
import type { Changeset } from '../../graph-model/model.js';
import type { QualityResultInput } from '../../graph-model/store/operations/recordQualityResults.js';
import { describeEachEngine, resetStore, useStore } from '../support/engines.js';

// 50: a result stamped ahead of the clock, then a graph version, then the clock passing it, takes some runs to draw.
const RUNS = Number(process.env.FC_RUNS ?? 50);
const NS = 'hive://warehouse';
const ASSETS = ['t0', 't1', 't2'];
const BASE = Date.parse('2026-11-02T00:00:00Z');
// Ten-second slots: evaluations a minute apart or less follow what changed, later ones read everything.
const at = (slot: number) => new Date(BASE + slot * 10_000).toISOString();

const resultArb = fc.record({
  asset: fc.constantFrom(...ASSETS),
  field: fc.constantFrom<string | undefined>(undefined, 'amount'),
  check: fc.constantFrom('not_null', 'in_range'),
  slot: fc.nat(10),
  outcome: fc.constantFrom<QualityResultInput['outcome']>('fail', 'warn', 'pass', 'pass', 'error', 'measured'),
});
const stepArb = fc.oneof(
  fc.array(resultArb, { minLength: 1, maxLength: 5 }).map((results) => ({ results })),
  fc.subarray(ASSETS).map((present) => ({ present })),
  // A graph version of its own (a new job): results recorded before it are no longer re-read by version.
  fc.constant({ bump: true }),
  fc.nat(4).map((advance) => ({ advance })),
  fc.nat(4).map((advance) => ({ advance })),
);

const platform = (present: readonly string[]): Changeset => ({ source: 'test:graph', mode: 'full', assets: present.map((name) => ({ namespace: NS, name, kind: 'TABLE' })) }) as Changeset;
const seen = (causes: Cause[]) => causes.map((c) => [c.key, c.severity, c.since, c.summary, c.fields]).sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));

describeEachEngine('quality causes followed between evaluations', (engine) => {
  const shared = useStore(engine);

  it('a source that reads again only the nodes with new results (and those with results ahead of the clock) has the causes of a full read after any results, graph changes and clock moves', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 14 }), async (steps) => {
        const store = shared.store();
        await resetStore(store);
        await store.apply(platform(ASSETS));
        const followed = new QualityCauseSource(store);
        let slot = 0;
        let evaluations = 0;
        let jobs = 0;
        const evaluate = async () => {
          const now = at(slot);
          const ctx = { now, graph: { version: await store.currentVersion(), touched: new Set<string>() } };
          const full = await new QualityCauseSource(store).openCauses({ now });
          expect(seen(await followed.openCauses(ctx)), `evaluation ${++evaluations} at ${now}`).toEqual(seen(full));
        };
        await evaluate();
        for (const step of steps) {
          if ('results' in step) {
            await store.recordQualityResults(
              'test:checker',
              step.results.map((r) => ({ nodeId: nodeId('ASSET', NS, r.asset), ...(r.field ? { field: r.field } : {}), check: r.check, observedAt: at(r.slot), outcome: r.outcome })),
            );
          } else if ('present' in step) {
            await store.apply(platform(step.present));
          } else if ('bump' in step) {
            await store.apply({ source: 'test:jobs', mode: 'delta', computations: [{ namespace: 'airflow', name: `job-${++jobs}`, kind: 'BATCH_JOB' }] } as Changeset);
          } else {
            slot += step.advance;
            await evaluate();
          }
        }
        await evaluate();
      }),
      { numRuns: RUNS },
    );
  });
});
