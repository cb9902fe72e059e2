import fc from 'fast-check';
import { expect, it } from 'vitest';
import { lineage, type Direction } from '../../graph-model/analyses/lineage.js';
import { nodeId } from '../../graph-model/ids.js';
import { VersionedGraph } from '../../graph-model/index/versionedGraph.js';

const ASSET_KINDS = ['TABLE', 'FEATURE', 'RULE', 'KV_TABLE'] as const;
const JOB_KINDS = ['BATCH_JOB', 'FEATURE_PIPELINE', 'RULE_EVALUATION'] as const;
const KINDS = [...ASSET_KINDS, ...JOB_KINDS];

const randomSpec = fc.record({ assets: fc.integer({ min: 1, max: 10 }), jobs: fc.integer({ min: 1, max: 8 }) }).chain(({ assets, jobs }) =>
  fc.record({
    assetKinds: fc.array(fc.constantFrom(...ASSET_KINDS), { minLength: assets, maxLength: assets }),
    jobKinds: fc.array(fc.constantFrom(...JOB_KINDS), { minLength: jobs, maxLength: jobs }),
    edges: fc.array(fc.record({ asset: fc.nat(assets - 1), job: fc.nat(jobs - 1), reads: fc.boolean() }), { maxLength: 30 }),
    start: fc.nat(assets + jobs - 1),
    direction: fc.constantFrom<Direction>('DOWNSTREAM', 'UPSTREAM', 'BOTH'),
    depth: fc.integer({ min: 0, max: 8 }),
    kinds: fc.uniqueArray(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 4 }),
  }),
);

type Spec = typeof randomSpec extends fc.Arbitrary<infer T> ? T : never;

function build(spec: Spec): { graph: VersionedGraph; ids: string[] } {
  const graph = new VersionedGraph();
  graph.version = 1;
  const ids: string[] = [];
  spec.assetKinds.forEach((kind, i) => {
    const id = nodeId('ASSET', 'prop', `a${i}`);
    graph.addNodeVersion(graph.addNode(id, 'ASSET', 'prop', `a${i}`), { fromVersion: 1, kind });
    ids.push(id);
  });
  spec.jobKinds.forEach((kind, i) => {
    const id = nodeId('COMPUTATION', 'prop', `j${i}`);
    graph.addNodeVersion(graph.addNode(id, 'COMPUTATION', 'prop', `j${i}`), { fromVersion: 1, kind });
    ids.push(id);
  });
  const seen = new Set<string>();
  for (const e of spec.edges) {
    const a = graph.nodes.indexOf(ids[e.asset]!)!;
    const j = graph.nodes.indexOf(ids[spec.assetKinds.length + e.job]!)!;
    const key = `${e.reads ? a : j}>${e.reads ? j : a}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (e.reads) graph.addEdge(a, j, 1);
    else graph.addEdge(j, a, 1);
  }
  return { graph, ids };
}

/** Pairs (u, v), u != v, of `among` such that v is reachable from u along `edges`. */
function reachable(edges: { from: string; to: string }[], among: Set<string>): Set<string> {
  const out = new Map<string, string[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const pairs = new Set<string>();
  for (const u of among) {
    const seen = new Set<string>([u]);
    const queue = [u];
    for (let head = 0; head < queue.length; head++) {
      for (const v of out.get(queue[head]!) ?? []) {
        if (seen.has(v)) continue;
        seen.add(v);
        queue.push(v);
        if (among.has(v)) pairs.add(`${u}>${v}`);
      }
    }
  }
  return pairs;
}

it('a kinds-filtered lineage reaches between its nodes, through edges and collapsed edges, exactly as the unfiltered one', () => {
  fc.assert(
    fc.property(randomSpec, (spec) => {
      const { graph, ids } = build(spec);
      const options = { ids: [ids[spec.start]!], direction: spec.direction, depth: spec.depth, maxNodes: 1000 };
      const all = lineage(graph, options);
      const filtered = lineage(graph, { ...options, kinds: spec.kinds });
      expect(filtered.truncated).toBe(false);
      const kept = new Set(filtered.nodes.map((n) => n.id));
      const collapsed = filtered.collapsedEdges!;
      // Collapsed edges join returned nodes, through hidden nodes of the unfiltered walk only.
      const hidden = new Set(all.nodes.map((n) => n.id).filter((id) => !kept.has(id)));
      for (const c of collapsed) {
        expect(kept.has(c.from) && kept.has(c.to)).toBe(true);
        expect(c.through.length).toBeGreaterThan(0);
        for (const t of c.through) expect(hidden.has(t)).toBe(true);
      }
      const viaFiltered = reachable([...filtered.edges, ...collapsed], kept);
      expect([...viaFiltered].sort()).toEqual([...reachable(all.edges, kept)].sort());
    }),
    { numRuns: Number(process.env.FC_RUNS ?? 300) },
  );
});
