/**
 * Index benchmarks (issue 5): a synthetic versioned graph built directly in the in-memory index
 * (no database), BENCH_INDEX_NODES nodes (default 200k, 60% assets, 40% computations) with about
 * 5 edges per node spread over 100 graph versions, 10% of them closed again. Measures heap per
 * edge, downstream lineage depth 10 from a hub, impact of deleting a hub source, and lineage at an
 * old asOf against the latest. Run with `node --expose-gc` (e.g. NODE_OPTIONS=--expose-gc) for
 * exact heap figures.
 */
import { impactOf } from '../graph-model/analyses/impact.js';
import { lineage } from '../graph-model/analyses/lineage.js';
import { nodeId } from '../graph-model/ids.js';
import { VersionedGraph } from '../graph-model/index/versionedGraph.js';
import { seededRandom, summarize } from './stats.js';

const NODES = Number(process.env.BENCH_INDEX_NODES ?? 200_000);
const EDGES_PER_NODE = 5;
const VERSIONS = 100;

const gc = (globalThis as { gc?: () => void }).gc;

function memory() {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers };
}

/**
 * Jobs read 6 inputs (3 of them power-law picks among earlier tables, so a few hubs feed many jobs)
 * and write ~6.5 outputs further along, so downstream walks go deep. Version of each edge is
 * uniform in 1..VERSIONS; one in ten is closed later.
 */
export function syntheticGraph(nodes: number, seed = 42): { graph: VersionedGraph; edges: number; hub: string; mid: string } {
  const random = seededRandom(seed);
  const graph = new VersionedGraph();
  const assets = Math.round(nodes * 0.6);
  const computations = nodes - assets;
  const assetIds: number[] = [];
  for (let i = 0; i < assets; i++) {
    const name = `bench.db.table_${i}`;
    const n = graph.addNode(nodeId('ASSET', 'hive://bench', name), 'ASSET', 'hive://bench', name);
    graph.addNodeVersion(n, { fromVersion: 1, kind: i % 50 === 49 ? 'RULE' : 'TABLE', owners: [`team-${i % 20}`], fields: ['id', 'amount', 'ts'] });
    assetIds.push(n);
  }
  const perComputation = Math.round((EDGES_PER_NODE * nodes) / computations);
  const readsPer = Math.min(6, perComputation - 1);
  let edges = 0;
  const addEdge = (from: number, to: number) => {
    const fromVersion = 1 + Math.floor(random() * VERSIONS);
    const closed = random() < 0.1;
    graph.addEdge(from, to, fromVersion, closed ? fromVersion + 1 + Math.floor(random() * (VERSIONS - fromVersion + 1)) : undefined);
    edges++;
  };
  for (let c = 0; c < computations; c++) {
    const name = `bench.job_${c}`;
    const n = graph.addNode(nodeId('COMPUTATION', 'bench.jobs', name), 'COMPUTATION', 'bench.jobs', name);
    graph.addNodeVersion(n, { fromVersion: 1, kind: c % 10 === 0 ? 'RULE_EVALUATION' : 'BATCH_JOB' });
    const position = Math.max(1, Math.floor(((c + 1) / computations) * assets * 0.9));
    const seen = new Set<number>();
    for (let r = 0; r < readsPer; r++) {
      const a = r < 3 ? Math.floor(position * Math.pow(random(), 4)) : Math.floor(random() * position);
      if (seen.has(a)) continue;
      seen.add(a);
      addEdge(assetIds[a]!, n);
    }
    for (let w = readsPer; w < perComputation; w++) {
      const a = Math.min(assets - 1, position + Math.floor(random() * (assets * 0.1)));
      if (seen.has(a)) continue;
      seen.add(a);
      addEdge(n, assetIds[a]!);
    }
  }
  graph.version = VERSIONS + 1;
  return { graph, edges, hub: graph.nodes.id(assetIds[0]!), mid: graph.nodes.id(assetIds[Math.floor(assets / 2)]!) };
}

function timedRuns(runs: number, fn: () => void) {
  fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

export async function runIndexBench(): Promise<Record<string, unknown>> {
  const before = memory();
  const buildStart = performance.now();
  const { graph, edges, hub, mid } = syntheticGraph(NODES);
  const buildMs = Math.round(performance.now() - buildStart);
  const after = memory();
  const heapBytes = after.heapUsed - before.heapUsed;
  const arrayBytes = after.arrayBuffers - before.arrayBuffers;
  const results: Record<string, unknown> = {
    nodes: graph.nodes.count,
    edges,
    buildMs,
    gcExposed: gc !== undefined,
    memory: {
      heapBytesPerEdge: Math.round(heapBytes / edges),
      typedArrayBytesPerEdge: Math.round(arrayBytes / edges),
      totalBytesPerEdge: Math.round((heapBytes + arrayBytes) / edges),
      totalMiB: Math.round((heapBytes + arrayBytes) / 2 ** 20),
    },
  };
  console.log(`built ${graph.nodes.count} nodes, ${edges} edges in ${buildMs} ms`, results.memory);

  const down = () => lineage(graph, { ids: [hub], direction: 'DOWNSTREAM', depth: 10, maxNodes: 1_000_000 });
  const sample = down();
  results.lineageDownstreamHubDepth10 = { ...timedRuns(100, down), resultNodes: sample.nodes.length, resultEdges: sample.edges.length, truncated: sample.truncated };
  const capped = lineage(graph, { ids: [hub], direction: 'DOWNSTREAM', depth: 10 });
  results.lineageDownstreamHubDefaultCap = { ...timedRuns(100, () => lineage(graph, { ids: [hub], direction: 'DOWNSTREAM', depth: 10 })), resultNodes: capped.nodes.length, truncated: capped.truncated };
  console.log('lineage downstream depth 10 from the hub', results.lineageDownstreamHubDepth10);

  const impact = impactOf(graph, { ids: [hub], mode: 'DELETE' });
  results.impactOfHub = {
    ...timedRuns(20, () => impactOf(graph, { ids: [hub], mode: 'DELETE' })),
    broken: impact.summary.broken,
    degraded: impact.summary.degraded,
    summary: impact.summary.text,
  };
  console.log('impact of deleting the hub', results.impactOfHub);

  const old = Math.floor(VERSIONS / 2);
  const at = (asOf: number) => () => lineage(graph, { ids: [mid], direction: 'BOTH', depth: 10, asOf, maxNodes: 1_000_000 });
  results.lineageMidBothDepth10 = {
    latest: { ...timedRuns(100, at(graph.version)), resultNodes: at(graph.version)().nodes.length },
    asOfOld: { ...timedRuns(100, at(old)), asOf: old, resultNodes: at(old)().nodes.length },
  };
  console.log('lineage BOTH depth 10 from a middle table, latest vs old asOf', results.lineageMidBothDepth10);
  return results;
}
