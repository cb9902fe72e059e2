import { END_OF_LIST } from '../index/edgeTable.js';
import { BROKEN, DEGRADED, REMOVED, type ImpactPropagation } from './impactPropagation.js';
import { requiresInput } from './inputSemantics.js';
import { withScratch } from './scratch.js';

export type ImpactReason =
  | 'READS_REMOVED'
  | 'READS_BROKEN'
  | 'READS_REMOVED_FIELD'
  | 'UNKNOWN_FIELD_USAGE'
  | 'READS_DEGRADED'
  /** An optional input (inputSemantics.ts) is broken or removed: the computation runs, worse. */
  | 'READS_OPTIONAL_BROKEN'
  | 'ALL_PRODUCERS_BROKEN'
  | 'SOME_PRODUCERS_BROKEN'
  | 'PRODUCER_DEGRADED';

/**
 * The evidence walk's result, as columns over its entries: entries [0, roots) are the roots, the
 * rest the impacted nodes in breadth-first order, so by distance. Valid only inside the callback of
 * withImpactEvidence (the arrays are pooled scratch).
 */
export interface Evidence {
  readonly nodes: Int32Array;
  /** Hops from the nearest root along causal edges, per entry. */
  readonly distances: Int32Array;
  /** Per entry, the entry of the previous node on its evidence path (-1 at a root). */
  readonly via: Int32Array;
  readonly roots: number;
  readonly length: number;
}

/**
 * One evidence path per impacted node: breadth-first from the roots along causal edges only (an
 * edge whose source's status explains its target's), so the distance is the fewest hops along
 * which the damage actually travels, and the path can be shown as the reason. "Seen" is a bitmap
 * and each entry records the entry it came from (see NodeQueue in scratch.ts), written in queue order: a hub's
 * impact visits 350k nodes, and per-node marks or a reason per node cost a cache miss or a map
 * lookup each. Reasons are derived per node from its entry (reasonAt), and paths only for the nodes a report lists (ImpactColumns).
 * Where several causes are equally near, the path goes through the smallest id at each step, so
 * any two graphs with the same facts (the index, a subgraph from Neo4j) give the same evidence.
 */
export function withImpactEvidence<T>(p: ImpactPropagation, roots: number[], fn: (evidence: Evidence) => T): T {
  const E = p.graph.edges;
  return withScratch(p.graph, p.graph.nodes.count, (s) => {
    const scratch = s.queue();
    for (const r of roots) {
      if (!scratch.has(r)) scratch.pushFrom(r, 0, -1);
    }
    const rootCount = scratch.length;
    const { queue } = scratch;
    const N = p.graph.nodes;
    // Entries from `level` on are at the distance being queued (d): only those may change their via.
    let level = scratch.length;
    for (let head = 0; head < scratch.length; head++) {
      if (head === level) level = scratch.length;
      const u = queue[head]!;
      const su = p.statusOf(u);
      const d = scratch.distances[head]! + 1;
      for (let e = E.firstOut(u, p.version); e !== END_OF_LIST; e = E.nextOut(e, p.version)) {
        const v = E.targetOf(e);
        if (scratch.has(v)) {
          // Of several causes equally near a root, the one with the smallest id: the evidence is
          // then a function of the graph, not of node integers or edge order (which differ between
          // a relaid-out index, an incrementally grown one and a subgraph fetched from Neo4j).
          const entry = scratch.entryOf[v]!;
          if (entry < level || N.id(u) >= N.id(queue[scratch.via[entry]!]!) || causalReason(p, su, u, v) === null) continue;
          scratch.via[entry] = head;
          continue;
        }
        if (causalReason(p, su, u, v) === null) continue;
        scratch.pushFrom(v, d, head);
      }
    }
    return fn({ nodes: scratch.queue, distances: scratch.distances, via: scratch.via, roots: rootCount, length: scratch.length });
  });
}

/** Why entry `i`'s last step carries its status. */
export function reasonAt(p: ImpactPropagation, evidence: Evidence, i: number): ImpactReason {
  const u = evidence.nodes[evidence.via[i]!]!;
  return causalReason(p, p.statusOf(u), u, evidence.nodes[i]!)!;
}

function causalReason(p: ImpactPropagation, su: number, u: number, v: number): ImpactReason | null {
  const sv = p.statusOf(v);
  if (sv !== BROKEN && sv !== DEGRADED) return null;
  // A retired rule or model runs no more: nothing downstream of it is impacted through it.
  if (p.passesNothing(u, v)) return null;
  const isAsset = p.graph.nodes.isAsset(v);
  if (isAsset) {
    if (sv === BROKEN) return su >= BROKEN ? 'ALL_PRODUCERS_BROKEN' : null;
    if (su >= BROKEN) return 'SOME_PRODUCERS_BROKEN';
    return su === DEGRADED ? 'PRODUCER_DEGRADED' : null;
  }
  const required = requiresInput(p.graph, v, u, p.version);
  if (sv === BROKEN) {
    if (!required) return null;
    if (su >= BROKEN) return su === REMOVED ? 'READS_REMOVED' : 'READS_BROKEN';
    return p.fieldBreak(v, u);
  }
  if (su >= BROKEN) return required ? null : 'READS_OPTIONAL_BROKEN';
  if (su === DEGRADED) return 'READS_DEGRADED';
  return required ? null : p.fieldBreak(v, u);
}
