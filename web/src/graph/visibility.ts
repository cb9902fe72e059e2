import type { Direction } from '../state/urlState.ts';
import { asAdjacency, type Adjacency, type GraphEdgeData } from './model.ts';

/**
 * The nodes left on screen once some are collapsed (−): those still reached from the roots in the
 * walk's direction without passing through a collapsed node. A collapsed node stays, and so does a
 * node another path still reaches; the rest of the picture is untouched.
 */
export function visibleNodes(roots: readonly string[], edges: Iterable<GraphEdgeData> | Adjacency, direction: Direction, collapsed: ReadonlySet<string>): Set<string> {
  const { out, into } = asAdjacency(edges);
  const visible = new Set<string>(roots);
  const walk = (next: ReadonlyMap<string, readonly string[]>) => {
    const stack = [...roots];
    const seen = new Set<string>(roots);
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (collapsed.has(id)) continue;
      for (const neighbour of next.get(id) ?? []) {
        if (seen.has(neighbour)) continue;
        seen.add(neighbour);
        visible.add(neighbour);
        stack.push(neighbour);
      }
    }
  };
  if (direction !== 'UPSTREAM') walk(out);
  if (direction !== 'DOWNSTREAM') walk(into);
  return visible;
}

/** Whether collapsing a node would hide anything (so the page offers − for it). */
export function hidesSomething(id: string, roots: readonly string[], edges: Iterable<GraphEdgeData> | Adjacency, direction: Direction, collapsed: ReadonlySet<string>): boolean {
  const adjacency = asAdjacency(edges);
  const before = visibleNodes(roots, adjacency, direction, collapsed).size;
  return visibleNodes(roots, adjacency, direction, new Set([...collapsed, id])).size < before;
}
