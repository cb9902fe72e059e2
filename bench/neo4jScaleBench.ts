/**
 * `npm run bench -- neo4j-scale` (issue #22's Performance section): the synthetic risk platform
 * (bench/scale, DCTX_BENCH_NEO4J_SCALE, default medium: 200k assets; DCTX_BENCH_NEO4J_ASSETS
 * overrides the count) loaded into PostgreSQL (DATABASE_URL), then
 * - the projection's sync from an empty Neo4j up to the loaded version, the platform's history
 *   changesets one by one, and incremental changesets of 10, 100 and 1,000 new jobs;
 * - depth-10 lineage downstream of the hub and the impact of deleting the hub, answered by the
 *   in-memory index, by Neo4j (DCTX_LINEAGE_BACKEND=neo4j's code) and by the Marquez-style
 *   recursive CTE on PostgreSQL (bench/scale/marquezBaseline.ts), alternated round by round.
 * Neo4j keeps its home (DCTX_BENCH_NEO4J_HOME) so bench/neo4jProfile.ts can PROFILE the same graph
 * without loading it again. Neo4j's heap and page cache: DCTX_BENCH_NEO4J_HEAP (3g),
 * DCTX_BENCH_NEO4J_PAGECACHE_MB (2048).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { uptime } from 'node:os';
import { impactOf } from '../graph-model/analyses/impact.js';
import { DEFAULT_MAX_NODES, lineage, type LineageOptions } from '../graph-model/analyses/lineage.js';
import { nodeId } from '../graph-model/ids.js';
import { GraphIndex } from '../graph-model/index/graphIndex.js';
import type { Changeset, EdgeAssertion, NodeAssertion } from '../graph-model/model.js';
import { openNeo4jDriver } from '../graph-model/neo4j/neo4jConfig.js';
import { Neo4jImpact } from '../graph-model/neo4j/neo4jImpact.js';
import { Neo4jLineage } from '../graph-model/neo4j/neo4jLineage.js';
import { Neo4jProjection } from '../graph-model/neo4j/neo4jProjection.js';
import type { ProjectedVersion } from '../graph-model/neo4j/projectVersion.js';
import { buildLauncher, startNeo4j } from '../test/support/neo4jLauncher.js';
import { freshStore } from './freshStore.js';
import { UNCAPPED } from './scale/correctnessChecks.js';
import { loadPlatform } from './scale/loadPlatform.js';
import { loadAverage } from './scale/machineFacts.js';
import { buildJobIo, dropJobIo, marquezDownstream } from './scale/marquezBaseline.js';
import { assetRef, hubRef } from './scale/platformNames.js';
import { platformShape, type Scale } from './scale/platformShape.js';
import { seededRandom, summarize } from './stats.js';

const ROUNDS = Number(process.env.DCTX_BENCH_NEO4J_ROUNDS ?? 7);
/** Deeper than the platform's longest path: the baseline's whole downstream closure, what impact must look at. */
const CLOSURE_DEPTH = 64;
const INCREMENTAL_JOBS = [10, 100, 1000];
const INCREMENTAL_REPEATS = 3;

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** `jobs` new jobs, each reading 3 random existing DWD tables and writing a new table of its own. */
function incrementalChangeset(scale: ReturnType<typeof platformShape>, tag: string, jobs: number, random: () => number): Changeset {
  const computations: NodeAssertion[] = [];
  const assets: NodeAssertion[] = [];
  const edges: EdgeAssertion[] = [];
  for (let j = 0; j < jobs; j++) {
    const job = { type: 'COMPUTATION' as const, namespace: 'airflow://bench-incremental', name: `${tag}.job${j}` };
    const out = { type: 'ASSET' as const, namespace: 'hive://bench-incremental', name: `${tag}.t${j}` };
    computations.push({ namespace: job.namespace, name: job.name, kind: 'BATCH_JOB' });
    assets.push({ namespace: out.namespace, name: out.name, kind: 'TABLE', definition: { fields: [{ name: 'id' }, { name: 'v' }] } });
    const inputs = new Set<number>();
    while (inputs.size < 3) inputs.add(Math.floor(random() * scale.layerSize.dwd));
    for (const i of inputs) edges.push({ from: assetRef(scale, 'dwd', i), to: job });
    edges.push({ from: job, to: out });
  }
  return { source: `bench-incremental-${tag}`, mode: 'delta', assets, computations, edges };
}

const rowsOf = (projected: ProjectedVersion[]) =>
  projected.reduce((sum, p) => ({ nodes: sum.nodes + p.rows.nodes, edges: sum.edges + p.rows.edges, fieldEdges: sum.fieldEdges + p.rows.fieldEdges, tags: sum.tags + p.rows.tags }), { nodes: 0, edges: 0, fieldEdges: 0, tags: 0 });

export async function runNeo4jScaleBench(): Promise<Record<string, unknown>> {
  if (!process.env.DATABASE_URL) throw new Error('the neo4j-scale benchmark needs DATABASE_URL (the Marquez-style baseline runs on PostgreSQL)');
  const why = buildLauncher((line) => console.log(line));
  if (why) throw new Error(`the Neo4j benchmark needs the launcher: ${why}`);
  const scale = (process.env.DCTX_BENCH_NEO4J_SCALE ?? 'medium') as Scale;
  const assetsOverride = process.env.DCTX_BENCH_NEO4J_ASSETS ? Number(process.env.DCTX_BENCH_NEO4J_ASSETS) : undefined;
  const shape = platformShape(scale, undefined, assetsOverride);
  const home = process.env.DCTX_BENCH_NEO4J_HOME ?? `/tmp/dctx-neo4j-scale-${shape.assets}`;
  const heap = process.env.DCTX_BENCH_NEO4J_HEAP ?? '3g';
  const pagecacheMb = Number(process.env.DCTX_BENCH_NEO4J_PAGECACHE_MB ?? 2048);
  const log = (line: string) => console.log(`[neo4j-scale ${shape.assets}] ${new Date().toISOString().slice(11, 19)} load ${loadAverage().join(' ')}: ${line}`);
  const results: Record<string, unknown> = { assets: shape.assets, scale, neo4j: { heap, pagecacheMb, home }, uptimeSeconds: Math.round(uptime()), loadAverageAtStart: loadAverage() };

  const { store, cleanup } = await freshStore('postgres');
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  const neo4j = await startNeo4j({ heap, pagecacheMb, quickStart: false, home });
  const driver = openNeo4jDriver({ url: neo4j.url });
  try {
    const load = await loadPlatform(store, shape, log);
    results.ingest = { nodes: load.nodes, edges: load.edges, applyMs: load.applyMs, loadedVersion: load.loadedVersion, latestVersion: load.latestVersion };
    log(`loaded: ${JSON.stringify(results.ingest)}`);
    await store.db.exec('VACUUM ANALYZE');

    const projection = new Neo4jProjection(driver, store.db, undefined);
    await projection.migrate();
    let started = performance.now();
    const initial = await projection.catchUp({ upTo: load.loadedVersion });
    const fromEmptyMs = performance.now() - started;
    const rows = rowsOf(initial);
    results.syncFromEmpty = {
      versions: initial.length,
      ...rows,
      seconds: round(fromEmptyMs / 1000, 1),
      edgesPerSecond: Math.round(rows.edges / (fromEmptyMs / 1000)),
      rowsPerSecond: Math.round((rows.nodes + rows.edges + rows.fieldEdges + rows.tags) / (fromEmptyMs / 1000)),
      loadAverage: loadAverage(),
    };
    log(`sync from empty: ${JSON.stringify(results.syncFromEmpty)}`);

    const history: Record<string, unknown>[] = [];
    for (let v = load.loadedVersion + 1; v <= load.latestVersion; v++) {
      started = performance.now();
      const [p] = await projection.catchUp({ upTo: v });
      history.push({ version: v, ...p!.rows, ms: Math.round(performance.now() - started) });
    }
    results.syncHistoryChangesets = history;
    log(`history changesets: ${JSON.stringify(history)}`);

    const random = seededRandom(shape.seed + 22);
    const incremental: Record<string, unknown>[] = [];
    for (const jobs of INCREMENTAL_JOBS) {
      const ms: number[] = [];
      let edges = 0;
      for (let k = 0; k < INCREMENTAL_REPEATS; k++) {
        await store.apply(incrementalChangeset(shape, `j${jobs}r${k}`, jobs, random));
        started = performance.now();
        const projected = await projection.catchUp();
        ms.push(performance.now() - started);
        edges = rowsOf(projected).edges;
      }
      const s = summarize(ms);
      incremental.push({ jobs, edges, nodeVersions: jobs * 2, ms: s, edgesPerSecondAtMedian: Math.round(edges / (s.p50 / 1000)), loadAverage: loadAverage() });
      log(`incremental ${jobs} jobs: ${JSON.stringify(incremental.at(-1))}`);
    }
    results.syncIncremental = incremental;

    const index = await GraphIndex.load(store);
    const version = index.version;
    const hub = hubRef(shape);
    const hubId = nodeId('ASSET', hub.namespace, hub.name);
    results.hub = hubId;
    results.version = version;
    const neo4jLineage = new Neo4jLineage(driver, undefined);
    const neo4jImpact = new Neo4jImpact(driver, undefined);
    await buildJobIo(store.db, version);

    const compare = async (what: string, contenders: Record<string, () => Promise<number>>) => {
      const ms: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
      const sizes: Record<string, number> = {};
      for (let r = 0; r <= ROUNDS; r++) {
        for (const [name, run] of Object.entries(contenders)) {
          const start = performance.now();
          const size = await run();
          const elapsed = performance.now() - start;
          if (r > 0) ms[name]!.push(elapsed); // round 0 warms up
          sizes[name] = size;
        }
      }
      const summaries = Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, summarize(v)]));
      const index = summaries.index!;
      const out = {
        sizes,
        ms: summaries,
        ratioToIndexP50: Object.fromEntries(Object.entries(summaries).map(([k, s]) => [k, round(s.p50 / index.p50, 1)])),
        ratioToIndexP95: Object.fromEntries(Object.entries(summaries).map(([k, s]) => [k, round(s.p95 / index.p95, 1)])),
        loadAverage: loadAverage(),
      };
      log(`${what}: ${JSON.stringify(out)}`);
      return out;
    };

    const depth10: LineageOptions = { ids: [hubId], direction: 'DOWNSTREAM', depth: 10, maxNodes: UNCAPPED, asOf: version };
    results.lineageHubDepth10 = await compare('lineage depth 10 from the hub, uncapped', {
      index: async () => lineage(index, depth10).nodes.length,
      neo4j: async () => (await neo4jLineage.lineage(depth10)).nodes.length,
      marquezPostgres: async () => (await marquezDownstream(store.db, hubId, 10)).length + 1,
    });
    const capped: LineageOptions = { ...depth10, maxNodes: DEFAULT_MAX_NODES };
    results.lineageHubDepth10DefaultCap = await compare(`lineage depth 10 from the hub, the API's cap of ${DEFAULT_MAX_NODES} nodes`, {
      index: async () => lineage(index, capped).nodes.length,
      neo4j: async () => (await neo4jLineage.lineage(capped)).nodes.length,
    });
    results.impactOfHub = await compare('impact of deleting the hub (baseline: the whole downstream closure)', {
      index: async () => {
        const r = impactOf(index, { ids: [hubId], mode: 'DELETE', asOf: version });
        return r.summary.broken + r.summary.degraded;
      },
      neo4j: async () => {
        const r = await neo4jImpact.impact({ ids: [hubId], mode: 'DELETE', asOf: version });
        return r.summary.broken + r.summary.degraded;
      },
      marquezPostgres: async () => (await marquezDownstream(store.db, hubId, CLOSURE_DEPTH)).length,
    });
    await dropJobIo(store.db);
    index.close();
    results.loadAverageAtEnd = loadAverage();
    console.log(JSON.stringify(results, null, 2));
    return results;
  } finally {
    await driver.close();
    await neo4j.stop();
    await cleanup();
  }
}
