import fc from 'fast-check';
import { expect, it } from 'vitest';
import { END_OF_LIST } from '../../graph-model/index/edgeTable.js';
import { VersionedGraph } from '../../graph-model/index/versionedGraph.js';
import { OPEN } from '../../graph-model/index/versions.js';

const VERSIONS = 6;
const edgeArb = (nodes: number) =>
  fc.record({
    from: fc.nat({ max: nodes - 1 }),
    to: fc.nat({ max: nodes - 1 }),
    fromVersion: fc.integer({ min: 1, max: VERSIONS }),
    length: fc.option(fc.integer({ min: 1, max: VERSIONS }), { nil: undefined }),
  });
const specArb = fc.integer({ min: 1, max: 10 }).chain((nodes) =>
  fc.record({
    nodes: fc.constant(nodes),
    laidOut: fc.array(edgeArb(nodes), { maxLength: 40 }),
    appended: fc.array(edgeArb(nodes), { maxLength: 20 }),
    /** Rows (by index into laidOut) closed after the layout, at a version. */
    closings: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: VERSIONS + 1 })), { maxLength: 10 }),
  }),
);

/** Rows a cursor visits, sorted, and the rows a naive scan of every row keeps, sorted. */
function visited(graph: VersionedGraph, n: number, v: number, out: boolean): number[] {
  const E = graph.edges;
  const rows: number[] = [];
  if (out) for (let e = E.firstOut(n, v); e !== END_OF_LIST; e = E.nextOut(e, v)) rows.push(e);
  else for (let e = E.firstIn(n, v); e !== END_OF_LIST; e = E.nextIn(e, v)) rows.push(e);
  return rows.sort((a, b) => a - b);
}

function naive(graph: VersionedGraph, n: number, v: number, out: boolean): number[] {
  const E = graph.edges;
  const rows: number[] = [];
  for (let e = 0; e < E.count; e++) {
    const end = out ? E.sourceOf(e) : E.targetOf(e);
    // The reference test, written out here on purpose: it checks the one in versions.ts.
    if (end === n && E.fromVersionOf(e) <= v && v < E.toVersionOf(e)) rows.push(e);
  }
  return rows;
}

function expectCursorsMatch(graph: VersionedGraph): void {
  for (let n = 0; n < graph.nodes.count + 1; n++) {
    for (let v = 0; v <= VERSIONS + 1; v++) {
      expect(visited(graph, n, v, true)).toEqual(naive(graph, n, v, true));
      expect(visited(graph, n, v, false)).toEqual(naive(graph, n, v, false));
    }
  }
}

it('the edge cursors visit exactly the rows valid at a version, before and after a relayout, with rows appended and closed after it', () => {
  fc.assert(
    fc.property(specArb, (spec) => {
      const graph = new VersionedGraph();
      const ids: string[] = [];
      for (let i = 0; i < spec.nodes; i++) {
        ids.push(`n${i}`);
        graph.addNodeVersion(graph.addNode(`n${i}`, i % 2 === 0 ? 'ASSET' : 'COMPUTATION', 'ns', `n${i}`), { fromVersion: 1, kind: 'TABLE' });
      }
      const toVersion = (e: { fromVersion: number; length?: number }) => (e.length === undefined ? OPEN : e.fromVersion + e.length);
      for (const e of spec.laidOut) graph.addEdge(e.from, e.to, e.fromVersion, toVersion(e));
      expectCursorsMatch(graph);
      graph.relayout();
      expectCursorsMatch(graph);
      const at = (i: number) => graph.nodes.indexOf(ids[i]!)!;
      for (const e of spec.appended) graph.addEdge(at(e.from), at(e.to), e.fromVersion, toVersion(e));
      for (const [which, end] of spec.closings) {
        if (spec.laidOut.length === 0) break;
        const e = spec.laidOut[which % spec.laidOut.length]!;
        if (e.length !== undefined || end <= e.fromVersion) continue;
        graph.edges.close(at(e.from), at(e.to), e.fromVersion, end);
      }
      expectCursorsMatch(graph);
    }),
    { numRuns: 200 },
  );
});
