/** A path between two kept nodes of a kinds-filtered lineage through hidden nodes only. */
export interface CollapsedEdgeRows {
  from: number;
  to: number;
  /** The hidden nodes on some hidden-only path from `from` to `to`, by distance then node order. */
  through: number[];
}

/** Work (edge visits) a collapse may take per node the walk may reach: past it the answer says truncated. */
export const COLLAPSE_STEPS_PER_NODE = 200;

export interface Collapsed {
  edges: CollapsedEdgeRows[];
  /** The step budget ran out: some collapsed edges are missing. */
  cut: boolean;
}

/**
 * Collapses the hidden nodes of a filtered lineage (issue 19 §5): for kept nodes u and v, the
 * edge u -> v exists when the walked subgraph has a path from u to v, in data-flow direction, of
 * at least two edges whose inner nodes are all hidden; `through` lists those inner nodes. So the
 * kept nodes, their direct edges and the collapsed ones reach each other exactly as in the
 * unfiltered lineage. `edgeFrom`/`edgeTo` are the walked edges (each once), `distance` orders
 * `through`.
 */
export function collapseHidden(
  edgeFrom: ArrayLike<number>,
  edgeTo: ArrayLike<number>,
  isKept: (n: number) => boolean,
  distance: (n: number) => number,
  budget: number,
): Collapsed {
  const out = new Map<number, number[]>();
  const into = new Map<number, number[]>();
  const push = (map: Map<number, number[]>, key: number, value: number) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (let i = 0; i < edgeFrom.length; i++) {
    push(out, edgeFrom[i]!, edgeTo[i]!);
    push(into, edgeTo[i]!, edgeFrom[i]!);
  }
  let steps = 0;
  const edges: CollapsedEdgeRows[] = [];
  const starts = [...out.keys()].filter(isKept).sort((a, b) => a - b);
  for (const u of starts) {
    // Hidden nodes reachable from u through hidden nodes only, and the kept nodes they lead to.
    const hidden = new Set<number>();
    const targets = new Set<number>();
    const queue: number[] = [];
    for (const h of out.get(u)!) {
      if (!isKept(h) && !hidden.has(h)) {
        hidden.add(h);
        queue.push(h);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      for (const next of out.get(queue[head]!) ?? []) {
        if (++steps > budget) return { edges, cut: true };
        if (isKept(next)) targets.add(next);
        else if (!hidden.has(next)) {
          hidden.add(next);
          queue.push(next);
        }
      }
    }
    for (const v of [...targets].sort((a, b) => a - b)) {
      // The hidden nodes of u's reach from which v is reached through hidden nodes only.
      const through = new Set<number>();
      const back: number[] = [];
      for (const h of into.get(v)!) {
        if (hidden.has(h) && !through.has(h)) {
          through.add(h);
          back.push(h);
        }
      }
      for (let head = 0; head < back.length; head++) {
        for (const prev of into.get(back[head]!) ?? []) {
          if (++steps > budget) return { edges, cut: true };
          if (hidden.has(prev) && !through.has(prev)) {
            through.add(prev);
            back.push(prev);
          }
        }
      }
      edges.push({ from: u, to: v, through: [...through].sort((a, b) => distance(a) - distance(b) || a - b) });
    }
  }
  return { edges, cut: false };
}
