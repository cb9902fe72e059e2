import type { VersionedGraph } from '../index/versionedGraph.js';
import type { NodeType } from '../model.js';

/** A node as analyses report it, labelled from its version at the analysed graph version. */
export interface NodeSummary {
  id: string;
  type: NodeType;
  kind: string;
  namespace: string;
  name: string;
}

export function nodeSummary(graph: VersionedGraph, n: number, version: number): NodeSummary {
  return {
    id: graph.nodes.id(n),
    type: graph.nodes.type(n),
    kind: graph.nodes.versionAt(n, version)?.kind ?? '',
    namespace: graph.nodes.namespace(n),
    name: graph.nodes.name(n),
  };
}

/** Field names are paths (`address.city`): two fields overlap when one is, or contains, the other. */
export function fieldsOverlap(a: string, b: string): boolean {
  return a === b || a.startsWith(b + '.') || b.startsWith(a + '.');
}
