import type { GraphStore } from './graphStore.js';

/** The store's read operations: everything an ingestor may ask of the graph (ingestors/contract.ts). */
const READS = [
  'currentVersion',
  'resolveAsOf',
  'node',
  'nodes',
  'nodeByName',
  'edges',
  'fieldEdges',
  'tags',
  'tagsAt',
  'runs',
  'nodesTagged',
  'tagsOf',
  'runsOf',
  'claims',
  'jobFacts',
  'history',
  'changes',
  'changeset',
  'ingestErrors',
  'metrics',
  'latestMetricBucket',
  'metricTotals',
  'qualityResults',
  'latestQualityResults',
  'qualityTouched',
  'qualityNodesAfter',
  'successfulWrites',
  'freshnessTouched',
] as const satisfies readonly (keyof GraphStore)[];

/** Read access to the graph, without `apply`, the recorders or the database handle. */
export type GraphReader = Pick<GraphStore, (typeof READS)[number]>;

/**
 * A view of the store that only reads: what the core hands an ingestor, so that an ingestor says
 * what its source asserts and the core alone writes it. A view, not a type alone: an ingestor
 * cannot reach `apply` by casting.
 */
export function readOnlyView(store: GraphStore): GraphReader {
  const view = {} as Record<string, unknown>;
  for (const name of READS) view[name] = (store[name] as (...args: unknown[]) => unknown).bind(store);
  return Object.freeze(view) as GraphReader;
}
