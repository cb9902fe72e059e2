/**
 * `npm run bench -- --scale small|medium|large` (issue #7 part 2, with issue #5's figures): the
 * synthetic risk platform loaded into PostgreSQL (and PGlite up to medium) through GraphStore.apply,
 * the index built from the store, and the analyses timed on it against the Marquez-style baseline.
 */
import { costAttribution } from '../../graph-model/analyses/costAttribution.js';
import { impactColumns, impactOf } from '../../graph-model/analyses/impact.js';
import { lineage, lineageSubgraph } from '../../graph-model/analyses/lineage.js';
import { nodeId } from '../../graph-model/ids.js';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { freshStore } from '../freshStore.js';
import { UNCAPPED, checkBaselineAgreement, checkCostConservation } from './correctnessChecks.js';
import { decisionOverHttp, sampleRuleIds } from './decisionHttpSlot.js';
import { decisionTime } from './decisionTimeSlot.js';
import { loadPlatform } from './loadPlatform.js';
import { loadAverage } from './machineFacts.js';
import { buildJobIo, dropJobIo, marquezDownstream } from './marquezBaseline.js';
import { hubRef } from './platformNames.js';
import { platformCostAndEvaluations } from './platformMetrics.js';
import { platformShape, type PlatformShape, type Scale } from './platformShape.js';
import { waitForQuietDatabase } from './quietDatabase.js';
import { collectGarbage, liveBytes, peakRssMiB, sample } from './sampling.js';

export type Engine = 'postgres' | 'pglite';

/** PGlite runs in this process's memory: at large it would measure PGlite, not the index. */
export function enginesFor(scale: Scale, requested?: Engine[]): Engine[] {
  const available: Engine[] = [...(process.env.DATABASE_URL ? (['postgres'] as const) : []), ...(scale === 'large' ? [] : (['pglite'] as const))];
  return requested ? available.filter((e) => requested.includes(e)) : available;
}

export async function runScaleBench(scale: Scale, engines: Engine[]): Promise<Record<string, unknown>> {
  const shape = platformShape(scale);
  const out: Record<string, unknown> = { shape: { assets: shape.assets, domains: shape.domains, layerSize: shape.layerSize, hubs: shape.hubs, seed: shape.seed, chunkNodes: shape.chunkNodes } };
  // PostgreSQL first: the process's peak RSS after it is not inflated by PGlite's heap.
  for (const engine of engines) out[engine] = await benchEngine(engine, shape);
  return out;
}

async function benchEngine(engine: Engine, shape: PlatformShape): Promise<Record<string, unknown>> {
  const log = (line: string) => console.log(`[${shape.scale}/${engine}] ${line}`);
  const { store, databaseUrl, cleanup } = await freshStore(engine);
  try {
    const r: Record<string, unknown> = { loadAverageAtStart: loadAverage() };
    if (engine === 'postgres') r.server = (await store.db.query<{ server_version: string }>('SHOW server_version'))[0]?.server_version;
    const load = await loadPlatform(store, shape, log);
    r.ingest = { ...load, loadAverageAfter: loadAverage() };
    // Reads are measured on a settled database, as after autovacuum, not in the write burst's wake.
    const vacuumStart = performance.now();
    await store.db.exec('VACUUM ANALYZE');
    r.vacuumAnalyzeMs = Math.round(performance.now() - vacuumStart);

    // The index lives only inside measureOnIndex: once it returns, the HTTP phase below runs with
    // this process's heap collected, so no collection of a 3 GB heap competes for the two cores.
    const ruleIds = await measureOnIndex(store, shape, load.loadedVersion, r, log);
    collectGarbage();
    if (databaseUrl && process.env.BENCH_DECISION_HTTP !== '0') {
      // The server is another process with its own index and decision answers, as in production.
      (r.decisionTime as Record<string, unknown>).http = { ...(await waitForQuietDatabase(store)), ...(await decisionOverHttp(databaseUrl, ruleIds)) };
      log(`decision time over HTTP: ${JSON.stringify((r.decisionTime as Record<string, unknown>).http)}`);
    }
    r.peakRssMiB = peakRssMiB();
    return r;
  } finally {
    await dropJobIo(store.db).catch(() => {});
    await cleanup();
  }
}

/** Index build, memory and analyses, written into `r`; returns the rules the HTTP phase asks for. */
async function measureOnIndex(store: GraphStore, shape: PlatformShape, oldVersion: number, r: Record<string, unknown>, log: (line: string) => void): Promise<string[]> {
  const before = liveBytes();
  const buildStart = performance.now();
  const index = await GraphIndex.load(store);
  const buildMs = Math.round(performance.now() - buildStart);
  const after = liveBytes();
  const edgeRows = index.edges.count;
  r.indexBuild = {
    ms: buildMs,
    nodes: index.nodes.count,
    edgeRows,
    heapBytesPerEdge: Math.round((after.heap - before.heap) / edgeRows),
    typedArrayBytesPerEdge: Math.round((after.arrayBuffers - before.arrayBuffers) / edgeRows),
    totalMiB: Math.round((after.heap - before.heap + after.arrayBuffers - before.arrayBuffers) / 2 ** 20),
    loadAverage: loadAverage(),
  };
  log(`index built in ${buildMs} ms: ${JSON.stringify(r.indexBuild)}`);
  try {
    Object.assign(r, await measureAnalyses(store, index, shape, oldVersion, log));
    return sampleRuleIds(index);
  } finally {
    index.close();
  }
}

async function measureAnalyses(store: GraphStore, index: GraphIndex, shape: PlatformShape, oldVersion: number, log: (line: string) => void) {
  const hub = hubRef(shape);
  const hubId = nodeId('ASSET', hub.namespace, hub.name);
  const r: Record<string, unknown> = { hub: `${hub.namespace}/${hub.name}` };
  // The answer as the library gives it: reached nodes (with their ids, as the baseline returns
  // them), distances and edge rows in columns; objects per node and edge are timed below.
  const subgraph = (depth: number, asOf?: number) => lineageSubgraph(index, { ids: [hubId], direction: 'DOWNSTREAM', depth, asOf, maxNodes: UNCAPPED });
  const down = (depth: number, asOf?: number) => () => subgraph(depth, asOf).ids();
  const reach = (depth: number, asOf?: number) => {
    const result = subgraph(depth, asOf);
    return { resultNodes: result.nodes.length, resultEdges: result.edges.length, truncated: result.truncated };
  };

  for (const depth of [3, 10]) {
    r[`lineageHubDownstreamDepth${depth}Ms`] = { ...(await sample(down(depth))), ...reach(depth), loadAverage: loadAverage() };
    log(`lineage downstream depth ${depth} from the hub: ${JSON.stringify(r[`lineageHubDownstreamDepth${depth}Ms`])}`);
  }
  const objects = () => lineage(index, { ids: [hubId], direction: 'DOWNSTREAM', depth: 10, maxNodes: UNCAPPED });
  r.lineageHubDownstreamDepth10ObjectsMs = { ...(await sample(objects)), loadAverage: loadAverage() };
  log(`lineage depth 10 from the hub, an object per node and edge: ${JSON.stringify(r.lineageHubDownstreamDepth10ObjectsMs)}`);
  // What the API returns by default: the walk cut at DEFAULT_MAX_NODES (it says truncated).
  const capped = () => lineage(index, { ids: [hubId], direction: 'DOWNSTREAM', depth: 10 });
  r.lineageHubDownstreamDepth10DefaultCapMs = { ...(await sample(capped)), resultNodes: capped().nodes.length, truncated: capped().truncated, loadAverage: loadAverage() };
  log(`lineage depth 10 at the default cap: ${JSON.stringify(r.lineageHubDownstreamDepth10DefaultCapMs)}`);
  const old = { ...(await sample(down(10, oldVersion))), ...reach(10, oldVersion), asOf: oldVersion, loadAverage: loadAverage() };
  const latest = r.lineageHubDownstreamDepth10Ms as { p50: number; p95: number };
  r.lineageOldAsOfDepth10Ms = { ...old, ratioToLatestP50: round(old.p50 / latest.p50), ratioToLatestP95: round(old.p95 / latest.p95) };
  log(`lineage depth 10 at old asOf ${oldVersion}: ${JSON.stringify(r.lineageOldAsOfDepth10Ms)}`);

  // Every impacted node's status, distance, reason, traffic and evidence path in columns, with its
  // id: the analysis as the library answers it, as lineage is timed above. Objects are timed below.
  const columns = () => impactColumns(index, { ids: [hubId], mode: 'DELETE' }).impacted.ids();
  const summary = impactColumns(index, { ids: [hubId], mode: 'DELETE' }).impacted.summary;
  r.impactOfHubMs = { ...(await sample(columns, { maxRuns: 100 })), broken: summary.broken, degraded: summary.degraded, loadAverage: loadAverage() };
  log(`impact of deleting the hub, columns with ids: ${JSON.stringify(r.impactOfHubMs)}`);
  const impactObjects = () => impactOf(index, { ids: [hubId], mode: 'DELETE' });
  r.impactOfHubObjectsMs = { ...(await sample(impactObjects, { maxRuns: 50 })), loadAverage: loadAverage() };
  log(`impact of deleting the hub, an object and a path per node: ${JSON.stringify(r.impactOfHubObjectsMs)}`);
  // Counts over everything, the nearest 100 of each status listed (the GraphQL `first` argument).
  const firstHundred = () => impactOf(index, { ids: [hubId], mode: 'DELETE', limit: 100 });
  r.impactOfHubFirst100Ms = { ...(await sample(firstHundred, { maxRuns: 50 })), listed: firstHundred().broken.length, loadAverage: loadAverage() };
  log(`impact of deleting the hub, first 100: ${JSON.stringify(r.impactOfHubFirst100Ms)}`);

  const readStart = performance.now();
  const { cost, evaluations } = await platformCostAndEvaluations(store);
  const costReadMs = Math.round(performance.now() - readStart);
  const attribute = () => costAttribution(index, { cost, split: 'EQUAL', evaluations });
  const report = attribute();
  const conservation = checkCostConservation(report, cost);
  r.costAttributionMs = {
    ...(await sample(attribute, { minRuns: 3, maxRuns: 20 })),
    metricReadMs: costReadMs,
    costedNodes: cost.size,
    attributedTerminals: report.attributed.length,
    unattributedTerminals: report.unattributed.length,
    ...conservation,
    attributedShare: round(report.attributedTotal / report.totalCost),
    loadAverage: loadAverage(),
  };
  log(`cost attribution: ${JSON.stringify(r.costAttributionMs)}`);

  r.baseline = await measureBaseline(store, index, hubId, r, log);
  r.decisionTime = await decisionTime(index);
  log(`decision time: ${JSON.stringify(r.decisionTime)}`);
  return r;
}

async function measureBaseline(store: GraphStore, index: GraphIndex, hubId: string, ours: Record<string, unknown>, log: (line: string) => void) {
  const buildStart = performance.now();
  await buildJobIo(store.db, index.version);
  const b: Record<string, unknown> = { jobIoBuildMs: Math.round(performance.now() - buildStart) };
  for (const depth of [3, 10]) {
    const agreement = await checkBaselineAgreement(index, store.db, hubId, depth);
    const theirs = await sample(() => marquezDownstream(store.db, hubId, depth), { minRuns: 3, maxRuns: 100, budgetMs: 30_000 });
    const mine = ours[`lineageHubDownstreamDepth${depth}Ms`] as { p50: number; p95: number };
    b[`downstreamDepth${depth}Ms`] = { ...theirs, sameNodes: agreement.nodes, oursOverBaselineP50: round(mine.p50 / theirs.p50, 4), speedupP95: round(theirs.p95 / mine.p95, 1), loadAverage: loadAverage() };
    log(`Marquez-style baseline depth ${depth}: ${JSON.stringify(b[`downstreamDepth${depth}Ms`])}`);
  }
  // Dropped now rather than at the end: PostgreSQL would otherwise vacuum it during later figures.
  await dropJobIo(store.db);
  return b;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
