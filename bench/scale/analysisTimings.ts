/**
 * `tsx bench/scale/analysisTimings.ts <scale> [database]`: the platform loaded once into a kept
 * PostgreSQL database (created on first use, reused after), then the index build and the hub
 * analyses timed on it. For before/after comparisons of the index and the analyses without paying
 * the ingest each time; `npm run bench -- --scale` remains the full benchmark.
 */
import pg from 'pg';
import { costAttribution } from '../../graph-model/analyses/costAttribution.js';
import { impactColumns, impactOf } from '../../graph-model/analyses/impact.js';
import { lineage, lineageSubgraph } from '../../graph-model/analyses/lineage.js';
import { nodeId } from '../../graph-model/ids.js';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import { GraphStore } from '../../graph-model/store/graphStore.js';
import { UNCAPPED } from './correctnessChecks.js';
import { loadPlatform } from './loadPlatform.js';
import { loadAverage } from './machineFacts.js';
import { platformCostAndEvaluations } from './platformMetrics.js';
import { hubRef } from './platformNames.js';
import { platformShape, type Scale } from './platformShape.js';
import { collectGarbage, sample } from './sampling.js';

const scale = (process.argv[2] ?? 'small') as Scale;
const dbName = process.argv[3] ?? `dctx_timings_${scale}`;
const shape = platformShape(scale);
const log = (line: string) => console.log(`[${scale}] ${line}`);

const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
await admin.connect();
const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])).rowCount! > 0;
if (!exists) await admin.query(`CREATE DATABASE ${dbName}`);
await admin.end();
const url = new URL(process.env.DATABASE_URL!);
url.pathname = `/${dbName}`;
const store = await GraphStore.open({ databaseUrl: url.toString() });
if (!exists) {
  const load = await loadPlatform(store, shape);
  await store.db.exec('VACUUM ANALYZE');
  log(`loaded: ${load.nodes} nodes, ${load.edges} edges in ${load.applyMs} ms`);
}

const builds: number[] = [];
let built: GraphIndex | undefined;
for (let i = 0; i < Number(process.env.BUILDS ?? 2); i++) {
  // Each build starts with the previous index collected, as the first one does.
  built?.close();
  built = undefined;
  collectGarbage();
  const start = performance.now();
  built = await GraphIndex.load(store);
  builds.push(Math.round(performance.now() - start));
}
const index = built!;
log(`index build ms ${JSON.stringify(builds)} (${index.edges.count} edge rows) load ${loadAverage()}`);
if (process.env.BUILDS_ONLY) {
  index.close();
  await store.close();
  await new Promise((done) => process.stdout.write('', done));
  process.exit(0);
}

const hub = hubRef(shape);
const hubId = nodeId('ASSET', hub.namespace, hub.name);
const budgetMs = Number(process.env.BUDGET_MS ?? 10_000);
// ONLY_COST=1 skips lineage and impact (for profiling cost attribution alone).
if (!process.env.ONLY_COST) {
  // As the scale benchmark times it: the walk as columns, with the reached nodes' ids.
  const columns = () => lineageSubgraph(index, { ids: [hubId], direction: 'DOWNSTREAM', depth: 10, maxNodes: UNCAPPED }).ids();
  log(`lineage depth 10 uncapped, columns with ids (${columns().length} nodes): ${JSON.stringify(await sample(columns, { budgetMs }))} load ${loadAverage()}`);
}
for (const maxNodes of process.env.ONLY_COST ? [] : [UNCAPPED, undefined]) {
  const run = () => lineage(index, { ids: [hubId], direction: 'DOWNSTREAM', depth: 10, maxNodes });
  const r = run();
  log(`lineage depth 10 ${maxNodes ? 'uncapped' : 'default cap'} (${r.nodes.length} nodes, ${r.edges.length} edges): ${JSON.stringify(await sample(run, { budgetMs }))} load ${loadAverage()}`);
}
const impactRun = () => impactOf(index, { ids: [hubId], mode: 'DELETE' });
if (!process.env.ONLY_COST) {
  const impact = impactRun();
  const impactInColumns = () => impactColumns(index, { ids: [hubId], mode: 'DELETE' }).impacted.ids();
  log(`impact in columns with ids (${impactInColumns().length} nodes): ${JSON.stringify(await sample(impactInColumns, { maxRuns: 100, budgetMs }))} load ${loadAverage()}`);
  log(`impact (${impact.summary.broken} broken, ${impact.summary.degraded} degraded): ${JSON.stringify(await sample(impactRun, { maxRuns: 50, budgetMs }))} load ${loadAverage()}`);
  const firstRun = () => impactOf(index, { ids: [hubId], mode: 'DELETE', limit: 100 });
  log(`impact limit 100 (${firstRun().broken.length} listed): ${JSON.stringify(await sample(firstRun, { maxRuns: 50, budgetMs }))} load ${loadAverage()}`);
}

const { cost, evaluations } = await platformCostAndEvaluations(store);
const attribute = () => costAttribution(index, { cost, split: 'EQUAL', evaluations });
const report = attribute();
log(`cost attribution (${report.attributed.length} attributed, total ${report.totalCost.toFixed(2)}): ${JSON.stringify(await sample(attribute, { minRuns: 3, maxRuns: 20, budgetMs }))} load ${loadAverage()}`);
index.close();
await store.close();
