import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjacencyOfGraph, edgeKey, emptyGraph, levelsFrom, mergeLineage, type GraphEdgeData } from './model.ts';
import { visibleNodes } from './visibility.ts';

/** Random small directed graphs on n0..n11, cycles and self-loops allowed. */
const edgesArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 11 }), fc.constantFrom('READS' as const, 'WRITES' as const)), { maxLength: 40 }).map((pairs) => pairs.map(([a, b, kind]): GraphEdgeData => ({ from: `n${a}`, to: `n${b}`, kind })));
const ids = Array.from({ length: 12 }, (_, i) => `n${i}`);

/** Shortest hop counts by relaxing every edge until nothing changes: an oracle independent of the walks under test. */
function hops(root: string, edges: GraphEdgeData[], forward: boolean): Map<string, number> {
  const distance = new Map([[root, 0]]);
  for (let changed = true; changed; ) {
    changed = false;
    for (const edge of edges) {
      const [a, b] = forward ? [edge.from, edge.to] : [edge.to, edge.from];
      const through = distance.get(a);
      if (through !== undefined && through + 1 < (distance.get(b) ?? Infinity)) {
        distance.set(b, through + 1);
        changed = true;
      }
    }
  }
  return distance;
}

describe('levels from the shared adjacency', () => {
  it('are the shortest hops downstream (positive) or else upstream (negative), within the nodes given', () => {
    fc.assert(
      fc.property(edgesArb, fc.subarray(ids), (edges, kept) => {
        const within = new Set(['n0', ...kept]);
        const graph = mergeLineage(emptyGraph(), { nodes: [], edges });
        const levels = levelsFrom(['n0'], adjacencyOfGraph(graph), within);
        const inside = [...graph.edges.values()].filter((e) => within.has(e.from) && within.has(e.to));
        const down = hops('n0', inside, true);
        const up = hops('n0', inside, false);
        const expected = new Map<string, number>();
        for (const [id, d] of up) expected.set(id, -d);
        for (const [id, d] of down) expected.set(id, d);
        expect(new Map([...levels].sort())).toEqual(new Map([...expected].sort()));
      }),
    );
  });

  it('collapsing never shows more, keeps the collapsed node if it was shown, and nothing collapsed shows what the walk reaches', () => {
    fc.assert(
      fc.property(edgesArb, fc.subarray(ids), fc.constantFrom('DOWNSTREAM' as const, 'UPSTREAM' as const, 'BOTH' as const), (edges, collapsedIds, direction) => {
        const graph = mergeLineage(emptyGraph(), { nodes: [], edges });
        const adjacency = adjacencyOfGraph(graph);
        const all = visibleNodes(['n0'], adjacency, direction, new Set());
        const reached = new Set(['n0']);
        if (direction !== 'UPSTREAM') for (const id of hops('n0', edges, true).keys()) reached.add(id);
        if (direction !== 'DOWNSTREAM') for (const id of hops('n0', edges, false).keys()) reached.add(id);
        expect([...all].sort()).toEqual([...reached].sort());
        const collapsed = new Set(collapsedIds);
        const some = visibleNodes(['n0'], adjacency, direction, collapsed);
        for (const id of some) expect(all.has(id)).toBe(true);
        // The same walk from the edges themselves.
        expect([...visibleNodes(['n0'], edges, direction, collapsed)].sort()).toEqual([...some].sort());
      }),
    );
  });

  it('is built once per graph, and a merged graph gets its own', () => {
    const graph = mergeLineage(emptyGraph(), { nodes: [], edges: [{ from: 'a', to: 'b', kind: 'READS' }] });
    expect(adjacencyOfGraph(graph)).toBe(adjacencyOfGraph(graph));
    const more = mergeLineage(graph, { nodes: [], edges: [{ from: 'b', to: 'c', kind: 'WRITES' }] });
    expect(adjacencyOfGraph(more).out.get('b')).toEqual(['c']);
    expect(adjacencyOfGraph(graph).out.has('b')).toBe(false);
    expect([...more.edges.keys()]).toEqual([edgeKey({ from: 'a', to: 'b', kind: 'READS' }), edgeKey({ from: 'b', to: 'c', kind: 'WRITES' })]);
  });
});
