import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { nodeId } from '../../graph-model/ids.js';
import type { Changeset } from '../../graph-model/model.js';
import type { MetricPoint } from '../../graph-model/store/operations/recordMetrics.js';
import { seededRandom } from '../stats.js';

export const METRIC_SOURCE = 'synthetic:metrics';
export const METRIC_DAY = '2026-11-01';
/** The window cost attribution reads: the one day of synthetic metrics. */
export const METRIC_WINDOW = { from: '2026-11-01', to: '2026-11-02' };

/**
 * One day of dynamics per node, lognormal as real traffic and cost are (a few pipelines cost most,
 * a few rules take most of the traffic): compute cost on every computation, storage cost on
 * tables and streams, evaluations on rules, lookups on features. Built from the same changesets
 * the graph is loaded from, so no node list is kept; seeded separately from the graph.
 */
export function platformMetrics(changeset: Changeset, random: () => number): MetricPoint[] {
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const lognormal = (mu: number, sigma: number) => Math.exp(mu + sigma * normal());
  const points: MetricPoint[] = [];
  const point = (id: string, metric: string, value: number) => points.push({ nodeId: id, metric, granularity: 'day', bucketStart: METRIC_DAY, value });
  for (const c of changeset.computations ?? []) {
    point(nodeId('COMPUTATION', c.namespace, c.name), 'cost.compute', round2(lognormal(1, 1.5)));
  }
  for (const a of changeset.assets ?? []) {
    const id = nodeId('ASSET', a.namespace, a.name);
    if (a.kind === 'TABLE' || a.kind === 'STREAM') point(id, 'cost.storage', round2(lognormal(0, 1.2)));
    if (a.kind === 'RULE') point(id, 'rule.evaluations', Math.round(lognormal(12, 2)));
    if (a.kind === 'FEATURE') point(id, 'feature.lookups', Math.round(lognormal(11, 2)));
  }
  return points;
}

export function metricsRandom(seed: number): () => number {
  return seededRandom(seed + 1);
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Each node's own cost (compute plus storage) and each rule's evaluations over METRIC_WINDOW. */
export async function platformCostAndEvaluations(store: GraphStore): Promise<{ cost: Map<string, number>; evaluations: Map<string, number> }> {
  const [compute, storage, evaluations] = await Promise.all([
    store.metricTotals({ metric: 'cost.compute', ...METRIC_WINDOW }),
    store.metricTotals({ metric: 'cost.storage', ...METRIC_WINDOW }),
    store.metricTotals({ metric: 'rule.evaluations', ...METRIC_WINDOW }),
  ]);
  const cost = new Map(compute);
  for (const [id, value] of storage) cost.set(id, (cost.get(id) ?? 0) + value);
  return { cost, evaluations };
}
