import type { VersionedGraph } from '../index/versionedGraph.js';
import { WHOLE_ASSET, type EdgeKind, type TransformationType } from '../model.js';
import { unreachable } from '../model.js';
import { asOfVersion } from './asOfVersion.js';
import { computationFieldStarts, nodeEdgesUnderFieldEdges, walkFields, type FieldState } from './fieldLineage.js';
import { LineageWalk } from './lineageWalk.js';
import { walkNodes } from './nodeLineage.js';
import type { NodeSummary } from './nodeSummary.js';
import { withMarks, type VisitMarks } from './visitMarks.js';

export type Direction = 'UPSTREAM' | 'DOWNSTREAM' | 'BOTH';

export interface FieldRef {
  id: string;
  field: string;
}

export const DEFAULT_DEPTH = 5;
/** Deeper walks are cut here and say so (truncatedReason DEPTH_CAP). */
export const MAX_DEPTH = 50;
export const DEFAULT_MAX_NODES = 10_000;

export interface LineageOptions {
  /** Node ids to start from (assets or computations). */
  ids: string[];
  direction: Direction;
  /** Hops along edges: asset -> computation is one hop, so a job's outputs are at 2. */
  depth?: number;
  /** Graph version; default the latest the index holds. */
  asOf?: number;
  /**
   * Node kinds to return. The walk still passes through other kinds (a rule's features are found
   * through the pipelines that write them); start nodes are always returned, and an edge is
   * returned only when both its ends are.
   */
  kinds?: string[];
  /** Follow field edges instead of node edges. */
  fieldLevel?: boolean;
  /** Field-level starts; with fieldLevel, an asset in `ids` starts as a whole (field ''). */
  fields?: FieldRef[];
  /** At most this many distinct nodes (start nodes included, kind filter not applied) are visited. */
  maxNodes?: number;
}

export interface LineageNode extends NodeSummary {
  distance: number;
}

export interface LineageEdge {
  from: string;
  to: string;
  kind: EdgeKind;
}

export interface LineageField {
  id: string;
  field: string;
  distance: number;
}

export interface LineageFieldEdge {
  computation: string;
  input: FieldRef;
  output: FieldRef;
  transformationType: TransformationType;
  subtype: string;
  masking: boolean;
}

export type TruncatedReason = 'DEPTH_CAP' | 'MAX_NODES';

export interface LineageResult {
  /** The graph version the result reflects. */
  version: number;
  nodes: LineageNode[];
  edges: LineageEdge[];
  /** With fieldLevel: the fields reached, and the field edges between them. */
  fields?: LineageField[];
  fieldEdges?: LineageFieldEdge[];
  /** Start ids that do not exist at this version. */
  notFound: string[];
  /** True when a cap (MAX_DEPTH, maxNodes) cut the walk short of what was asked. */
  truncated: boolean;
  truncatedReason?: TruncatedReason;
  /** The requested depth stopped the walk where the graph goes on: a deeper walk returns more. */
  moreBeyondDepth: boolean;
}

/**
 * Lineage from the in-memory index at any version: the subgraph reached from `ids` up, down or
 * both ways (BOTH is the union of an upstream and a downstream walk, not the undirected component:
 * it does not wander into siblings). Breadth-first, so each node's distance is its fewest hops.
 */
export function lineage(graph: VersionedGraph, options: LineageOptions): LineageResult {
  const version = asOfVersion(graph, options.asOf);
  const requestedDepth = Math.max(0, Math.floor(options.depth ?? DEFAULT_DEPTH));
  const depth = Math.min(requestedDepth, MAX_DEPTH);
  const notFound: string[] = [];
  const starts: number[] = [];
  for (const id of new Set(options.ids)) {
    const n = graph.nodeAt(id, version);
    if (n === undefined) notFound.push(id);
    else starts.push(n);
  }
  const fieldStarts: FieldState[] = [];
  for (const ref of options.fields ?? []) {
    const n = graph.nodeAt(ref.id, version);
    if (n === undefined || !graph.nodes.isAsset(n)) notFound.push(ref.id);
    else fieldStarts.push({ node: n, field: ref.field });
  }
  const startNodes = [...starts, ...fieldStarts.map((s) => s.node)];
  return withMarks(graph, graph.nodes.count, 3, ([distances, seen, kept]) => {
    const walk = new LineageWalk(Math.max(1, Math.floor(options.maxNodes ?? DEFAULT_MAX_NODES)), distances!);
    for (const n of startNodes) walk.start(n);
    for (const downstream of directionsOf(options.direction)) {
      if (options.fieldLevel) {
        const seeds: (FieldState & { distance: number })[] = fieldStarts.map((s) => ({ ...s, distance: 0 }));
        for (const n of starts) {
          if (graph.nodes.isAsset(n)) seeds.push({ node: n, field: WHOLE_ASSET, distance: 0 });
          else if (depth >= 1) {
            for (const s of computationFieldStarts(graph, n, downstream, version)) if (walk.reach(s.node, 1)) seeds.push({ ...s, distance: 1 });
          }
        }
        walkFields(graph, walk, seeds, downstream, depth, version);
      } else {
        walkNodes(graph, walk, seen!.begin(graph.nodes.count), startNodes, downstream, depth, version);
      }
    }
    if (options.fieldLevel) nodeEdgesUnderFieldEdges(graph, walk, version);
    const startSet = new Set(startNodes);
    return toResult(graph, walk, kept!, options, version, notFound, startSet, requestedDepth > MAX_DEPTH);
  });
}

function directionsOf(direction: Direction): boolean[] {
  switch (direction) {
    case 'DOWNSTREAM':
      return [true];
    case 'UPSTREAM':
      return [false];
    case 'BOTH':
      return [false, true];
    default:
      return unreachable(direction);
  }
}

function toResult(
  graph: VersionedGraph,
  walk: LineageWalk,
  kept: VisitMarks,
  options: LineageOptions,
  version: number,
  notFound: string[],
  starts: Set<number>,
  depthCapped: boolean,
): LineageResult {
  const kinds = options.kinds && options.kinds.length > 0 ? new Set(options.kinds) : null;
  // One object per node and per edge, built in one go: a hub walk returns 100k+ of each, so
  // spreads, intermediate summaries and id lookups with checks are most of the call's time.
  const N = graph.nodes;
  const { ids, namespaces, names } = N;
  const nodes: LineageNode[] = [];
  for (const n of walk.reached) {
    const kind = N.kindAt(n, version);
    if (kinds && !starts.has(n) && !kinds.has(kind)) continue;
    kept.set(n, 1);
    nodes.push({ id: ids[n]!, type: N.type(n), kind, namespace: namespaces[n]!, name: names[n]!, distance: walk.distanceOf(n) });
  }
  // Breadth-first order is already by distance within a direction; a BOTH walk interleaves two.
  if (options.direction === 'BOTH') nodes.sort((a, b) => a.distance - b.distance);
  const { from, to } = graph.edges;
  const edges: LineageEdge[] = [];
  for (const e of uniqueEdges(walk.edges, options.direction === 'BOTH' || options.fieldLevel === true)) {
    const f = from[e]!;
    const t = to[e]!;
    if (!kept.has(f) || !kept.has(t)) continue;
    edges.push({ from: ids[f]!, to: ids[t]!, kind: N.isAsset(f) ? 'READS' : 'WRITES' });
  }
  const truncatedReason = walk.hitMaxNodes ? 'MAX_NODES' : depthCapped && walk.beyondDepth ? 'DEPTH_CAP' : undefined;
  const result: LineageResult = {
    version,
    nodes,
    edges,
    notFound,
    truncated: truncatedReason !== undefined,
    moreBeyondDepth: walk.beyondDepth,
  };
  if (truncatedReason) result.truncatedReason = truncatedReason;
  if (options.fieldLevel) {
    result.fields = [...walk.fields.values()]
      .filter((f) => kept.has(f.node))
      .map((f) => ({ id: graph.nodes.id(f.node), field: f.field, distance: f.distance }))
      .sort((a, b) => a.distance - b.distance || compare(a.id, b.id) || compare(a.field, b.field));
    const F = graph.fieldEdges;
    result.fieldEdges = [...walk.fieldEdges]
      .filter((f) => kept.has(F.input[f]!) && kept.has(F.output[f]!) && kept.has(F.computation[f]!))
      .map((f) => ({
        computation: graph.nodes.id(F.computation[f]!),
        input: { id: graph.nodes.id(F.input[f]!), field: graph.strings.get(F.inputField[f]!) },
        output: { id: graph.nodes.id(F.output[f]!), field: graph.strings.get(F.outputField[f]!) },
        transformationType: F.transformationType(f),
        subtype: graph.strings.get(F.subtype(f)),
        masking: F.masking(f),
      }))
      .sort((a, b) => compare(a.input.id, b.input.id) || compare(a.input.field, b.input.field) || compare(a.output.id, b.output.id) || compare(a.output.field, b.output.field) || compare(a.computation, b.computation));
  }
  return result;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Edge rows without repeats; a single-direction node walk follows each edge at most once. */
function uniqueEdges(edges: number[], mayRepeat: boolean): Iterable<number> {
  if (!mayRepeat) return edges;
  const sorted = Int32Array.from(edges).sort();
  return sorted.filter((e, i) => i === 0 || sorted[i - 1] !== e);
}
