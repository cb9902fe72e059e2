import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineage, MAX_DEPTH } from '../../graph-model/analyses/lineage.js';
import { propagateTags } from '../../graph-model/analyses/tagPropagation.js';
import { nodeId } from '../../graph-model/ids.js';
import { VersionedGraph } from '../../graph-model/index/versionedGraph.js';
import type { Tag } from '../../graph-model/model.js';

const NS = 'prop';
const FIELDS = ['', 'a', 'b', 'a.x'];
const LATEST = 3;

const interval = fc
  .tuple(fc.integer({ min: 1, max: LATEST }), fc.option(fc.integer({ min: 2, max: LATEST + 1 }), { nil: undefined }))
  .filter(([from, to]) => to === undefined || to > from);

const randomSpec = fc.record({
  assets: fc.integer({ min: 1, max: 6 }),
  jobs: fc.integer({ min: 1, max: 4 }),
  reads: fc.array(fc.record({ asset: fc.nat(5), job: fc.nat(3), valid: interval }), { maxLength: 12 }),
  writes: fc.array(fc.record({ job: fc.nat(3), asset: fc.nat(5), valid: interval }), { maxLength: 10 }),
  // Each field edge comes with the read and write it refines, valid over the same interval.
  fieldEdges: fc.array(
    fc.record({ job: fc.nat(3), input: fc.nat(5), output: fc.nat(5), inputField: fc.constantFrom(...FIELDS), outputField: fc.constantFrom(...FIELDS), masking: fc.boolean(), valid: interval }),
    { maxLength: 10 },
  ),
  tags: fc.array(
    fc.record({
      // Mostly on assets (the first nodes), mostly on a field, so field-level walks are exercised.
      node: fc.oneof({ arbitrary: fc.nat(5), weight: 3 }, { arbitrary: fc.nat(9), weight: 1 }),
      field: fc.constantFrom('a', 'b', 'a.x', ''),
      key: fc.constantFrom('pii', 'sensitivity', 'owner', 'dctx.block'),
      value: fc.constantFrom('phone', 'L3', 'pii', '*'),
      valid: interval,
    }),
    { maxLength: 8 },
  ),
  asOf: fc.integer({ min: 1, max: LATEST }),
  seed: fc.integer(),
});

type Spec = typeof randomSpec extends fc.Arbitrary<infer T> ? T : never;

/** The spec as a graph, with node and edge rows added in an order given by `shuffle` (identity or a permutation). */
function build(spec: Spec, order: <T>(items: T[]) => T[]) {
  const graph = new VersionedGraph();
  graph.version = LATEST;
  const ids: string[] = [];
  const n: number[] = [];
  const nodes = [
    ...Array.from({ length: spec.assets }, (_, i) => ({ type: 'ASSET' as const, name: `a${i}` })),
    ...Array.from({ length: spec.jobs }, (_, i) => ({ type: 'COMPUTATION' as const, name: `j${i}` })),
  ];
  for (const node of order(nodes)) {
    const id = nodeId(node.type, NS, node.name);
    const index = graph.addNode(id, node.type, NS, node.name);
    graph.addNodeVersion(index, { fromVersion: 1, kind: node.type === 'ASSET' ? 'TABLE' : 'BATCH_JOB' });
  }
  for (const node of nodes) {
    ids.push(nodeId(node.type, NS, node.name));
    n.push(graph.nodes.indexOf(ids[ids.length - 1]!)!);
  }
  const asset = (i: number) => n[i % spec.assets]!;
  const job = (i: number) => n[spec.assets + (i % spec.jobs)]!;
  const refined = spec.fieldEdges.map((f) => ({ ...f, computation: job(f.job), input: asset(f.input), output: asset(f.output) }));
  const edges = [
    ...spec.reads.map((r) => ({ from: asset(r.asset), to: job(r.job), valid: r.valid })),
    ...spec.writes.map((w) => ({ from: job(w.job), to: asset(w.asset), valid: w.valid })),
    ...refined.flatMap((f) => [{ from: f.input, to: f.computation, valid: f.valid }, { from: f.computation, to: f.output, valid: f.valid }]),
  ];
  for (const e of order(edges)) graph.addEdge(e.from, e.to, e.valid[0], e.valid[1]);
  const fieldEdges = refined.map((f) => ({ ...f, fromVersion: f.valid[0], toVersion: f.valid[1] }));
  for (const f of order(fieldEdges)) graph.addFieldEdge(f);
  const tags: Tag[] = spec.tags.map((t) => ({
    nodeId: ids[t.node % ids.length]!,
    field: t.field,
    key: t.key,
    value: t.key === 'dctx.block' ? (t.value === '*' ? '*' : 'pii') : t.value,
    fromVersion: t.valid[0],
    toVersion: t.valid[1] ?? null,
  }));
  return { graph, tags: order(tags) };
}

/** A deterministic permutation from a seed, so a failing case shrinks and replays. */
function shuffler(seed: number) {
  return <T>(items: T[]): T[] => {
    const out = [...items];
    let state = seed >>> 0 || 1;
    for (let i = out.length - 1; i > 0; i--) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      const j = state % (i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
}

describe('tag propagation properties', () => {
  it('puts every carried tag downstream of its origin, along a valid path, the same whatever the load order', () => {
    fc.assert(
      fc.property(randomSpec, (spec) => {
        const { graph, tags } = build(spec, (items) => items);
        const version = spec.asOf;
        const propagation = propagateTags(graph, tags, { asOf: version });
        for (const carried of propagation.tags) {
          expect(carried.origins.length).toBeGreaterThan(0);
          for (const origin of carried.origins) {
            const downstream = lineage(graph, { ids: [origin.id], direction: 'DOWNSTREAM', depth: MAX_DEPTH, asOf: version });
            expect(downstream.nodes.map((node) => node.id)).toContain(carried.id);
            // The origin holds a valid declaration of the tag, and the path starts there and ends here.
            expect(tags.some((t) => t.nodeId === origin.id && t.key === carried.key && t.value === carried.value && t.fromVersion <= version && (t.toVersion === null || version < t.toVersion))).toBe(true);
            expect(origin.path[0]!.id).toBe(origin.id);
            expect(origin.path.at(-1)).toEqual({ id: carried.id, field: carried.field });
            // Each step of the path is an edge valid at the version.
            for (let i = 1; i < origin.path.length; i++) {
              const from = graph.nodes.indexOf(origin.path[i - 1]!.id)!;
              const to = graph.nodes.indexOf(origin.path[i]!.id)!;
              let found = false;
              for (let e = 0; e < graph.edges.count; e++) {
                if (graph.edges.sourceOf(e) === from && graph.edges.targetOf(e) === to && graph.edges.fromVersionOf(e) <= version && version < graph.edges.toVersionOf(e)) found = true;
              }
              expect(found).toBe(true);
            }
          }
          expect(['pii', 'sensitivity']).toContain(carried.key);
        }
        // The result depends on the graph at the version, not on the order the rows were loaded.
        const shuffled = build(spec, shuffler(spec.seed));
        expect(propagateTags(shuffled.graph, shuffled.tags, { asOf: version })).toEqual(propagation);
      }),
      { numRuns: 300 },
    );
  });
});
