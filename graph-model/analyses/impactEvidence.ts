import { END_OF_LIST } from '../index/edgeTable.js';
import { BROKEN, DEGRADED, REMOVED, type ImpactPropagation } from './impactPropagation.js';
import type { VisitMarks } from './visitMarks.js';
import { withWalkScratch } from './walkScratch.js';

export type ImpactReason =
  | 'READS_REMOVED'
  | 'READS_BROKEN'
  | 'READS_REMOVED_FIELD'
  | 'UNKNOWN_FIELD_USAGE'
  | 'READS_DEGRADED'
  | 'ALL_PRODUCERS_BROKEN'
  | 'SOME_PRODUCERS_BROKEN'
  | 'PRODUCER_DEGRADED';

export interface Evidence {
  /** Impacted nodes in breadth-first order, so by distance. */
  order: number[];
  /** Hops from the nearest root along causal edges, per entry of `order`. */
  distances: number[];
  /** Why the last step of each node's path carries its status: an index into IMPACT_REASONS, per entry of `order`. */
  reasons: number[];
  /** The previous node on the evidence path (-1 at a root). */
  parent: VisitMarks;
}

/** Reasons by code, as `Evidence.reasons` stores them (a Map per impacted node costs ~10x more). */
export const IMPACT_REASONS: readonly ImpactReason[] = [
  'READS_REMOVED',
  'READS_BROKEN',
  'READS_REMOVED_FIELD',
  'UNKNOWN_FIELD_USAGE',
  'READS_DEGRADED',
  'ALL_PRODUCERS_BROKEN',
  'SOME_PRODUCERS_BROKEN',
  'PRODUCER_DEGRADED',
];
const REASON_CODE = new Map(IMPACT_REASONS.map((r, i) => [r, i]));

export function reasonAt(evidence: Evidence, i: number): ImpactReason {
  return IMPACT_REASONS[evidence.reasons[i]!]!;
}

/**
 * One evidence path per impacted node: breadth-first from the roots along causal edges only (an
 * edge whose source's status explains its target's), so the distance is the fewest hops along
 * which the damage actually travels, and the path can be shown as the reason. "Seen" is a bitmap
 * and distances ride in the queue (see WalkScratch): a hub's impact visits 350k nodes.
 */
export function impactEvidence(p: ImpactPropagation, roots: number[], parent: VisitMarks): Evidence {
  const E = p.graph.edges;
  const order: number[] = [];
  const distances: number[] = [];
  const reasons: number[] = [];
  withWalkScratch(p.graph, p.graph.nodes.count, (scratch) => {
    for (const r of roots) {
      if (scratch.has(r)) continue;
      scratch.push(r, 0);
      parent.set(r, -1);
    }
    const { queue } = scratch;
    for (let head = 0; head < scratch.length; head++) {
      const u = queue[head]!;
      const d = scratch.distances[head]!;
      for (let e = E.headOut[u]!; e !== END_OF_LIST; e = E.nextOut[e]!) {
        if (!(E.fromVersion[e]! <= p.version && p.version < E.toVersion[e]!)) continue;
        const v = E.to[e]!;
        if (scratch.has(v)) continue;
        const why = causalReason(p, u, v);
        if (!why) continue;
        scratch.push(v, d + 1);
        parent.set(v, u);
        order.push(v);
        distances.push(d + 1);
        reasons.push(REASON_CODE.get(why)!);
      }
    }
  });
  return { order, distances, reasons, parent };
}

/** Node ids from a root to `v`, both included: sized first, so one array and no reversal. */
export function evidencePath(evidence: Evidence, v: number, ids: readonly string[]): string[] {
  let length = 0;
  for (let n = v; n !== -1; n = evidence.parent.get(n)) length++;
  const path = new Array<string>(length);
  for (let n = v, i = length - 1; n !== -1; n = evidence.parent.get(n), i--) path[i] = ids[n]!;
  return path;
}

function causalReason(p: ImpactPropagation, u: number, v: number): ImpactReason | null {
  const su = p.statusOf(u);
  const sv = p.statusOf(v);
  if (sv !== BROKEN && sv !== DEGRADED) return null;
  const isAsset = p.graph.nodes.isAsset(v);
  if (sv === BROKEN) {
    if (su >= BROKEN) return isAsset ? 'ALL_PRODUCERS_BROKEN' : su === REMOVED ? 'READS_REMOVED' : 'READS_BROKEN';
    return isAsset ? null : p.fieldBreak(v, u);
  }
  if (su >= BROKEN) return isAsset ? 'SOME_PRODUCERS_BROKEN' : null;
  if (su === DEGRADED) return isAsset ? 'PRODUCER_DEGRADED' : 'READS_DEGRADED';
  return null;
}
