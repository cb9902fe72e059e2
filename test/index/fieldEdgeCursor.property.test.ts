import fc from 'fast-check';
import { expect, it } from 'vitest';
import { END_OF_LIST } from '../../graph-model/index/edgeTable.js';
import { VersionedGraph, type FieldEdgeInput } from '../../graph-model/index/versionedGraph.js';
import { OPEN } from '../../graph-model/index/versions.js';

const VERSIONS = 6;
const FIELDS = ['', 'id', 'amount', 'customer.name'];
const interval = {
  fromVersion: fc.integer({ min: 1, max: VERSIONS }),
  length: fc.option(fc.integer({ min: 1, max: VERSIONS }), { nil: undefined }),
};
const fieldEdgeArb = (nodes: number) =>
  fc.record({
    computation: fc.nat({ max: nodes - 1 }),
    input: fc.nat({ max: nodes - 1 }),
    inputField: fc.constantFrom(...FIELDS),
    output: fc.nat({ max: nodes - 1 }),
    outputField: fc.constantFrom(...FIELDS),
    indirect: fc.boolean(),
    masking: fc.boolean(),
    ...interval,
  });
const nodeEdgeArb = (nodes: number) => fc.record({ from: fc.nat({ max: nodes - 1 }), to: fc.nat({ max: nodes - 1 }), ...interval });
const specArb = fc.integer({ min: 1, max: 10 }).chain((nodes) =>
  fc.record({
    nodes: fc.constant(nodes),
    /** Node edges give the layout an order to renumber the nodes into. */
    nodeEdges: fc.array(nodeEdgeArb(nodes), { maxLength: 25 }),
    laidOut: fc.array(fieldEdgeArb(nodes), { maxLength: 40 }),
    appended: fc.array(fieldEdgeArb(nodes), { maxLength: 20 }),
    /** Rows (by index into laidOut, then appended) closed after the layout, at a version. */
    closings: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: VERSIONS + 1 })), { maxLength: 10 }),
  }),
);
type Row = ReturnType<typeof fieldEdgeArb> extends fc.Arbitrary<infer T> ? T : never;
type List = 'input' | 'output' | 'computation';

function cursorRows(graph: VersionedGraph, n: number, v: number, list: List): number[] {
  const F = graph.fieldEdges;
  const rows: number[] = [];
  if (list === 'input') for (let f = F.firstByInput(n, v); f !== END_OF_LIST; f = F.nextByInput(f, v)) rows.push(f);
  if (list === 'output') for (let f = F.firstByOutput(n, v); f !== END_OF_LIST; f = F.nextByOutput(f, v)) rows.push(f);
  if (list === 'computation') for (let f = F.firstByComputation(n, v); f !== END_OF_LIST; f = F.nextByComputation(f, v)) rows.push(f);
  return rows.sort((a, b) => a - b);
}

/**
 * The rows of `expected` (the spec's rows with their current intervals, by row number) whose `list`
 * end is node `id` and that are valid at `v`: a scan of the spec, not of the table.
 */
function naiveRows(expected: Expected[], id: string, v: number, list: List): number[] {
  const rows: number[] = [];
  expected.forEach((row, f) => {
    // The reference test, written out here on purpose: it checks the one in versions.ts.
    if (row[list] === id && row.fromVersion <= v && v < row.toVersion) rows.push(f);
  });
  return rows;
}

interface Expected {
  input: string;
  output: string;
  computation: string;
  inputField: string;
  outputField: string;
  fromVersion: number;
  toVersion: number;
}

function expectCursorsMatch(graph: VersionedGraph, ids: string[], expected: Expected[]): void {
  const F = graph.fieldEdges;
  expect(F.count).toBe(expected.length);
  // Each row still names the nodes and fields it was added with, whatever integers they have now.
  expected.forEach((row, f) => {
    expect({
      input: graph.nodes.id(F.inputOf(f)),
      output: graph.nodes.id(F.outputOf(f)),
      computation: graph.nodes.id(F.computationOf(f)),
      inputField: graph.strings.get(F.inputFieldOf(f)),
      outputField: graph.strings.get(F.outputFieldOf(f)),
      fromVersion: F.fromVersionOf(f),
      toVersion: F.toVersionOf(f),
    }).toEqual(row);
  });
  for (const id of ids) {
    const n = graph.nodes.indexOf(id)!;
    for (let v = 0; v <= VERSIONS + 1; v++) {
      for (const list of ['input', 'output', 'computation'] as const) expect(cursorRows(graph, n, v, list)).toEqual(naiveRows(expected, id, v, list));
    }
  }
  // A node the table has no room for yet has no rows.
  for (const list of ['input', 'output', 'computation'] as const) expect(cursorRows(graph, graph.nodes.count + 5, 1, list)).toEqual([]);
}

it('the field-edge cursors visit exactly the rows valid at a version, before and after a relayout, with rows appended and closed after it', () => {
  fc.assert(
    fc.property(specArb, (spec) => {
      const graph = new VersionedGraph();
      const ids: string[] = [];
      for (let i = 0; i < spec.nodes; i++) {
        ids.push(`n${i}`);
        graph.addNodeVersion(graph.addNode(`n${i}`, i % 2 === 0 ? 'ASSET' : 'COMPUTATION', 'ns', `n${i}`), { fromVersion: 1, kind: 'TABLE' });
      }
      const toVersion = (e: { fromVersion: number; length?: number }) => (e.length === undefined ? OPEN : e.fromVersion + e.length);
      const at = (i: number) => graph.nodes.indexOf(ids[i]!)!;
      const inputOf = (r: Row, end?: number): FieldEdgeInput => ({
        computation: at(r.computation),
        input: at(r.input),
        inputField: r.inputField,
        output: at(r.output),
        outputField: r.outputField,
        transformationType: r.indirect ? 'INDIRECT' : 'DIRECT',
        masking: r.masking,
        fromVersion: r.fromVersion,
        ...(end === undefined ? {} : { toVersion: end }),
      });
      const expected: Expected[] = [];
      const add = (r: Row) => {
        graph.addFieldEdge(inputOf(r, toVersion(r)));
        expected.push({ input: ids[r.input]!, output: ids[r.output]!, computation: ids[r.computation]!, inputField: r.inputField, outputField: r.outputField, fromVersion: r.fromVersion, toVersion: toVersion(r) });
      };
      for (const e of spec.nodeEdges) graph.addEdge(e.from, e.to, e.fromVersion, toVersion(e));
      for (const r of spec.laidOut) add(r);
      expectCursorsMatch(graph, ids, expected);
      graph.relayout();
      expectCursorsMatch(graph, ids, expected);
      for (const r of spec.appended) add(r);
      const rows = [...spec.laidOut, ...spec.appended];
      for (const [which, end] of spec.closings) {
        if (rows.length === 0) break;
        const f = which % rows.length;
        const r = rows[f]!;
        // close ends the newest row with this content, closed or not: close only rows with no twin.
        if (r.length !== undefined || end <= r.fromVersion || expected[f]!.toVersion !== OPEN) continue;
        const twin = rows.findIndex((x, g) => g !== f && sameContent(x, r));
        if (twin !== -1) continue;
        expect(graph.closeFieldEdge(inputOf(r), end)).toBe(true);
        expected[f]!.toVersion = end;
      }
      expectCursorsMatch(graph, ids, expected);
    }),
    { numRuns: 200 },
  );
});

function sameContent(a: Row, b: Row): boolean {
  return (
    a.computation === b.computation &&
    a.input === b.input &&
    a.output === b.output &&
    a.inputField === b.inputField &&
    a.outputField === b.outputField &&
    a.indirect === b.indirect &&
    a.masking === b.masking &&
    a.fromVersion === b.fromVersion
  );
}
