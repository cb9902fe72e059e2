import type { IndexAdvance } from './indexAdvance.js';
import type { VersionedGraph } from './versionedGraph.js';

/**
 * The node ids an index advance touched: each node with a node version added or ended, both ends
 * of each edge row added or ended, and the computation, input and output of each field edge. A
 * consumer that adds these up over consecutive advances knows every node whose definition or
 * edges changed in (since, upTo] without reading the version tables again.
 */
export function advanceNodeIds(graph: VersionedGraph, advance: IndexAdvance, into: Set<string> = new Set()): Set<string> {
  for (const n of advance.nodes) into.add(graph.nodes.id(n));
  for (const e of advance.edges) {
    into.add(graph.nodes.id(graph.edges.sourceOf(e)));
    into.add(graph.nodes.id(graph.edges.targetOf(e)));
  }
  for (const n of advance.fieldEdgeNodes ?? []) into.add(graph.nodes.id(n));
  return into;
}
