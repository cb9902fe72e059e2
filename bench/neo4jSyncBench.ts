/**
 * `npm run bench -- neo4j`: the Neo4j projection's sync throughput against a real Neo4j
 * (test/java/neo4j-launcher, built when missing; full JIT, 1 GiB heap). One changeset of
 * DCTX_BENCH_NEO4J_TABLES tables (default 20,000) with as many jobs, each job reading 3 tables and
 * writing 1, is applied to an in-memory PGlite store and projected into an empty Neo4j; then 10
 * incremental delta changesets of 100 new jobs (400 edges) each are projected one by one.
 */
import type { Changeset, EdgeAssertion, NodeAssertion } from '../graph-model/model.js';
import { Neo4jProjection } from '../graph-model/neo4j/neo4jProjection.js';
import { openNeo4jDriver } from '../graph-model/neo4j/neo4jConfig.js';
import { GraphStore } from '../graph-model/store/graphStore.js';
import { buildLauncher, startNeo4j } from '../test/support/neo4jLauncher.js';
import { seededRandom, summarize } from './stats.js';

export const NS = 'hive://bench';

function jobs(first: number, count: number, tables: number, random: () => number): { computations: NodeAssertion[]; edges: EdgeAssertion[] } {
  const computations: NodeAssertion[] = [];
  const edges: EdgeAssertion[] = [];
  for (let j = first; j < first + count; j++) {
    computations.push({ namespace: NS, name: `job${j}`, kind: 'BATCH_JOB' });
    const job = { type: 'COMPUTATION' as const, namespace: NS, name: `job${j}` };
    const inputs = new Set<number>();
    while (inputs.size < 3) inputs.add(Math.floor(random() * tables));
    for (const t of inputs) edges.push({ from: { type: 'ASSET', namespace: NS, name: `t${t}` }, to: job });
    edges.push({ from: job, to: { type: 'ASSET', namespace: NS, name: `t${j % tables}` } });
  }
  return { computations, edges };
}

/** The benchmark graph: `tables` tables and as many jobs, each reading 3 random tables and writing 1. */
export function benchGraph(tables: number, random: () => number): Changeset {
  const assets: NodeAssertion[] = Array.from({ length: tables }, (_, t) => ({ namespace: NS, name: `t${t}`, kind: 'TABLE', definition: { fields: [{ name: 'id' }, { name: 'amount' }] } }));
  return { source: 'bench', mode: 'delta', assets, ...jobs(0, tables, tables, random) };
}

export async function runNeo4jSyncBench(): Promise<Record<string, unknown>> {
  const why = buildLauncher((line) => console.log(line));
  if (why) throw new Error(`the Neo4j benchmark needs the launcher: ${why}`);
  const tables = Number(process.env.DCTX_BENCH_NEO4J_TABLES ?? 20_000);
  const random = seededRandom(22);
  const store = await GraphStore.open({ dataDir: 'memory' });
  const neo4j = await startNeo4j({ heap: '1g', quickStart: false });
  const driver = openNeo4jDriver({ url: neo4j.url });
  try {
    await store.apply(benchGraph(tables, random));
    const projection = new Neo4jProjection(driver, store.db, undefined);
    await projection.migrate();
    let started = performance.now();
    const [first] = await projection.catchUp();
    const fromEmptyMs = performance.now() - started;
    const rows = first!.rows;

    const incrementalMs: number[] = [];
    for (let i = 0; i < 10; i++) {
      await store.apply({ source: `bench-${i}`, mode: 'delta', ...jobs(tables + i * 100, 100, tables, random) });
      started = performance.now();
      await projection.catchUp();
      incrementalMs.push(performance.now() - started);
    }
    const incremental = summarize(incrementalMs);
    const results = {
      tables,
      fromEmpty: { nodeVersions: rows.nodes, edges: rows.edges, seconds: Math.round(fromEmptyMs) / 1000, edgesPerSecond: Math.round(rows.edges / (fromEmptyMs / 1000)), rowsPerSecond: Math.round((rows.nodes + rows.edges) / (fromEmptyMs / 1000)) },
      incremental: { changesets: 10, edgesEach: 400, nodesEach: 100, ms: incremental, edgesPerSecondAtMedian: Math.round(400 / (incremental.p50 / 1000)) },
    };
    console.log(JSON.stringify(results, null, 2));
    return results;
  } finally {
    await driver.close();
    await neo4j.stop();
    await store.close();
  }
}
