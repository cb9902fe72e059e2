import type { Grouping } from '../state/urlState.ts';
import type { GraphEdgeData, GraphNodeData } from './model.ts';

/** Above this many nodes, `auto` grouping starts gathering crowded levels (a picture of 1,500 boxes is not read, it is scanned). */
export const AUTO_GROUP_ABOVE = 1500;
/** Under `auto`, a bucket (level, namespace, kind) smaller than this stays as single nodes. */
export const AUTO_MIN_GROUP = 20;

export interface DisplayNode {
  /** A node id, or `group:<key>` for a group. */
  id: string;
  label: string;
  kind: string;
  computation: boolean;
  level: number;
  /** For a group: the nodes it holds (what its count says). */
  members?: string[];
  groupKey?: string;
}

export interface DisplayEdge {
  id: string;
  source: string;
  target: string;
  kind: 'READS' | 'WRITES';
  /** Edges of the lineage this one stands for (more than 1 between groups). */
  count: number;
}

export interface DisplayGraph {
  nodes: DisplayNode[];
  edges: DisplayEdge[];
  /** Nodes gathered into groups (0 when nothing is grouped). */
  grouped: number;
}

function keyOf(node: GraphNodeData, level: number, mode: Exclude<Grouping, 'none'>): string {
  const side = node.computation ? 'C' : 'A';
  switch (mode) {
    case 'level':
      return `L${level}`;
    case 'namespace':
      return `N${side}|${node.namespace}`;
    case 'kind':
      return `K|${node.kind}`;
    case 'auto':
      return `L${level}|${node.namespace}|${node.kind}`;
  }
}

function labelOf(mode: Exclude<Grouping, 'none'>, members: GraphNodeData[], level: number): string {
  const first = members[0]!;
  const count = members.length.toLocaleString('en-US');
  switch (mode) {
    case 'level':
      return `${count} nodes at ${level < 0 ? `${-level} hops up` : `${level} hops down`}`;
    case 'namespace':
      return `${count} ${first.computation ? 'computations' : 'assets'} in ${first.namespace}`;
    case 'kind':
      return `${count} ${first.kind}`;
    case 'auto':
      return `${count} ${first.kind} in ${first.namespace}`;
  }
}

/**
 * What is drawn: each node, or, past what can be drawn usefully, groups of nodes (by level,
 * namespace or kind) that say how many they hold. Nothing is dropped: every node is drawn or
 * counted in a group, and edges between groups say how many edges they stand for. Roots are never
 * grouped, and groups the user opened (`expanded`) show their members.
 */
export function groupGraph(
  nodes: readonly GraphNodeData[],
  edges: readonly GraphEdgeData[],
  levels: ReadonlyMap<string, number>,
  mode: Grouping,
  options: { roots: readonly string[]; expanded?: ReadonlySet<string>; autoAbove?: number; autoMinGroup?: number },
): DisplayGraph {
  const autoAbove = options.autoAbove ?? AUTO_GROUP_ABOVE;
  const autoMin = options.autoMinGroup ?? AUTO_MIN_GROUP;
  const roots = new Set(options.roots);
  const expanded = options.expanded ?? new Set<string>();
  const levelOf = (id: string) => levels.get(id) ?? 0;
  const single = (node: GraphNodeData): DisplayNode => ({ id: node.id, label: node.name, kind: node.kind, computation: node.computation, level: levelOf(node.id) });
  const effective = mode === 'auto' && nodes.length <= autoAbove ? 'none' : mode;

  const displayOf = new Map<string, string>();
  const out: DisplayNode[] = [];
  let grouped = 0;
  if (effective === 'none') {
    for (const node of nodes) {
      displayOf.set(node.id, node.id);
      out.push(single(node));
    }
  } else {
    const buckets = new Map<string, GraphNodeData[]>();
    for (const node of nodes) {
      if (roots.has(node.id)) {
        displayOf.set(node.id, node.id);
        out.push(single(node));
        continue;
      }
      const key = keyOf(node, levelOf(node.id), effective);
      (buckets.get(key) ?? buckets.set(key, []).get(key)!).push(node);
    }
    const minimum = effective === 'auto' ? autoMin : 2;
    for (const [key, members] of buckets) {
      if (members.length < minimum || expanded.has(key)) {
        for (const node of members) {
          displayOf.set(node.id, node.id);
          out.push(single(node));
        }
        continue;
      }
      const id = `group:${key}`;
      const first = members[0]!;
      const level = Math.round(members.reduce((sum, node) => sum + levelOf(node.id), 0) / members.length);
      for (const node of members) displayOf.set(node.id, id);
      grouped += members.length;
      out.push({
        id,
        label: labelOf(effective, members, level),
        kind: effective === 'kind' || effective === 'auto' ? first.kind : 'GROUP',
        computation: members.every((node) => node.computation),
        level,
        members: members.map((node) => node.id),
        groupKey: key,
      });
    }
  }

  const edgesOut = new Map<string, DisplayEdge>();
  for (const edge of edges) {
    const source = displayOf.get(edge.from);
    const target = displayOf.get(edge.to);
    if (source === undefined || target === undefined || source === target) continue;
    const id = `${source}>${edge.kind}>${target}`;
    const existing = edgesOut.get(id);
    if (existing) existing.count++;
    else edgesOut.set(id, { id, source, target, kind: edge.kind, count: 1 });
  }
  return { nodes: out, edges: [...edgesOut.values()], grouped };
}
