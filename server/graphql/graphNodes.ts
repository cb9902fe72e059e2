import { END_OF_LIST } from '../../graph-model/index/edgeTable.js';
import type { VersionedGraph } from '../../graph-model/index/versionedGraph.js';
import { InvalidAsOfError } from '../../graph-model/store/operations/resolveAsOf.js';
import type { AsOfValue } from './asOfScalar.js';
import type { GraphQLContext } from './context.js';
import { ErrorCode, clientError } from './errors.js';
import type { GraphNode } from './types/graphNode.js';

/**
 * The graph version a root field reads: `asOf` mapped by the store, or the latest the index holds.
 * A version the index has not caught up with yet (just committed by another process) is waited for.
 */
export async function resolveVersion(ctx: GraphQLContext, asOf: AsOfValue | null | undefined): Promise<number> {
  if (asOf === undefined || asOf === null) return ctx.index.version;
  let version: number;
  try {
    version = await ctx.store.resolveAsOf(asOf);
  } catch (error) {
    if (error instanceof InvalidAsOfError) throw clientError(ErrorCode.BAD_USER_INPUT, error.message, { argument: 'asOf' });
    throw error;
  }
  if (version > ctx.index.version) await ctx.index.waitFor(version);
  return version;
}

/** The node `n` of the index as resolvers pass it on, read at `version`. */
export function graphNodeAt(graph: VersionedGraph, n: number, version: number): GraphNode {
  return {
    id: graph.nodes.id(n),
    type: graph.nodes.type(n),
    namespace: graph.nodes.namespace(n),
    name: graph.nodes.name(n),
    kind: graph.nodes.versionAt(n, version)?.kind ?? '',
    version,
  };
}

/** The node with this id when it exists at `version`. */
export function findNode(graph: VersionedGraph, id: string, version: number): GraphNode | null {
  const n = graph.nodeAt(id, version);
  return n === undefined ? null : graphNodeAt(graph, n, version);
}

const byName = (a: GraphNode, b: GraphNode) =>
  a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1;

/**
 * A node's neighbours at a version from the index (no database): `out` are the computations an
 * asset is read by, or the assets a computation writes; `in` the reverse. Sorted by namespace, name.
 */
export function neighbours(graph: VersionedGraph, id: string, version: number, direction: 'in' | 'out'): GraphNode[] {
  const n = graph.nodeAt(id, version);
  if (n === undefined) return [];
  const E = graph.edges;
  const out = direction === 'out';
  const seen = new Set<number>();
  const found: GraphNode[] = [];
  for (let e = out ? E.firstOut(n, version) : E.firstIn(n, version); e !== END_OF_LIST; e = out ? E.nextOut(e, version) : E.nextIn(e, version)) {
    const m = out ? E.targetOf(e) : E.sourceOf(e);
    if (seen.has(m)) continue;
    seen.add(m);
    found.push(graphNodeAt(graph, m, version));
  }
  return found.sort(byName);
}
