import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { HISTORY_STEPS, historyChangeset } from './platformHistory.js';
import { platformChangesets } from './platformGenerator.js';
import { METRIC_SOURCE, metricsRandom, platformMetrics } from './platformMetrics.js';
import type { PlatformShape } from './platformShape.js';

export interface LoadReport {
  changesets: number;
  nodes: number;
  edges: number;
  /** Time inside store.apply for the platform's changesets (generation excluded). */
  applyMs: number;
  nodesAndEdgesPerSecond: number;
  slowestChangesetMs: number;
  /** The version after the initial load: the "old asOf" of the history measurements. */
  loadedVersion: number;
  metricPoints: number;
  metricsMs: number;
  history: { version: number; edgesAdded: number; edgesRemoved: number; nodesUpdated: number; ms: number }[];
  latestVersion: number;
}

/**
 * Loads the synthetic platform into a store: the generated changesets one at a time (so only one
 * is in memory), each chunk's metrics after it, then HISTORY_STEPS later changesets.
 */
export async function loadPlatform(store: GraphStore, shape: PlatformShape, log: (line: string) => void = () => {}): Promise<LoadReport> {
  const metricRandom = metricsRandom(shape.seed);
  let changesets = 0;
  let nodes = 0;
  let edges = 0;
  let applyMs = 0;
  let slowest = 0;
  let metricPoints = 0;
  let metricsMs = 0;
  for (const cs of platformChangesets(shape)) {
    const n = cs.assets!.length + cs.computations!.length;
    const start = performance.now();
    await store.apply(cs);
    const ms = performance.now() - start;
    applyMs += ms;
    slowest = Math.max(slowest, ms);
    changesets++;
    nodes += n;
    edges += cs.edges!.length;
    const points = platformMetrics(cs, metricRandom);
    const metricsStart = performance.now();
    await store.recordMetrics(METRIC_SOURCE, points);
    metricsMs += performance.now() - metricsStart;
    metricPoints += points.length;
    log(`changeset ${changesets}: ${n} nodes + ${cs.edges!.length} edges in ${Math.round(ms)} ms (total ${nodes} nodes, ${edges} edges)`);
  }
  const loadedVersion = await store.currentVersion();
  const history: LoadReport['history'] = [];
  for (let step = 1; step <= HISTORY_STEPS; step++) {
    const cs = await historyChangeset(shape, store, step);
    const start = performance.now();
    const result = await store.apply(cs);
    const ms = Math.round(performance.now() - start);
    history.push({ version: result.version, edgesAdded: result.stats.edgesAdded, edgesRemoved: result.stats.edgesRemoved, nodesUpdated: result.stats.nodesUpdated, ms });
    log(`history step ${step}: version ${result.version}, +${result.stats.edgesAdded} -${result.stats.edgesRemoved} edges, ${result.stats.nodesUpdated} nodes redefined, ${ms} ms`);
  }
  return {
    changesets,
    nodes,
    edges,
    applyMs: Math.round(applyMs),
    nodesAndEdgesPerSecond: Math.round((nodes + edges) / (applyMs / 1000)),
    slowestChangesetMs: Math.round(slowest),
    loadedVersion,
    metricPoints,
    metricsMs: Math.round(metricsMs),
    history,
    latestVersion: await store.currentVersion(),
  };
}
