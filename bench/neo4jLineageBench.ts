/**
 * `npm run bench -- neo4j-lineage`: depth-10 lineage from a hub answered by the in-memory index
 * and by Cypher over the Neo4j projection (graph-model/neo4j/neo4jLineage.ts), alternated in one
 * run. The graph is neo4jSyncBench's: DCTX_BENCH_NEO4J_TABLES tables (default 2,000) and as many
 * jobs, each reading 3 random tables and writing 1; the hub is the table read by most jobs.
 */
import { lineage, type LineageOptions } from '../graph-model/analyses/lineage.js';
import { nodeId } from '../graph-model/ids.js';
import { GraphIndex } from '../graph-model/index/graphIndex.js';
import { openNeo4jDriver } from '../graph-model/neo4j/neo4jConfig.js';
import { Neo4jLineage } from '../graph-model/neo4j/neo4jLineage.js';
import { Neo4jProjection } from '../graph-model/neo4j/neo4jProjection.js';
import { GraphStore } from '../graph-model/store/graphStore.js';
import { buildLauncher, startNeo4j } from '../test/support/neo4jLauncher.js';
import { benchGraph, NS } from './neo4jSyncBench.js';
import { seededRandom, summarize } from './stats.js';

const ROUNDS = 9;

export async function runNeo4jLineageBench(): Promise<Record<string, unknown>> {
  const why = buildLauncher((line) => console.log(line));
  if (why) throw new Error(`the Neo4j benchmark needs the launcher: ${why}`);
  const tables = Number(process.env.DCTX_BENCH_NEO4J_TABLES ?? 2_000);
  const store = await GraphStore.open({ dataDir: 'memory' });
  const neo4j = await startNeo4j({ heap: '1g', quickStart: false });
  const driver = openNeo4jDriver({ url: neo4j.url });
  try {
    const graph = benchGraph(tables, seededRandom(22));
    await store.apply(graph);
    await new Neo4jProjection(driver, store.db, undefined).catchUp();
    const index = await GraphIndex.load(store);
    const reads = new Map<string, number>();
    for (const e of graph.edges!) if (e.from.type === 'ASSET') reads.set(e.from.name, (reads.get(e.from.name) ?? 0) + 1);
    const [hub, readers] = [...reads].sort((a, b) => b[1] - a[1])[0]!;
    const fromNeo4j = new Neo4jLineage(driver, undefined);
    const results: Record<string, unknown> = { tables, hub, readers };
    for (const direction of ['DOWNSTREAM', 'UPSTREAM'] as const) {
      const options: LineageOptions = { ids: [nodeId('ASSET', NS, hub)], direction, depth: 10 };
      const indexMs: number[] = [];
      const neo4jMs: number[] = [];
      let sizes = {};
      for (let round = 0; round < ROUNDS; round++) {
        let started = performance.now();
        const a = lineage(index, options);
        indexMs.push(performance.now() - started);
        started = performance.now();
        const b = await fromNeo4j.lineage(options);
        neo4jMs.push(performance.now() - started);
        sizes = { nodes: a.nodes.length, edges: a.edges.length, neo4jNodes: b.nodes.length, neo4jEdges: b.edges.length, truncated: a.truncated };
      }
      const i = summarize(indexMs);
      const n = summarize(neo4jMs);
      results[direction.toLowerCase()] = { ...sizes, indexMs: i, neo4jMs: n, ratioAtMedian: Math.round((n.p50 / i.p50) * 10) / 10 };
    }
    console.log(JSON.stringify(results, null, 2));
    return results;
  } finally {
    await driver.close();
    await neo4j.stop();
    await store.close();
  }
}
