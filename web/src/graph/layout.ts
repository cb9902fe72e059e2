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

/** Centres of every node (children included, in graph coordinates) and how long ELK took in the worker. */
export interface LayoutResult {
  positions: Map<string, Point>;
  ms: number;
}

let elk: InstanceType<typeof ELK> | null = null;
function engine() {
  // One worker for the page, started on the first layout (the search page never loads ELK).
  elk ??= new ELK({ workerFactory: () => new Worker(new URL('./elkWorker.ts', import.meta.url), { type: 'module', name: 'elk-layout' }) });
  return elk;
}

/** Above this many nodes ELK trades some crossing reduction for time (thoroughness, simpler placement). */
const LARGE = 1000;

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

function collect(node: ElkNode, offset: Point, into: Map<string, Point>): void {
  const x = offset.x + (node.x ?? 0);
  const y = offset.y + (node.y ?? 0);
  into.set(node.id, { x: x + (node.width ?? 0) / 2, y: y + (node.height ?? 0) / 2 });
  for (const child of node.children ?? []) collect(child, { x, y }, into);
}

/** A layered left-to-right layout (ELK, in a Web Worker): sources on the left, consumers to their right. */
export async function layoutLayered(nodes: LayoutNode[], edges: LayoutEdge[]): Promise<LayoutResult> {
  const compound = nodes.some((node) => node.children?.length);
  const started = performance.now();
  const edgesElk: ElkExtendedEdge[] = edges.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] }));
  const graph = await engine().layout({ id: 'root', layoutOptions: options(nodes.length, compound), children: nodes.map(toElk), edges: edgesElk });
  const positions = new Map<string, Point>();
  for (const child of graph.children ?? []) collect(child, { x: 0, y: 0 }, positions);
  return { positions, ms: performance.now() - started };
}
