/** The lineage the explorer draws: nodes of the bipartite graph and READS/WRITES edges between them. */
export interface GraphNodeData {
  id: string;
  name: string;
  namespace: string;
  kind: string;
  computation: boolean;
}

export interface GraphEdgeData {
  from: string;
  to: string;
  kind: 'READS' | 'WRITES';
}

export interface LineageGraph {
  nodes: Map<string, GraphNodeData>;
  edges: Map<string, GraphEdgeData>;
}

export const edgeKey = (edge: { from: string; to: string; kind: string }) => `${edge.from}>${edge.kind}>${edge.to}`;

export function emptyGraph(): LineageGraph {
  return { nodes: new Map(), edges: new Map() };
}

/** Adds a lineage answer (the API's nodes and edges) to a graph, keeping what it had. */
export function mergeLineage(
  graph: LineageGraph,
  answer: { nodes: readonly { __typename?: string; id: string; name: string; namespace: string; kind: string }[]; edges: readonly GraphEdgeData[] },
): LineageGraph {
  const nodes = new Map(graph.nodes);
  const edges = new Map(graph.edges);
  for (const node of answer.nodes) {
    if (!nodes.has(node.id)) nodes.set(node.id, { id: node.id, name: node.name, namespace: node.namespace, kind: node.kind, computation: node.__typename === 'Computation' });
  }
  for (const edge of answer.edges) edges.set(edgeKey(edge), { from: edge.from, to: edge.to, kind: edge.kind });
  return { nodes, edges };
}

/**
 * Signed hops from the roots: downstream nodes positive, upstream ones negative (a walk BOTH ways
 * reaches nodes on either side at the same distance). Nodes reached neither way are left out.
 */
export function levelsFrom(roots: readonly string[], edges: Iterable<GraphEdgeData>): Map<string, number> {
  const out = new Map<string, string[]>();
  const into = new Map<string, string[]>();
  for (const edge of edges) {
    (out.get(edge.from) ?? out.set(edge.from, []).get(edge.from)!).push(edge.to);
    (into.get(edge.to) ?? into.set(edge.to, []).get(edge.to)!).push(edge.from);
  }
  const levels = new Map<string, number>();
  for (const root of roots) levels.set(root, 0);
  const walk = (next: Map<string, string[]>, sign: number) => {
    const seen = new Set(roots);
    let frontier = [...roots];
    for (let hop = 1; frontier.length > 0; hop++) {
      const following: string[] = [];
      for (const id of frontier) {
        for (const neighbour of next.get(id) ?? []) {
          if (seen.has(neighbour)) continue;
          seen.add(neighbour);
          following.push(neighbour);
          if (!levels.has(neighbour)) levels.set(neighbour, sign * hop);
        }
      }
      frontier = following;
    }
  };
  walk(out, 1);
  walk(into, -1);
  return levels;
}
