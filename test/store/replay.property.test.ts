import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { Changeset } from '../../graph-model/model.js';
import { readAllEdges, readAllFieldEdges, readAllTags } from '../../graph-model/store/operations/readFacts.js';
import { readAllNodes } from '../../graph-model/store/operations/readNodes.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { describeEachEngine, resetStore, useStore } from '../support/engines.js';
import { changesetArb } from '../support/changesetArb.js';
import { edgeFact, fieldEdgeFact, identity, ReferenceGraph, tagFact, type Snapshot } from '../support/referenceGraph.js';

const RUNS = Number(process.env.FC_RUNS ?? 20);

async function snapshotOf(store: GraphStore, version: number): Promise<Snapshot> {
  const [nodes, edges, fieldEdges, tags] = await Promise.all([
    readAllNodes(store.db, version),
    readAllEdges(store.db, version),
    readAllFieldEdges(store.db, version),
    readAllTags(store.db, version),
  ]);
  // The store's ids are opaque: compare by identity, as the reference names nodes.
  const named = new Map(nodes.map((n) => [n.id, identity(n.type, n.namespace, n.name)]));
  const name = (id: string) => named.get(id) ?? `a fact on ${id}, which is not a node at version ${version}`;
  return {
    nodes: new Map(nodes.map((n) => [name(n.id), { kind: n.kind, definition: n.definition }])),
    edges: new Set(edges.map((e) => edgeFact(name(e.from), name(e.to)))),
    fieldEdges: new Set(fieldEdges.map((f) => fieldEdgeFact(name(f.computationId), name(f.inputId), f.inputField, name(f.outputId), f.outputField, f.transformationType, f.transformationSubtype, f.masking))),
    tags: new Set(tags.map((t) => tagFact(name(t.nodeId), t.field, t.key, t.value))),
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
  const shared = useStore(engine);

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
