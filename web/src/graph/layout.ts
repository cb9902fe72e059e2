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

/**
 * Above this many nodes and fields drawn, the canvas is made for a large picture (GraphRenderer's
 * `large`): a cached texture while panning and zooming, straight edges, labels only in view.
 */
export const LARGE_PICTURE = 1500;

/** Room between two levels' columns and between two nodes of a column: ELK's spacing for large walks (TREE_OPTIONS) and `levelColumns`'. */
const BETWEEN_LEVELS = 70;
const BETWEEN_NODES = 14;

/**
 * Above this many nodes ELK trades some crossing reduction for time (thoroughness, simpler
 * placement), and a walk is drawn in its levels' columns before ELK's layout (isLargeWalk).
 */
export const LARGE_WALK_NODES = 1000;
const LARGE = LARGE_WALK_NODES;

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
  'elk.layered.spacing.nodeNodeBetweenLayers': String(BETWEEN_LEVELS),
  'elk.spacing.nodeNode': String(BETWEEN_NODES),
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
 * Where a large walk's nodes are drawn while ELK lays it out: each level a column (in level order,
 * as wide as its widest node), its nodes in the walk's order, centred on y = 0. It is the frame ELK
 * fills in for large walks (levels as layers, the walk's order within them), so the nodes can be
 * panned, zoomed and clicked at once and move only a little when ELK's layout replaces it.
 */
export function levelColumns(nodes: readonly LayoutNode[]): Omit<LayoutResult, 'ms'> {
  const byLevel = new Map<number, LayoutNode[]>();
  for (const node of nodes) {
    const level = node.level ?? 0;
    (byLevel.get(level) ?? byLevel.set(level, []).get(level)!).push(node);
  }
  const positions = new Map<string, Point>();
  const sizes = new Map<string, { width: number; height: number }>();
  let x = 0;
  for (const level of [...byLevel.keys()].sort((a, b) => a - b)) {
    const column = byLevel.get(level)!.sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
    const width = Math.max(...column.map((node) => node.width));
    const height = column.reduce((sum, node) => sum + node.height, 0) + BETWEEN_NODES * (column.length - 1);
    let y = -height / 2;
    for (const node of column) {
      positions.set(node.id, { x: x + width / 2, y: y + node.height / 2 });
      sizes.set(node.id, { width: node.width, height: node.height });
      y += node.height + BETWEEN_NODES;
    }
    x += width + BETWEEN_LEVELS;
  }
  return { positions, sizes };
}

/** Whether `layoutLayered` lays these nodes out as a large walk (its spanning tree, levels as layers): the case `levelColumns` stands in for. */
export function isLargeWalk(nodes: readonly LayoutNode[]): boolean {
  return nodes.length > LARGE && nodes.every((node) => node.level !== undefined && !node.children?.length);
}

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
  const tree = isLargeWalk(nodes);
  const laidOut = tree ? spanningTreeEdges(nodes, edges) : edges;
  const edgesElk: ElkExtendedEdge[] = laidOut.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] }));
  const graph = await engine().layout({ id: 'root', layoutOptions: tree ? TREE_OPTIONS : options(nodes.length, compound), children: nodes.map(toElk), edges: edgesElk });
  const result: LayoutResult = { positions: new Map(), sizes: new Map(), ms: 0 };
  for (const child of graph.children ?? []) collect(child, { x: 0, y: 0 }, result);
  result.ms = performance.now() - started;
  return result;
}
