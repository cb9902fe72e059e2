import { TRAFFIC_METRICS, trafficMetricsOf } from '../../graph-model/analyses/trafficMetrics.js';
import type { VersionedGraph } from '../../graph-model/index/versionedGraph.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import type { Window } from './metricWindow.js';

const DAY_SECONDS = 86_400;
/** Before any metric: "metered at all up to the window's end" reads from here. */
const EPOCH = '1970-01-01T00:00:00Z';

/** Per traffic metric, each node's total over the window and whether it was metered at all up to the window's end. */
export interface MeteredTotals {
  inWindow: Map<string, Map<string, number>>;
  metered: Map<string, Set<string>>;
}

/** The store's side of nodeTraffic: every traffic metric's totals, for whichever graph reads them. */
export async function meteredTotals(store: GraphStore, window: Window): Promise<MeteredTotals> {
  const inWindow = new Map<string, Map<string, number>>();
  const metered = new Map<string, Set<string>>();
  await Promise.all(
    TRAFFIC_METRICS.map(async ({ metric }) => {
      const [totals, ever] = await Promise.all([
        store.metricTotals({ metric, from: window.from, to: window.to }),
        store.metricTotals({ metric, from: EPOCH, to: window.to }),
      ]);
      inWindow.set(metric, totals);
      metered.set(metric, new Set(ever.keys()));
    }),
  );
  return { inWindow, metered };
}

/**
 * The graph's side of nodeTraffic: which metric counts as each metered node's traffic is its kind
 * at `version` in `graph`. `graph` may hold part of the graph only (the subgraph Neo4j returned
 * for an impact): a node it lacks gets no traffic, so it must hold every node whose traffic is read.
 */
export function trafficOf({ inWindow, metered }: MeteredTotals, graph: VersionedGraph, version: number): Map<string, number> {
  const candidates = new Set<string>();
  for (const ids of metered.values()) for (const id of ids) candidates.add(id);
  const traffic = new Map<string, number>();
  for (const id of candidates) {
    const n = graph.nodeAt(id, version);
    if (n === undefined) continue;
    for (const { metric, measure } of trafficMetricsOf(graph.nodes.kindAt(n, version))) {
      if (!metered.get(metric)!.has(id)) continue;
      const total = inWindow.get(metric)!.get(id) ?? 0;
      // Day buckets (metricTotals' default granularity): a rate's day total is its uses / 86,400.
      traffic.set(id, measure === 'PER_SECOND' ? total * DAY_SECONDS : total);
      break;
    }
  }
  return traffic;
}

/**
 * Each node's uses over the window, from every traffic metric its kind has at `version`
 * (graph-model/analyses/trafficMetrics.ts): rule evaluations, feature lookups, model inferences,
 * service calls or QPS (a rate, turned into calls). A node is listed only when its traffic is
 * known: it has buckets of one of its kind's metrics in the window, or it was metered before the
 * window and has none in it (0: it stopped being used). A node never metered is absent: its
 * traffic is unknown, which analyses never read as zero.
 */
export async function nodeTraffic(store: GraphStore, graph: VersionedGraph, version: number, window: Window): Promise<Map<string, number>> {
  return trafficOf(await meteredTotals(store, window), graph, version);
}
