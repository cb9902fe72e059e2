import { END_OF_LIST } from '../index/edgeTable.js';
import type { VersionedGraph } from '../index/versionedGraph.js';
import type { LineageWalk } from './lineageWalk.js';
import { withWalkScratch } from './walkScratch.js';

/**
 * Breadth-first walk along READS/WRITES edges valid at `version`, downstream (out-edges) or
 * upstream (in-edges), up to `depth` hops. Each node is expanded once, so cycles terminate.
 * Each direction keeps its own "seen" (a BOTH walk runs two directions over one LineageWalk).
 */
export function walkNodes(graph: VersionedGraph, walk: LineageWalk, starts: number[], downstream: boolean, depth: number, version: number): void {
  const E = graph.edges;
  const heads = downstream ? E.headOut : E.headIn;
  const next = downstream ? E.nextOut : E.nextIn;
  const other = downstream ? E.to : E.from;
  const fromVersion = E.fromVersion;
  const toVersion = E.toVersion;
  withWalkScratch(graph, graph.nodes.count, (scratch) => {
    for (const s of starts) if (!scratch.has(s)) scratch.push(s, 0);
    const { queue, distances } = scratch;
    for (let head = 0; head < scratch.length; head++) {
      const n = queue[head]!;
      const d = distances[head]!;
      for (let e = heads[n]!; e !== END_OF_LIST; e = next[e]!) {
        if (!(fromVersion[e]! <= version && version < toVersion[e]!)) continue;
        if (d >= depth) {
          walk.beyondDepth = true;
          break;
        }
        const m = other[e]!;
        if (!scratch.has(m)) {
          if (!walk.reach(m, d + 1)) continue;
          scratch.push(m, d + 1);
        }
        walk.addEdge(e);
      }
    }
  });
}
