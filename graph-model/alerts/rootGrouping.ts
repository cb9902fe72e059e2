/** What grouping needs of an open cause: its key, its node and when it started. */
export interface GroupableCause {
  key: string;
  nodeId: string;
  since: string;
}

export interface CauseGroup {
  /** The root cause's key. */
  root: string;
  /** Every cause of the group, the root included, in (since, key) order. */
  members: string[];
}

/** Earlier problems first, then by key: the order that picks a root among equals. */
function before(a: GroupableCause, b: GroupableCause): number {
  return a.since < b.since ? -1 : a.since > b.since ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Groups open causes by root (docs/alerts.md, "One alert per root"). Cause B is *explained* by
 * cause A when B's node is in A's reached set (A is upstream: a late table and the features it
 * makes late), or when both are on the same node. The root of a cause is the open cause furthest
 * upstream that explains it: one that nothing else explains, except causes it explains in turn
 * (a cycle, or two causes on one node); among such equals, the earliest (then the smallest key).
 * A cause explained by several roots joins the earliest. `reachersOf` answers "which causes reach
 * this node" so grouping costs what the causes' relations are, not what the graph is.
 */
export function groupByRoot(causes: readonly GroupableCause[], reachersOf: (nodeId: string) => Iterable<string>): CauseGroup[] {
  const byKey = new Map(causes.map((c) => [c.key, c]));
  const onNode = new Map<string, string[]>();
  for (const c of causes) onNode.set(c.nodeId, [...(onNode.get(c.nodeId) ?? []), c.key]);
  const explainers = new Map<string, string[]>();
  for (const c of causes) {
    const set = new Set<string>();
    for (const k of reachersOf(c.nodeId)) if (k !== c.key && byKey.has(k)) set.add(k);
    for (const k of onNode.get(c.nodeId)!) if (k !== c.key) set.add(k);
    explainers.set(c.key, [...set]);
  }
  // Everything that explains c, transitively (c included).
  const ancestry = new Map<string, Set<string>>();
  const ancestorsOf = (key: string): Set<string> => {
    let found = ancestry.get(key);
    if (found) return found;
    found = new Set([key]);
    const stack = [key];
    while (stack.length > 0) {
      for (const e of explainers.get(stack.pop()!)!) {
        if (found.has(e)) continue;
        found.add(e);
        stack.push(e);
      }
    }
    ancestry.set(key, found);
    return found;
  };
  // A top cause: everything that explains it, it explains too (its ancestors are its equals).
  const isTop = (key: string): boolean => {
    const up = ancestorsOf(key);
    for (const a of up) if (!ancestorsOf(a).has(key)) return false;
    return true;
  };
  const earliest = (keys: Iterable<string>): string => {
    let best: GroupableCause | null = null;
    for (const k of keys) {
      const c = byKey.get(k)!;
      if (best === null || before(c, best) < 0) best = c;
    }
    return best!.key;
  };
  const groups = new Map<string, string[]>();
  for (const c of [...causes].sort(before)) {
    const tops = [...ancestorsOf(c.key)].filter(isTop);
    // Each top stands for its equals (its ancestors): the earliest of them is the root.
    const roots = tops.map((t) => earliest(ancestorsOf(t)));
    const root = earliest(roots);
    groups.set(root, [...(groups.get(root) ?? []), c.key]);
  }
  return [...groups].map(([root, members]) => ({ root, members }));
}
