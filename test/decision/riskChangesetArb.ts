/**
 * Random changesets over a small risk platform: assets whose kind moves between FEATURE, MODEL,
 * RULE and TABLE from one changeset to the next, computations of the kinds that link them, edges
 * picked at random (so features derive from features, models from features, rules from anything,
 * with cycles), two overlapping sources, full syncs and deltas with retractions.
 */
import fc from 'fast-check';
import type { Changeset, EdgeAssertion, NodeRef } from '../../graph-model/model.js';

export const RISK_NS = 'risk.platform';
const ASSET_KINDS = ['FEATURE', 'FEATURE', 'MODEL', 'RULE', 'RULE', 'TABLE'] as const;
/** Most assertions keep an asset's kind (so later changesets rewire existing features); one in five changes it. */
const usualKind = (i: number) => ASSET_KINDS[i % ASSET_KINDS.length]!;
const COMPUTATION_KINDS = ['FEATURE_PIPELINE', 'INFERENCE', 'TRAINING', 'RULE_EVALUATION'] as const;
const ASSETS = 7;
const COMPUTATIONS = 5;

const asset = (i: number): NodeRef => ({ type: 'ASSET', namespace: RISK_NS, name: `a${i}` });
const comp = (i: number): NodeRef => ({ type: 'COMPUTATION', namespace: RISK_NS, name: `c${i}` });

export const riskChangesetArb: fc.Arbitrary<Changeset> = fc
  .record({
    source: fc.constantFrom('s1', 's2'),
    mode: fc.constantFrom<'full' | 'delta'>('full', 'delta'),
    assets: fc.uniqueArray(fc.record({ i: fc.nat(ASSETS - 1), kind: fc.constantFrom(...ASSET_KINDS), changeKind: fc.nat(4).map((x) => x === 0) }), { selector: (a) => a.i, maxLength: 6 }),
    computations: fc.uniqueArray(fc.record({ i: fc.nat(COMPUTATIONS - 1), kind: fc.constantFrom(...COMPUTATION_KINDS) }), { selector: (c) => c.i, maxLength: 4 }),
    edgePicks: fc.array(fc.tuple(fc.nat(20), fc.nat(20), fc.boolean()), { maxLength: 10 }),
    retractNodes: fc.array(fc.tuple(fc.boolean(), fc.nat(ASSETS - 1)), { maxLength: 2 }),
    retractEdges: fc.array(fc.tuple(fc.nat(ASSETS - 1), fc.nat(COMPUTATIONS - 1), fc.boolean()), { maxLength: 3 }),
  })
  .map((r) => {
    const edges: EdgeAssertion[] = [];
    // Facts refer only to nodes asserted in the same changeset, so every changeset is valid.
    if (r.assets.length > 0 && r.computations.length > 0) {
      for (const [a, c, readsIt] of r.edgePicks) {
        const at = asset(r.assets[a % r.assets.length]!.i);
        const ct = comp(r.computations[c % r.computations.length]!.i);
        edges.push(readsIt ? { from: at, to: ct } : { from: ct, to: at });
      }
    }
    const cs: Changeset = {
      source: r.source,
      mode: r.mode,
      assets: r.assets.map((a) => ({ namespace: RISK_NS, name: `a${a.i}`, kind: a.changeKind ? a.kind : usualKind(a.i) })),
      computations: r.computations.map((c) => ({ namespace: RISK_NS, name: `c${c.i}`, kind: c.kind })),
      edges,
    };
    if (r.mode === 'delta') {
      const assertedAssets = new Set(r.assets.map((a) => a.i));
      const assertedComps = new Set(r.computations.map((c) => c.i));
      const nodes = r.retractNodes
        .filter(([isAsset, i]) => (isAsset ? !assertedAssets.has(i) : !assertedComps.has(i % COMPUTATIONS)))
        .map(([isAsset, i]) => (isAsset ? asset(i) : comp(i % COMPUTATIONS)));
      const assertedEdges = new Set(edges.map((e) => `${e.from.name}>${e.to.name}`));
      const retractEdges = r.retractEdges
        .map(([a, c, readsIt]): EdgeAssertion => (readsIt ? { from: asset(a), to: comp(c) } : { from: comp(c), to: asset(a) }))
        .filter((e) => !assertedEdges.has(`${e.from.name}>${e.to.name}`));
      cs.retract = { nodes, edges: retractEdges };
    }
    return cs;
  });
