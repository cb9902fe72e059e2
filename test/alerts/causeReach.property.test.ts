import fc from 'fast-check';
import { expect, it } from 'vitest';
import { AlertEngine } from '../../graph-model/alerts/alertEngine.js';
import { readAlerts } from '../../graph-model/alerts/operations/readAlerts.js';
import { impactOf } from '../../graph-model/analyses/impact.js';
import { unknownFields } from '../../graph-model/analyses/knownFields.js';
import { nodeId } from '../../graph-model/ids.js';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import type { NodeRef } from '../../graph-model/model.js';
import { changesetArb } from '../support/changesetArb.js';
import { describeEachEngine, resetStore, useStore } from '../support/engines.js';
import { FixedCauses, cause } from './fixedCauses.js';

const RUNS = Number(process.env.FC_RUNS ?? 20);
/** changesetArb's universe: assets t0..t4 in this namespace, fields among these. */
const NS = 'hive://warehouse';
const FIELDS = ['id', 'amount', 'phone'];

/** A cause on one asset of the universe: the whole asset, or some of its fields. */
const causeArb = fc.record({ asset: fc.nat(4), fields: fc.subarray(FIELDS) });
type CauseSpec = { asset: number; fields: string[] };

/** Each step after the first evaluation: a changeset committed, or the cause moved elsewhere. */
const stepArb = fc.oneof({ weight: 4, arbitrary: changesetArb.map((cs) => ({ changeset: cs })) }, { weight: 1, arbitrary: causeArb.map((c) => ({ cause: c })) });

const ref = (c: CauseSpec): NodeRef => ({ type: 'ASSET', namespace: NS, name: `t${c.asset}` });

/**
 * What impact says the cause reaches at `version`, as [id, status] pairs: the CUTOFF of its asset,
 * or the SCHEMA_CHANGE of its fields when it names fields the asset has (a field the asset lacks
 * makes the whole asset the cause, docs/alerts.md); broken and degraded together; nothing when the
 * asset is not in the graph.
 */
function impactAnswer(graph: GraphIndex, c: CauseSpec, version: number): string[][] {
  const id = nodeId('ASSET', NS, `t${c.asset}`);
  if (graph.nodeAt(id, version) === undefined) return [];
  const n = graph.nodes.indexOf(id)!;
  const fieldLevel = c.fields.length > 0 && unknownFields(graph, n, version, c.fields).length === 0;
  const report = impactOf(graph, fieldLevel ? { mode: 'SCHEMA_CHANGE', fields: c.fields.map((field) => ({ id, field })), asOf: version } : { mode: 'CUTOFF', ids: [id], asOf: version });
  return [...report.broken, ...report.degraded].map((r) => [r.id, r.status]).sort();
}

describeEachEngine('what an alert reaches, over random graphs and changesets', (engine) => {
  const shared = useStore(engine);

  it("equals impact's broken-or-degraded answer for its cause, after every changeset the engine follows", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(changesetArb, { minLength: 1, maxLength: 4 }), causeArb, fc.array(stepArb, { maxLength: 6 }), async (initial, first, steps) => {
        const store = shared.store();
        await resetStore(store);
        let last = 0;
        for (const cs of initial) last = (await store.apply(cs)).version;
        const index = await GraphIndex.load(store);
        const source = new FixedCauses();
        let current: CauseSpec = first;
        source.set(cause('the-cause', ref(current), { fields: current.fields }));
        const alerts = await AlertEngine.start({ db: store.db, graph: index, sources: [source], intervalMs: 0 });
        try {
          const check = async () => {
            await index.waitFor(last);
            await alerts.settled();
            // Evaluating again recomputes only what the followed changesets touched (or a moved cause).
            await alerts.evaluate();
            const open = await readAlerts(store.db, { status: 'OPEN' });
            expect(open).toHaveLength(1);
            const reached = open[0]!.state.reached.map((r) => [r.id, r.status]).sort();
            expect(reached).toEqual(impactAnswer(index, current, last));
          };
          await check();
          for (const step of steps) {
            if ('changeset' in step) last = (await store.apply(step.changeset)).version;
            else {
              current = step.cause;
              source.set(cause('the-cause', ref(current), { fields: current.fields }));
            }
            await check();
          }
        } finally {
          alerts.close();
          await alerts.settled();
          index.close();
        }
      }),
      { numRuns: RUNS },
    );
  }, 300_000);
});
