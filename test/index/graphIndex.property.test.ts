import fc from 'fast-check';
import { expect, it } from 'vitest';
import { impactOf } from '../../graph-model/analyses/impact.js';
import { lineage, MAX_DEPTH, type Direction, type LineageResult } from '../../graph-model/analyses/lineage.js';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import type { VersionedGraph } from '../../graph-model/index/versionedGraph.js';
import { describeEachEngine, resetStore, useStore } from '../support/engines.js';
import { changesetArb } from '../support/changesetArb.js';
import { indexSnapshot, storeSnapshot } from './indexSnapshot.js';

const RUNS = Number(process.env.FC_RUNS ?? 20);

/** Results list nodes, edges and field edges in traversal order, which follows the index's internal order. */
function sorted(result: LineageResult) {
  const key = (x: unknown) => JSON.stringify(x);
  const byKey = <T>(items: T[]) => [...items].sort((a, b) => key(a).localeCompare(key(b)));
  return {
    ...result,
    nodes: byKey(result.nodes),
    edges: byKey(result.edges),
    ...(result.fieldEdges ? { fieldEdges: byKey(result.fieldEdges) } : {}),
  };
}

/** Every traversal from every node that exists at `version`, for comparing two indexes. */
function allLineage(graph: VersionedGraph, version: number) {
  const out: unknown[] = [];
  // In id order: two indexes intern nodes in different orders (feed order vs. load order).
  const ids = Array.from({ length: graph.nodes.count }, (_, n) => graph.nodes.id(n)).filter((id) => graph.nodeAt(id, version) !== undefined).sort();
  for (const id of ids) {
    const n = graph.nodes.indexOf(id)!;
    for (const direction of ['UPSTREAM', 'DOWNSTREAM'] as Direction[]) {
      out.push(sorted(lineage(graph, { ids: [id], direction, depth: MAX_DEPTH, asOf: version })));
      if (graph.nodes.isAsset(n)) out.push(sorted(lineage(graph, { ids: [id], direction, depth: MAX_DEPTH, asOf: version, fieldLevel: true })));
    }
  }
  return out;
}

describeEachEngine('the graph index over random changesets', (engine) => {
  const shared = useStore(engine);

  it('a live index fed by the change feed equals a fresh load and the store at every version', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(changesetArb, { minLength: 1, maxLength: 8 }), fc.boolean(), fc.nat(), async (changesets, waitEach, split) => {
        const store = shared.store();
        await resetStore(store);
        // Some changesets before the live index loads (its first load renumbers the nodes for
        // locality), the rest through the change feed, which must then close and add rows by the
        // new numbers.
        const before = split % changesets.length;
        let last = 0;
        for (const cs of changesets.slice(0, before)) last = (await store.apply(cs)).version;
        const live = await GraphIndex.load(store, { pageRows: 2 });
        try {
          for (const cs of changesets.slice(before)) {
            last = (await store.apply(cs)).version;
            // Sometimes wait after each commit, sometimes let catch-ups pile up behind each other.
            if (waitEach) await live.waitFor(last);
          }
          await live.waitFor(last);
          // Tiny pages so that the keyset paging of the first load is exercised too.
          const fresh = await GraphIndex.load(store, { pageRows: 3 });
          try {
            expect(fresh.version).toBe(last);
            for (let v = 0; v <= last; v++) {
              const expected = await storeSnapshot(store, v);
              expect(indexSnapshot(live, v)).toEqual(expected);
              expect(indexSnapshot(fresh, v)).toEqual(expected);
              expect(allLineage(live, v)).toEqual(allLineage(fresh, v));
            }
          } finally {
            fresh.close();
          }
        } finally {
          live.close();
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('impact of any node or field is a subset of its downstream lineage', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(changesetArb, { minLength: 1, maxLength: 6 }), async (changesets) => {
        const store = shared.store();
        await resetStore(store);
        for (const cs of changesets) await store.apply(cs);
        const index = await GraphIndex.load(store);
        try {
          for (let v = 1; v <= index.version; v++) {
            for (let n = 0; n < index.nodes.count; n++) {
              const info = index.nodes.versionAt(n, v);
              if (!info) continue;
              const id = index.nodes.id(n);
              const downstream = new Set(lineage(index, { ids: [id], direction: 'DOWNSTREAM', depth: MAX_DEPTH, asOf: v, maxNodes: 1e6 }).nodes.map((x) => x.id));
              const reports = [impactOf(index, { ids: [id], mode: 'DELETE', asOf: v })];
              for (const field of info.fields) reports.push(impactOf(index, { mode: 'SCHEMA_CHANGE', fields: [{ id, field }], asOf: v }));
              for (const report of reports) {
                for (const hit of [...report.broken, ...report.degraded]) {
                  expect(downstream.has(hit.id)).toBe(true);
                  // The evidence path is a downstream walk from the root to the node.
                  expect(hit.path[0]).toBe(id);
                  expect(hit.path[hit.path.length - 1]).toBe(hit.id);
                  expect(hit.path.length - 1).toBe(hit.distance);
                }
              }
            }
          }
        } finally {
          index.close();
        }
      }),
      { numRuns: RUNS },
    );
  });
});
