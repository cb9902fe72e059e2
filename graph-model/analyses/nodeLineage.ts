import { END_OF_LIST } from '../index/edgeTable.js';
import type { VersionedGraph } from '../index/versionedGraph.js';
import type { LineageWalk } from './lineageWalk.js';
import type { VisitMarks } from './visitMarks.js';

/**
 * Breadth-first walk along READS/WRITES edges valid at `version`, downstream (out-edges) or
 * upstream (in-edges), up to `depth` hops. Each node is expanded once, so cycles terminate.
 * `seen` holds this direction's distances (a BOTH walk runs two directions over one LineageWalk).
 */
export function walkNodes(
  graph: VersionedGraph,
  walk: LineageWalk,
  seen: VisitMarks,
  starts: number[],
  downstream: boolean,
  depth: number,
  version: number,
): void {
  const E = graph.edges;
  const heads = downstream ? E.headOut : E.headIn;
  const next = downstream ? E.nextOut : E.nextIn;
  const other = downstream ? E.to : E.from;
  const fromVersion = E.fromVersion;
  const toVersion = E.toVersion;
  const queue: number[] = [];
  for (const s of starts) {
    if (seen.has(s)) continue;
    seen.set(s, 0);
    queue.push(s);
  }
  for (let head = 0; head < queue.length; head++) {
    const n = queue[head]!;
    const d = seen.get(n);
    for (let e = heads[n]!; e !== END_OF_LIST; e = next[e]!) {
      if (!(fromVersion[e]! <= version && version < toVersion[e]!)) continue;
      if (d >= depth) {
        walk.beyondDepth = true;
        break;
      }
      const m = other[e]!;
      if (!seen.has(m)) {
        if (!walk.reach(m, d + 1)) continue;
        seen.set(m, d + 1);
        queue.push(m);
      }
      walk.edges.push(e);
    }
  }
}
