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
  // The answer's own edge objects (from, to, kind), not copies: 6,000 objects fewer for a large walk.
  for (const edge of answer.edges) edges.set(edgeKey(edge), edge);
  return { nodes, edges };
}

/** Each node's successors (`out`) and predecessors (`into`) along the lineage's edges. */
export interface Adjacency {
  out: ReadonlyMap<string, readonly string[]>;
  into: ReadonlyMap<string, readonly string[]>;
}

export function adjacencyOf(edges: Iterable<GraphEdgeData>): Adjacency {
  const out = new Map<string, string[]>();
  const into = new Map<string, string[]>();
  for (const edge of edges) {
    const next = out.get(edge.from);
    if (next) next.push(edge.to);
    else out.set(edge.from, [edge.to]);
    const previous = into.get(edge.to);
    if (previous) previous.push(edge.from);
    else into.set(edge.to, [edge.from]);
  }
  return { out, into };
}

const adjacencies = new WeakMap<LineageGraph, Adjacency>();
/**
 * A graph's adjacency, built once and shared by what walks it (visibility, levels, the − button):
 * each of them built it again, and on a page's first drawing each pass runs as cold code (a
 * 5,000-node walk: 55-90 ms of the view's work before Cytoscape, docs/benchmark-log.md).
 */
export function adjacencyOfGraph(graph: LineageGraph): Adjacency {
  let adjacency = adjacencies.get(graph);
  if (!adjacency) adjacencies.set(graph, (adjacency = adjacencyOf(graph.edges.values())));
  return adjacency;
}

export const asAdjacency = (edges: Iterable<GraphEdgeData> | Adjacency): Adjacency => ('out' in edges && 'into' in edges ? edges : adjacencyOf(edges));

/**
 * Signed hops from the roots: downstream nodes positive, upstream ones negative (a walk BOTH ways
 * reaches nodes on either side at the same distance). Nodes reached neither way are left out.
 * With `within`, the walk keeps to those nodes (the edges between them), as if the others were not there.
 */
export function levelsFrom(roots: readonly string[], edges: Iterable<GraphEdgeData> | Adjacency, within?: ReadonlySet<string>): Map<string, number> {
  const { out, into } = asAdjacency(edges);
  const levels = new Map<string, number>();
  for (const root of roots) levels.set(root, 0);
  const walk = (next: ReadonlyMap<string, readonly string[]>, sign: number) => {
    const seen = new Set(roots);
    let frontier = [...roots];
    for (let hop = 1; frontier.length > 0; hop++) {
      const following: string[] = [];
      for (const id of frontier) {
        for (const neighbour of next.get(id) ?? []) {
          if (seen.has(neighbour) || (within && !within.has(neighbour))) continue;
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
