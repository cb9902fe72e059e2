import ELK, { type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk-api.js';

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
  /** Fields drawn inside an asset: laid out inside it by ELK too. */
  children?: LayoutNode[];
  /** Hops from the start (signed: upstream negative) and the node's rank in its level: the order ELK keeps for large graphs. */
  level?: number;
  rank?: number;
}

export interface LayoutEdge {
  id: string;
  source: string;
  target: string;
}

export interface Point {
  x: number;
  y: number;
}

/** Centres and sizes of every node (children included, in graph coordinates) and how long ELK took in the worker. */
export interface LayoutResult {
  positions: Map<string, Point>;
  sizes: Map<string, { width: number; height: number }>;
  ms: number;
}

let elk: InstanceType<typeof ELK> | null = null;
let warm: Promise<unknown> | null = null;
function engine() {
  // One worker for the page, started on the first layout (the search page never loads ELK).
  elk ??= new ELK({ workerFactory: () => new Worker(new URL('./elkWorker.ts', import.meta.url), { type: 'module', name: 'elk-layout' }) });
  return elk;
}

/**
 * Starts the layout worker and has it lay out one node, so that fetching and parsing ELK's 1.4 MB
 * script overlap the lineage query instead of following it. Called by graph views on mount.
 */
export function warmUpLayout(): void {
  warm ??= engine()
    .layout({ id: 'warm', children: [{ id: 'a', width: 1, height: 1 }] })
    .catch(() => undefined);
}

/** Above this many nodes ELK trades some crossing reduction for time (thoroughness, simpler placement). */
const LARGE = 1000;

/**
 * Past LARGE (and without fields inside nodes), ELK lays out the walk's spanning tree with the
 * walk's levels as its layers; every edge is drawn, but only the tree's edges are laid out.
 * A 5,000-node lineage (9,811 edges) in Node under load 24, CPU time of a warm ELK: 5.7 s with
 * longest-path layering (48 layers: every edge crossing a layer became dummy nodes), 3.4 s with
 * the walk's levels as layers, 2.2 s with the tree alone, 0.7 s of it the graph's import and
 * export (BENCHMARKS.md).
 */
const TREE_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'POLYLINE',
  'elk.layered.spacing.nodeNodeBetweenLayers': '70',
  'elk.spacing.nodeNode': '14',
  'elk.layered.thoroughness': '1',
  // Layers from the x the walk's level gives (level * 250): a node's layer is its hop count.
  'elk.layered.layering.strategy': 'INTERACTIVE',
  'elk.layered.cycleBreaking.strategy': 'INTERACTIVE',
  // The order within a layer from y (the walk's order): no sweeps.
  'elk.layered.crossingMinimization.strategy': 'INTERACTIVE',
  'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
  'elk.layered.nodePlacement.strategy': 'SIMPLE',
  // No labels or ports to place inside nodes: Cytoscape draws the labels.
  'elk.omitNodeMicroLayout': 'true',
  'elk.separateConnectedComponents': 'false',
  'elk.padding': '[top=30,left=12,bottom=12,right=12]',
};

/**
 * One edge per node from a node one hop closer to the start (the first the walk gives), directed
 * left to right: what ELK needs to put a node near what led to it, without the edges across layers.
 */
export function spanningTreeEdges(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): LayoutEdge[] {
  const level = new Map(nodes.map((node) => [node.id, node.level ?? 0]));
  const placed = new Set<string>();
  const tree: LayoutEdge[] = [];
  for (const edge of edges) {
    const from = level.get(edge.source);
    const to = level.get(edge.target);
    if (from === undefined || to === undefined || to !== from + 1) continue;
    // Downstream (to > 0) the target is the farther node; upstream (from < 0) the source is.
    const farther = to > 0 ? edge.target : edge.source;
    if (placed.has(farther)) continue;
    placed.add(farther);
    tree.push(edge);
  }
  return tree;
}

function options(nodes: number, compound: boolean): Record<string, string> {
  const large = nodes > LARGE;
  return {
    'elk.algorithm': 'layered',
    'elk.direction': 'RIGHT',
    'elk.edgeRouting': 'POLYLINE',
    'elk.layered.spacing.nodeNodeBetweenLayers': '70',
    'elk.spacing.nodeNode': '14',
    'elk.layered.thoroughness': large ? '1' : '7',
    // Longest-path layering, simple placement, and the order within a level taken as given (the
    // walk's, level by level) instead of sweeping for fewer crossings: 30 s -> 5 s for 2,000 nodes
    // on a loaded machine (docs/benchmark-log.md), for a picture that is surveyed rather than read edge by edge.
    ...(large ? { 'elk.layered.layering.strategy': 'LONGEST_PATH', 'elk.layered.crossingMinimization.strategy': 'INTERACTIVE' } : {}),
    'elk.layered.nodePlacement.strategy': large ? 'SIMPLE' : 'BRANDES_KOEPF',
    'elk.layered.crossingMinimization.greedySwitch.type': large ? 'OFF' : 'TWO_SIDED',
    'elk.separateConnectedComponents': 'false',
    'elk.hierarchyHandling': compound ? 'INCLUDE_CHILDREN' : 'SEPARATE_CHILDREN',
    'elk.padding': '[top=30,left=12,bottom=12,right=12]',
  };
}

function toElk(node: LayoutNode): ElkNode {
  return {
    id: node.id,
    width: node.width,
    height: node.height,
    // Read by the interactive crossing minimisation (large graphs): the order within a layer.
    ...(node.level !== undefined ? { x: node.level * 250, y: (node.rank ?? 0) * 50 } : {}),
    ...(node.children?.length ? { children: node.children.map(toElk), layoutOptions: { 'elk.padding': '[top=28,left=8,bottom=8,right=8]' } } : {}),
  };
}

function collect(node: ElkNode, offset: Point, into: LayoutResult): void {
  const x = offset.x + (node.x ?? 0);
  const y = offset.y + (node.y ?? 0);
  into.positions.set(node.id, { x: x + (node.width ?? 0) / 2, y: y + (node.height ?? 0) / 2 });
  into.sizes.set(node.id, { width: node.width ?? 0, height: node.height ?? 0 });
  for (const child of node.children ?? []) collect(child, { x, y }, into);
}

/** A layered left-to-right layout (ELK, in a Web Worker): sources on the left, consumers to their right. */
export async function layoutLayered(nodes: LayoutNode[], edges: LayoutEdge[]): Promise<LayoutResult> {
  const compound = nodes.some((node) => node.children?.length);
  const started = performance.now();
  const tree = !compound && nodes.length > LARGE && nodes.every((node) => node.level !== undefined);
  const laidOut = tree ? spanningTreeEdges(nodes, edges) : edges;
  const edgesElk: ElkExtendedEdge[] = laidOut.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] }));
  const graph = await engine().layout({ id: 'root', layoutOptions: tree ? TREE_OPTIONS : options(nodes.length, compound), children: nodes.map(toElk), edges: edgesElk });
  const result: LayoutResult = { positions: new Map(), sizes: new Map(), ms: 0 };
  for (const child of graph.children ?? []) collect(child, { x: 0, y: 0 }, result);
  result.ms = performance.now() - started;
  return result;
}
