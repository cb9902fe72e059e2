import { withScratch, type NodeMarks } from '../analyses/scratch.js';
import { END_OF_LIST } from '../index/edgeTable.js';
import type { IndexAdvance } from '../index/indexAdvance.js';
import type { VersionedGraph } from '../index/versionedGraph.js';
import { validAt } from '../index/versions.js';
import { decisionClassAt } from './decisionClass.js';
import type { FeatureReach } from './featureReach.js';

/**
 * The nodes whose upstream an advance may have changed an answer for, as walk roots:
 * - an edge row that became valid or stopped being valid changes the upstream of its `to` end
 *   (and of everything downstream of it), never of its `from` end: a new reader of a hub table
 *   changes nothing upstream of the table's other readers;
 * - a node version changes an answer only when the node became or stopped being a FEATURE, MODEL
 *   or RULE (a table's new column feeds no rule answer).
 * A rule whose answer changed is downstream (at `upTo`) of a root, or is a root itself: take the
 * changed edge or class nearest the rule on its old or new upstream path; from there to the rule
 * the path is the same at both versions.
 */
export function advanceRoots(graph: VersionedGraph, advance: IndexAdvance, reach: FeatureReach): number[] {
  const { since, upTo } = advance;
  const E = graph.edges;
  const roots: number[] = [];
  for (const e of advance.edges) {
    const before = validAt(E.fromVersionOf(e), E.toVersionOf(e), since);
    const after = validAt(E.fromVersionOf(e), E.toVersionOf(e), upTo);
    if (before !== after && reach.has(E.sourceOf(e))) roots.push(E.targetOf(e));
  }
  for (const n of advance.nodes) {
    if (decisionClassAt(graph, n, since) !== decisionClassAt(graph, n, upTo)) roots.push(n);
  }
  return roots;
}

/**
 * Every node downstream of `roots` (roots included) along edges valid at `version`, for which
 * `wanted` holds: the rules to recompute. Each node is expanded once, so cycles end.
 */
export function downstreamMatching(graph: VersionedGraph, roots: readonly number[], version: number, wanted: (n: number) => boolean): number[] {
  return withScratch(graph, graph.nodes.count, (scratch) => downstreamMarked(graph, roots, version, wanted, scratch.marks(0)));
}

function downstreamMarked(graph: VersionedGraph, roots: readonly number[], version: number, wanted: (n: number) => boolean, seen: NodeMarks): number[] {
  const E = graph.edges;
  const queue: number[] = [];
  const found: number[] = [];
  for (const r of roots) {
    if (seen.has(r)) continue;
    seen.set(r, 1);
    queue.push(r);
  }
  for (let head = 0; head < queue.length; head++) {
    const n = queue[head]!;
    if (wanted(n)) found.push(n);
    for (let e = E.firstOut(n, version); e !== END_OF_LIST; e = E.nextOut(e, version)) {
      const m = E.targetOf(e);
      if (seen.has(m)) continue;
      seen.set(m, 1);
      queue.push(m);
    }
  }
  return found;
}
