import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GROUPINGS } from '../state/urlState.ts';
import { groupGraph } from './grouping.ts';
import { levelsFrom, type GraphEdgeData, type GraphNodeData } from './model.ts';

const asset = (id: string, namespace = 'risk.features', kind = 'FEATURE'): GraphNodeData => ({ id, name: id, namespace, kind, computation: false });
const job = (id: string, namespace = 'risk.features', kind = 'FEATURE_PIPELINE'): GraphNodeData => ({ id, name: id, namespace, kind, computation: true });

/** A table read by n pipelines, each writing its feature: the shape of the demo's warehouse fan-out. */
function fanOut(n: number): { nodes: GraphNodeData[]; edges: GraphEdgeData[] } {
  const nodes = [asset('t', 'hive://warehouse', 'TABLE')];
  const edges: GraphEdgeData[] = [];
  for (let i = 0; i < n; i++) {
    nodes.push(job(`p${i}`), asset(`f${i}`));
    edges.push({ from: 't', to: `p${i}`, kind: 'READS' }, { from: `p${i}`, to: `f${i}`, kind: 'WRITES' });
  }
  return { nodes, edges };
}

describe('grouping', () => {
  it('draws every node when grouping is off or the graph is small enough under auto', () => {
    const { nodes, edges } = fanOut(30);
    const levels = levelsFrom(['t'], edges);
    for (const mode of ['none', 'auto'] as const) {
      const shown = groupGraph(nodes, edges, levels, mode, { roots: ['t'] });
      expect(shown.nodes).toHaveLength(61);
      expect(shown.edges).toHaveLength(60);
      expect(shown.grouped).toBe(0);
    }
  });

  it('past the auto threshold, gathers each crowded level into a group that says how many it holds', () => {
    const { nodes, edges } = fanOut(1000);
    const shown = groupGraph(nodes, edges, levelsFrom(['t'], edges), 'auto', { roots: ['t'] });
    expect(shown.nodes.map((n) => n.label).sort()).toEqual(['1,000 FEATURE in risk.features', '1,000 FEATURE_PIPELINE in risk.features', 't']);
    const groupEdges = shown.edges.map((e) => [e.kind, e.count]).sort();
    expect(groupEdges).toEqual([
      ['READS', 1000],
      ['WRITES', 1000],
    ]);
  });

  it('keeps the root out of groups, and shows the members of a group the user opened', () => {
    const { nodes, edges } = fanOut(5);
    const levels = levelsFrom(['t'], edges);
    const closed = groupGraph(nodes, edges, levels, 'kind', { roots: ['t'] });
    expect(closed.nodes.map((n) => n.id).sort()).toEqual(['group:K|FEATURE', 'group:K|FEATURE_PIPELINE', 't']);
    const opened = groupGraph(nodes, edges, levels, 'kind', { roots: ['t'], expanded: new Set(['K|FEATURE']) });
    expect(opened.nodes.map((n) => n.id).sort()).toEqual(['f0', 'f1', 'f2', 'f3', 'f4', 'group:K|FEATURE_PIPELINE', 't']);
    expect(opened.edges.filter((e) => e.source === 'group:K|FEATURE_PIPELINE').map((e) => e.target).sort()).toEqual(['f0', 'f1', 'f2', 'f3', 'f4']);
  });

  it('puts upstream and downstream nodes at the same distance in different levels', () => {
    const nodes = [asset('a'), job('up'), job('down'), asset('src'), asset('dst')];
    const edges: GraphEdgeData[] = [
      { from: 'src', to: 'up', kind: 'READS' },
      { from: 'up', to: 'a', kind: 'WRITES' },
      { from: 'a', to: 'down', kind: 'READS' },
      { from: 'down', to: 'dst', kind: 'WRITES' },
    ];
    const levels = levelsFrom(['a'], edges);
    expect(Object.fromEntries(levels)).toEqual({ a: 0, down: 1, dst: 2, up: -1, src: -2 });
    const shown = groupGraph(nodes, edges, levels, 'level', { roots: ['a'] });
    // Every level holds one node: nothing to gather.
    expect(shown.grouped).toBe(0);
  });

  it('never loses a node or an edge: each is drawn or counted in a group (any graph, any mode)', () => {
    const graph = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 29 }), fc.integer({ min: 0, max: 29 }), fc.constantFrom('risk.features', 'hive://w'), fc.constantFrom('FEATURE', 'TABLE')), { maxLength: 80 })
      .map((pairs) => {
        const nodes = new Map<string, GraphNodeData>();
        const edges = new Map<string, GraphEdgeData>();
        for (const [a, b, namespace, kind] of pairs) {
          // Bipartite: even numbers are assets, odd ones computations; an edge goes between the two.
          const from = a % 2 === 0 ? a : a - 1;
          const to = from + 1 + 2 * (b % 3);
          nodes.set(`n${from}`, asset(`n${from}`, namespace, kind));
          nodes.set(`n${to}`, job(`n${to}`, namespace));
          edges.set(`n${from}>n${to}`, { from: `n${from}`, to: `n${to}`, kind: 'READS' });
        }
        return { nodes: [...nodes.values()], edges: [...edges.values()] };
      });
    fc.assert(
      fc.property(graph, fc.constantFrom(...GROUPINGS), fc.integer({ min: 0, max: 20 }), ({ nodes, edges }, mode, autoAbove) => {
        const roots = nodes.slice(0, 1).map((n) => n.id);
        const shown = groupGraph(nodes, edges, levelsFrom(roots, edges), mode, { roots, autoAbove, autoMinGroup: 2 });
        const covered = shown.nodes.flatMap((n) => n.members ?? [n.id]).sort();
        expect(covered).toEqual(nodes.map((n) => n.id).sort());
        for (const root of roots) expect(shown.nodes.some((n) => n.id === root)).toBe(true);
        const inside = (id: string) => shown.nodes.find((n) => (n.members ?? [n.id]).includes(id))!.id;
        const crossing = edges.filter((e) => inside(e.from) !== inside(e.to)).length;
        expect(shown.edges.reduce((sum, e) => sum + e.count, 0)).toBe(crossing);
      }),
    );
  });
});
