/**
 * Random changesets over a small universe (sources overlap, retract and re-assert), shared by
 * the store's replay property tests and the index's.
 */
import fc from 'fast-check';
import type { Changeset, EdgeAssertion, FieldEdgeAssertion, NodeAssertion, NodeRef, TagAssertion } from '../../graph-model/model.js';

const NS = 'hive://warehouse';
const FIELDS = ['id', 'amount', 'phone'];

/** Random changesets over a small universe, so that sources overlap, retract and re-assert. */
export const changesetArb: fc.Arbitrary<Changeset> = fc
  .record({
    source: fc.constantFrom('s1', 's2', 's3'),
    mode: fc.constantFrom<'full' | 'delta'>('full', 'delta'),
    assets: fc.uniqueArray(
      fc.record({ i: fc.nat(4), kind: fc.constantFrom('TABLE', 'STREAM'), fields: fc.subarray(FIELDS), desc: fc.constantFrom(undefined, 'a', 'b') }),
      { selector: (a) => a.i, maxLength: 4 },
    ),
    computations: fc.uniqueArray(fc.record({ i: fc.nat(2), kind: fc.constantFrom('BATCH_JOB', 'QUERY') }), { selector: (c) => c.i, maxLength: 3 }),
    edgePicks: fc.array(fc.tuple(fc.nat(10), fc.nat(10), fc.boolean()), { maxLength: 6 }),
    fieldPicks: fc.array(fc.tuple(fc.nat(10), fc.nat(10), fc.nat(10), fc.nat(10), fc.nat(10), fc.boolean()), { maxLength: 4 }),
    tagPicks: fc.array(fc.tuple(fc.nat(10), fc.nat(10), fc.constantFrom('pii', 'owner')), { maxLength: 3 }),
    retractNodes: fc.array(fc.tuple(fc.boolean(), fc.nat(4)), { maxLength: 2 }),
    retractEdges: fc.array(fc.tuple(fc.nat(4), fc.nat(2), fc.boolean()), { maxLength: 2 }),
  })
  .map((r) => {
    const asset = (i: number): NodeRef => ({ type: 'ASSET', namespace: NS, name: `t${i}` });
    const comp = (i: number): NodeRef => ({ type: 'COMPUTATION', namespace: NS, name: `job${i}` });
    const assets: NodeAssertion[] = r.assets.map((a) => ({
      namespace: NS,
      name: `t${a.i}`,
      kind: a.kind,
      definition: { fields: a.fields.map((name) => ({ name })), description: a.desc },
    }));
    const computations: NodeAssertion[] = r.computations.map((c) => ({ namespace: NS, name: `job${c.i}`, kind: c.kind }));
    const edges: EdgeAssertion[] = [];
    const fieldEdges: FieldEdgeAssertion[] = [];
    const tags: TagAssertion[] = [];
    // Facts refer only to nodes and fields asserted in the same changeset, so every changeset is valid.
    if (r.assets.length > 0 && r.computations.length > 0) {
      for (const [a, c, readsIt] of r.edgePicks) {
        const at = asset(r.assets[a % r.assets.length]!.i);
        const ct = comp(r.computations[c % r.computations.length]!.i);
        edges.push(readsIt ? { from: at, to: ct } : { from: ct, to: at });
      }
      for (const [c, i, fi, o, fo, masking] of r.fieldPicks) {
        const input = r.assets[i % r.assets.length]!;
        const output = r.assets[o % r.assets.length]!;
        const inField = ['', ...input.fields][fi % (input.fields.length + 1)]!;
        const outField = ['', ...output.fields][fo % (output.fields.length + 1)]!;
        fieldEdges.push({
          computation: { namespace: NS, name: `job${r.computations[c % r.computations.length]!.i}` },
          input: { namespace: NS, name: `t${input.i}`, field: inField },
          output: { namespace: NS, name: `t${output.i}`, field: outField },
          transformation: { type: masking ? 'INDIRECT' : 'DIRECT', masking },
        });
      }
    }
    if (r.assets.length > 0) {
      for (const [a, f, key] of r.tagPicks) {
        const target = r.assets[a % r.assets.length]!;
        const field = ['', ...target.fields][f % (target.fields.length + 1)]!;
        tags.push({ target: asset(target.i), field, key, value: 'x' });
      }
    }
    const cs: Changeset = { source: r.source, mode: r.mode, assets, computations, edges, fieldEdges, tags };
    if (r.mode === 'delta') {
      const assertedAssets = new Set(r.assets.map((a) => a.i));
      const assertedComps = new Set(r.computations.map((c) => c.i));
      const nodes = r.retractNodes
        .filter(([isAsset, i]) => (isAsset ? !assertedAssets.has(i) : !assertedComps.has(i % 3)))
        .map(([isAsset, i]) => (isAsset ? asset(i) : comp(i % 3)));
      const assertedEdges = new Set(edges.map((e) => `${e.from.name}>${e.to.name}`));
      const retractEdges = r.retractEdges
        .map(([a, c, readsIt]): EdgeAssertion => (readsIt ? { from: asset(a), to: comp(c) } : { from: comp(c), to: asset(a) }))
        .filter((e) => !assertedEdges.has(`${e.from.name}>${e.to.name}`));
      cs.retract = { nodes, edges: retractEdges };
    }
    return cs;
  });
