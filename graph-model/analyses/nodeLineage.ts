import { END_OF_LIST } from '../index/edgeTable.js';
import { validAt } from '../index/versions.js';
import type { VersionedGraph } from '../index/versionedGraph.js';
import type { LineageWalk } from './lineageWalk.js';
import { withScratch } from './scratch.js';

/**
 * Breadth-first walk along READS/WRITES edges valid at `version`, downstream (out-edges) or
 * upstream (in-edges), up to `depth` hops. Each node is expanded once, so cycles terminate.
 * Each direction keeps its own "seen" (a BOTH walk runs two directions over one LineageWalk).
 *
 * Level by level: the nodes found at distance d + 1 are collected as bits and expanded in node
 * order (NodeQueue.pushNext), and so reached in node order within a distance. A hub's walk
 * reaches 350k nodes scattered over 1.7M; in the order they were found every node's edge rows
 * cost a cache miss, in node order they are read mostly front to back (2-3x faster at large).
 * Downstream, a node's laid-out rows are found by their start (EdgeTable.groupStart), and taken
 * without reading their intervals when all of them are open at `version` (groupOpenSince).
 */
export function walkNodes(graph: VersionedGraph, walk: LineageWalk, starts: number[], downstream: boolean, depth: number, version: number): void {
  // The hottest loop of the index (650k rows of a hub walk at large): it reads the columns directly,
  // and a node's laid-out rows by position, taking them without their intervals when all are open
  // (groupOpenSince), which a cursor cannot do. Every other walk goes through the cursors.
  const E = graph.edges.hotView();
  const heads = downstream ? E.headOut : E.headIn;
  const next = downstream ? E.nextOut : E.nextIn;
  const other = downstream ? E.to : E.from;
  const fromVersion = E.fromVersion;
  const toVersion = E.toVersion;
  const { groupStart, groupOpenSince, groupedNodes, groupedOut } = E;
  withScratch(graph, graph.nodes.count, (s) => {
    const scratch = s.queue();
    for (const s of starts) if (!scratch.has(s)) scratch.push(s, 0);
    const { queue } = scratch;
    /** Follows row e to node m: reached once, its edge recorded whenever the budget had room for m. */
    const follow = (e: number, m: number) => {
      if (!scratch.has(m)) {
        if (!walk.reserve(m)) return;
        scratch.markNext(m);
      }
      walk.addEdge(e);
    };
    let levelStart = 0;
    for (let d = 0; d < depth && levelStart < scratch.length; d++) {
      const levelEnd = scratch.length;
      for (let head = levelStart; head < levelEnd; head++) {
        const n = queue[head]!;
        // Rows added since the layout (all of them upstream), newest first; then, downstream, the
        // laid-out rows by position, highest first as their list runs.
        let e = heads[n]!;
        for (; e !== END_OF_LIST && (e >= groupedOut || !downstream); e = next[e]!) {
          if (validAt(fromVersion[e]!, toVersion[e]!, version)) follow(e, other[e]!);
        }
        if (!downstream || n >= groupedNodes) continue;
        const first = groupStart[n]!;
        if (groupOpenSince[n]! <= version) {
          for (e = groupStart[n + 1]! - 1; e >= first; e--) follow(e, other[e]!);
        } else {
          for (e = groupStart[n + 1]! - 1; e >= first; e--) {
            if (validAt(fromVersion[e]!, toVersion[e]!, version)) follow(e, other[e]!);
          }
        }
      }
      scratch.pushNext(d + 1);
      walk.reachAll(queue.subarray(levelEnd, scratch.length), d + 1);
      levelStart = levelEnd;
    }
    // Nodes at the depth limit are not expanded; one edge beyond them says the graph goes on.
    for (let head = levelStart; head < scratch.length && !walk.beyondDepth; head++) {
      if (scratch.distances[head]! < depth) continue;
      const n = queue[head]!;
      if ((downstream ? graph.edges.firstOut(n, version) : graph.edges.firstIn(n, version)) !== END_OF_LIST) walk.beyondDepth = true;
    }
  });
}
