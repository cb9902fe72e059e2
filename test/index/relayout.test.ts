import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { impactOf } from '../../graph-model/analyses/impact.js';
import { lineage, lineageSubgraph, MAX_DEPTH, type Direction } from '../../graph-model/analyses/lineage.js';
import { END_OF_LIST } from '../../graph-model/index/edgeTable.js';
import { localityOrder } from '../../graph-model/index/localityOrder.js';
import { VersionedGraph } from '../../graph-model/index/versionedGraph.js';
import { indexSnapshot } from './indexSnapshot.js';

const RUNS = Number(process.env.FC_RUNS ?? 50);

interface Spec {
  nodes: number;
  edges: { from: number; to: number; fromVersion: number; toVersion: number }[];
  fieldEdges: { computation: number; input: number; output: number; field: number }[];
}

/** A random bipartite versioned graph: even integers are assets, odd ones computations. */
const specArb: fc.Arbitrary<Spec> = fc.integer({ min: 2, max: 30 }).chain((nodes) => {
  const node = fc.integer({ min: 0, max: nodes - 1 });
  const interval = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 })).map(([from, length]) => ({ fromVersion: from, toVersion: length === 5 ? 2 ** 31 - 1 : from + length }));
  return fc.record({
    nodes: fc.constant(nodes),
    edges: fc.array(fc.tuple(node, node, interval).map(([a, b, i]) => ({ from: a, to: b, ...i })), { maxLength: 80 }),
    fieldEdges: fc.array(fc.record({ computation: node, input: node, output: node, field: fc.integer({ min: 0, max: 2 }) }), { maxLength: 10 }),
  });
});

/** Spec node i's id: in an order unrelated to the integers, as a store's pages deliver them. */
const idOf = (i: number) => `id-${(i * 7919) % 10007}`;

function build(spec: Spec): VersionedGraph {
  const graph = new VersionedGraph();
  graph.version = 6;
  const type = (i: number) => (i % 2 === 0 ? 'ASSET' : 'COMPUTATION');
  for (let i = 0; i < spec.nodes; i++) {
    const n = graph.addNode(idOf(i), type(i), 'ns', `node${i}`);
    graph.addNodeVersion(n, { fromVersion: 1, kind: type(i) === 'ASSET' ? 'TABLE' : 'BATCH_JOB', fields: ['a', 'b', 'c'], owners: [`team${i % 3}`] });
  }
  // The graph is bipartite: an edge joins an asset and a computation, whichever way round.
  for (const e of spec.edges) if (e.from % 2 !== e.to % 2) graph.addEdge(e.from, e.to, e.fromVersion, e.toVersion);
  for (const f of spec.fieldEdges) {
    if (f.computation % 2 === 1 && f.input % 2 === 0 && f.output % 2 === 0) {
      graph.addFieldEdge({ computation: f.computation, input: f.input, inputField: 'abc'[f.field]!, output: f.output, outputField: 'abc'[f.field]!, fromVersion: 1 });
    }
  }
  return graph;
}

/** Every node's lineage and impact at every version, by id and order-insensitive. */
function answers(graph: VersionedGraph) {
  const out: unknown[] = [];
  const ids = Array.from({ length: graph.nodes.count }, (_, n) => graph.nodes.id(n)).sort();
  for (let v = 1; v <= graph.version; v++) {
    for (const id of ids) {
      for (const direction of ['UPSTREAM', 'DOWNSTREAM', 'BOTH'] as Direction[]) {
        const r = lineage(graph, { ids: [id], direction, depth: MAX_DEPTH, asOf: v });
        out.push([r.nodes.map((n) => `${n.id}@${n.distance}`).sort(), r.edges.map((e) => `${e.from}>${e.to}`).sort(), r.moreBeyondDepth]);
      }
      const f = lineage(graph, { ids: [id], direction: 'DOWNSTREAM', depth: MAX_DEPTH, asOf: v, fieldLevel: true });
      out.push([f.nodes.map((n) => n.id).sort(), (f.fields ?? []).map((x) => `${x.id}.${x.field}@${x.distance}`).sort()]);
      const impact = impactOf(graph, { ids: [id], mode: 'DELETE', asOf: v });
      out.push([impact.broken.map((n) => `${n.id}@${n.distance}`).sort(), impact.degraded.map((n) => n.id).sort()]);
    }
  }
  return out;
}

describe('renumbering the index for locality', () => {
  it('places every node once', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const graph = build(spec);
        const order = [...localityOrder(graph.edges, graph.nodes.count)].sort((a, b) => a - b);
        expect(order).toEqual([...Array(graph.nodes.count).keys()]);
      }),
      { numRuns: RUNS },
    );
  });

  it('lays out the widest fan-out first: its whole downstream in one stretch, nearest levels first', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const graph = build(spec);
        const E = graph.edges;
        const fanOut = new Array<number>(graph.nodes.count).fill(0);
        for (let e = 0; e < E.count; e++) fanOut[E.sourceOf(e)]!++;
        const widest = Math.max(...fanOut);
        const order = localityOrder(E, graph.nodes.count);
        const first = order[0]!;
        expect(fanOut[first]).toBe(widest);
        // Fewest hops from the first node along every row, whatever its versions.
        const distance = new Map<number, number>([[first, 0]]);
        const queue = [first];
        for (let i = 0; i < queue.length; i++) {
          for (let e = E.firstOutRow(queue[i]!); e !== END_OF_LIST; e = E.nextOutRow(e)) {
            if (!distance.has(E.targetOf(e))) {
              distance.set(E.targetOf(e), distance.get(queue[i]!)! + 1);
              queue.push(E.targetOf(e));
            }
          }
        }
        const stretch = [...order.slice(0, distance.size)];
        expect(new Set(stretch)).toEqual(new Set(distance.keys()));
        const levels = stretch.map((n) => distance.get(n)!);
        expect(levels).toEqual([...levels].sort((a, b) => a - b));
      }),
      { numRuns: RUNS },
    );
  });

  it('changes no answer: snapshot, lineage and impact at every version are those before', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const graph = build(spec);
        const snapshots = [1, 2, 3, 4, 5, 6].map((v) => indexSnapshot(graph, v));
        const before = answers(graph);
        graph.relayout();
        expect([1, 2, 3, 4, 5, 6].map((v) => indexSnapshot(graph, v))).toEqual(snapshots);
        expect(answers(graph)).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it("stores each node's outgoing rows next to each other, in node order", () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const graph = build(spec);
        graph.relayout();
        const E = graph.edges;
        for (let n = 0; n < graph.nodes.count; n++) {
          const rows: number[] = [];
          for (let e = E.firstOutRow(n); e !== END_OF_LIST; e = E.nextOutRow(e)) rows.push(e);
          rows.sort((a, b) => a - b);
          expect(rows.every((r, i) => i === 0 || r === rows[i - 1]! + 1)).toBe(true);
        }
        // Rows run in source order, so a walk's next node's rows follow the previous one's.
        for (let e = 1; e < E.count; e++) expect(E.sourceOf(e)).toBeGreaterThanOrEqual(E.sourceOf(e - 1));
      }),
      { numRuns: RUNS },
    );
  });

  it('answers as before with edges added after the renumbering (walks read laid-out rows by position)', () => {
    const extraArb = fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 6 })), { maxLength: 40 });
    fc.assert(
      fc.property(specArb, extraArb, (spec, extra) => {
        const added = extra.map(([a, b, from]) => ({ from: a % spec.nodes, to: b % spec.nodes, fromVersion: from, toVersion: 2 ** 31 - 1 }));
        const laidOut = build(spec);
        laidOut.relayout();
        for (const e of added) if (e.from % 2 !== e.to % 2) laidOut.addEdge(laidOut.nodes.indexOf(idOf(e.from))!, laidOut.nodes.indexOf(idOf(e.to))!, e.fromVersion, e.toVersion);
        const plain = build({ ...spec, edges: [...spec.edges, ...added] });
        expect(answers(laidOut)).toEqual(answers(plain));
      }),
      { numRuns: RUNS },
    );
  });

  it('answers as before with edges closed after the renumbering (a node with an ended row has its rows checked one by one)', () => {
    const closingArb = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 2, max: 6 })), { maxLength: 20 });
    fc.assert(
      fc.property(specArb, closingArb, (spec, closings) => {
        // A row is known by its ends and its start (the store's fact key): one row per key.
        const keys = new Set<string>();
        const edges = spec.edges.filter((e) => e.from % 2 !== e.to % 2 && !keys.has(`${e.from}>${e.to}@${e.fromVersion}`) && keys.add(`${e.from}>${e.to}@${e.fromVersion}`));
        if (edges.length === 0) return;
        const open = edges.map((e) => ({ ...e, toVersion: 2 ** 31 - 1 }));
        const laidOut = build({ ...spec, edges: open });
        laidOut.relayout();
        const ended = open.map((e) => ({ ...e }));
        for (const [which, at] of closings) {
          const e = ended[which % ended.length]!;
          if (e.toVersion !== 2 ** 31 - 1 || at <= e.fromVersion) continue;
          expect(laidOut.edges.close(laidOut.nodes.indexOf(idOf(e.from))!, laidOut.nodes.indexOf(idOf(e.to))!, e.fromVersion, at)).not.toBe(END_OF_LIST);
          e.toVersion = at;
        }
        expect(answers(laidOut)).toEqual(answers(build({ ...spec, edges: ended })));
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps taking rows after the renumbering: new nodes, new edges and closed edges', () => {
    const graph = new VersionedGraph();
    graph.version = 2;
    const a = graph.addNode('a', 'ASSET', 'ns', 'a');
    const c = graph.addNode('c', 'COMPUTATION', 'ns', 'c');
    const b = graph.addNode('b', 'ASSET', 'ns', 'b');
    for (const n of [a, b, c]) graph.addNodeVersion(n, { fromVersion: 1, kind: 'K' });
    graph.addEdge(b, c, 1);
    graph.addEdge(c, a, 1);
    graph.relayout();
    const [na, nb, nc] = ['a', 'b', 'c'].map((id) => graph.nodes.indexOf(id)!);
    expect(new Set([na, nb, nc]).size).toBe(3);
    // b is the only source: it comes first.
    expect(nb).toBe(0);
    expect(graph.edges.close(nc!, na!, 1, 3)).not.toBe(END_OF_LIST);
    const d = graph.addNode('d', 'ASSET', 'ns', 'd');
    expect(d).toBe(3);
    expect(graph.nodes.indexOf('d')).toBe(3);
    expect(graph.addNode('a', 'ASSET', 'ns', 'a')).toBe(na);
    graph.addNodeVersion(d, { fromVersion: 3, kind: 'K' });
    graph.addEdge(nc!, d, 3);
    graph.version = 3;
    const ids = (asOf: number) => lineage(graph, { ids: ['b'], direction: 'DOWNSTREAM', depth: 5, asOf }).nodes.map((n) => n.id);
    expect(ids(2)).toEqual(['b', 'c', 'a']);
    expect(ids(3)).toEqual(['b', 'c', 'd']);
  });
});

/**
 * Lineage worked out from the spec alone, for one direction: breadth-first over the edges valid at
 * `version` (fromVersion <= version < toVersion), each node at its fewest hops up to `depth`, and
 * every edge followed out of a node nearer than `depth`. Written without the index.
 */
function referenceWalk(spec: Spec, start: number, downstream: boolean, depth: number, version: number) {
  const valid = spec.edges.filter((e) => e.from % 2 !== e.to % 2 && e.fromVersion <= version && version < e.toVersion);
  const distance = new Map<number, number>([[start, 0]]);
  const edges = new Set<string>();
  let level = [start];
  for (let d = 0; d < depth && level.length > 0; d++) {
    const next: number[] = [];
    for (const n of level) {
      for (const e of valid) {
        if ((downstream ? e.from : e.to) !== n) continue;
        const other = downstream ? e.to : e.from;
        edges.add(`${idOf(e.from)}>${idOf(e.to)}:${e.from % 2 === 0 ? 'READS' : 'WRITES'}`);
        if (!distance.has(other)) {
          distance.set(other, d + 1);
          next.push(other);
        }
      }
    }
    level = next;
  }
  return { distance, edges };
}

describe('lineage as columns', () => {
  it('reaches the nodes, distances and edges a walk over the spec reaches, ids resolved on request', () => {
    const DEPTH = 6;
    fc.assert(
      fc.property(specArb, fc.constantFrom<Direction>('UPSTREAM', 'DOWNSTREAM', 'BOTH'), fc.option(fc.constantFrom<string[]>(['TABLE'], ['BATCH_JOB'])), (anySpec, direction, kinds) => {
        // A store holds one row of an edge valid at a time: one interval per (from, to) here.
        const seen = new Set<string>();
        const spec = { ...anySpec, edges: anySpec.edges.filter((e) => !seen.has(`${e.from}>${e.to}`) && seen.add(`${e.from}>${e.to}`)) };
        const graph = build(spec);
        const kindOf = (i: number) => (i % 2 === 0 ? 'TABLE' : 'BATCH_JOB');
        for (let start = 0; start < spec.nodes; start++) {
          const sub = lineageSubgraph(graph, { ids: [idOf(start)], direction, depth: DEPTH, kinds: kinds ?? undefined });
          const halves = (direction === 'BOTH' ? [false, true] : [direction === 'DOWNSTREAM']).map((down) => referenceWalk(spec, start, down, DEPTH, graph.version));
          // The start is always returned; other nodes only of the kinds asked for.
          const kept = (n: number) => n === start || kinds == null || kinds.includes(kindOf(n));
          const reached = new Set(halves.flatMap((h) => [...h.distance.keys()]));
          const expectedIds = [...reached].filter(kept).map(idOf).sort();
          const ids = sub.ids();
          expect([...ids].sort()).toEqual(expectedIds);
          expect(ids[0]).toBe(idOf(start));
          // A node's distance is its fewest hops in a direction that reaches it (BOTH: either half's).
          ids.forEach((id, i) => {
            const n = [...reached].find((m) => idOf(m) === id)!;
            expect(halves.map((h) => h.distance.get(n)).filter((d) => d !== undefined)).toContain(sub.distances[i]);
          });
          const expectedEdges = new Set(halves.flatMap((h) => [...h.edges]));
          const keptIds = new Set(expectedIds);
          const edgeKeys = sub.edgeObjects().map((e) => `${e.from}>${e.to}:${e.kind}`);
          expect(edgeKeys.sort()).toEqual([...expectedEdges].filter((key) => keptIds.has(key.split('>')[0]!) && keptIds.has(key.split('>')[1]!.split(':')[0]!)).sort());
          expect(sub.edges.length).toBe(new Set(sub.edges).size);
          // Objects made for a page are the columns' rows.
          expect(sub.nodeObjects(1, 3).map((n) => [n.id, n.distance])).toEqual(ids.slice(1, 3).map((id, i) => [id, sub.distances[i + 1]]));
        }
      }),
      { numRuns: RUNS },
    );
  });
});
