import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { edgeKey, fieldEdgeKey, tagKey } from '../../graph-model/ids.js';
import type { Changeset, EdgeAssertion, FieldEdgeAssertion, NodeAssertion, NodeRef, TagAssertion } from '../../graph-model/model.js';
import { readAllEdges, readAllFieldEdges, readAllTags } from '../../graph-model/store/operations/readFacts.js';
import { readAllNodes } from '../../graph-model/store/operations/readNodes.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { describeEachEngine, resetStore, useStore } from '../support/engines.js';
import { ReferenceGraph, type Snapshot } from '../support/referenceGraph.js';

const NS = 'hive://warehouse';
const FIELDS = ['id', 'amount', 'phone'];
const RUNS = Number(process.env.FC_RUNS ?? 20);

/** Random changesets over a small universe, so that sources overlap, retract and re-assert. */
const changesetArb: fc.Arbitrary<Changeset> = fc
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

async function snapshotOf(store: GraphStore, version: number): Promise<Snapshot> {
  const [nodes, edges, fieldEdges, tags] = await Promise.all([
    readAllNodes(store.db, version),
    readAllEdges(store.db, version),
    readAllFieldEdges(store.db, version),
    readAllTags(store.db, version),
  ]);
  return {
    nodes: new Map(nodes.map((n) => [n.id, { kind: n.kind, definition: n.definition }])),
    edges: new Set(edges.map((e) => edgeKey(e.from, e.to))),
    fieldEdges: new Set(fieldEdges.map((f) => fieldEdgeKey({ ...f }))),
    tags: new Set(tags.map((t) => tagKey(t.nodeId, t.field, t.key, t.value))),
  };
}

function comparable(s: Snapshot) {
  return {
    nodes: [...s.nodes.entries()].sort(([a], [b]) => a.localeCompare(b)),
    edges: [...s.edges].sort(),
    fieldEdges: [...s.fieldEdges].sort(),
    tags: [...s.tags].sort(),
  };
}

describeEachEngine('replaying changesets', (engine) => {
  const shared = useStore(engine, { beforeAll, beforeEach, afterAll });

  it('reading at version v equals replaying changesets 1..v in memory', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(changesetArb, { minLength: 1, maxLength: 8 }), async (changesets) => {
        const store = shared.store();
        await resetStore(store);
        const reference = new ReferenceGraph();
        for (const cs of changesets) {
          const expected = reference.apply(cs);
          const result = await store.apply(cs);
          expect(result.version).toBe(expected);
          // Identical re-application never creates a version.
          expect((await store.apply(cs)).changed).toBe(false);
        }
        for (let v = 0; v <= reference.version; v++) {
          expect(comparable(await snapshotOf(store, v))).toEqual(comparable(reference.snapshots[v]!));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('a full sync retracts exactly what its source no longer asserts', async () => {
    await fc.assert(
      fc.asyncProperty(changesetArb, changesetArb, async (first, second) => {
        const store = shared.store();
        await resetStore(store);
        const a: Changeset = { ...first, source: 'solo', mode: 'full', retract: undefined };
        const b: Changeset = { ...second, source: 'solo', mode: 'full', retract: undefined };
        await store.apply(a);
        const after = await store.apply(b);
        const onlyB = await snapshotOf(store, after.version);
        // With a single source, the graph after a full sync is exactly what that sync asserts.
        const reference = new ReferenceGraph();
        reference.apply(b);
        expect(comparable(onlyB)).toEqual(comparable(reference.snapshots[reference.version]!));
      }),
      { numRuns: RUNS },
    );
  });
});
