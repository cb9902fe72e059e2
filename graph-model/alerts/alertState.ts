import { summarizeImpact } from '../analyses/impactSummary.js';
import { MAX_REACHED_LISTED, type AlertCause, type AlertReachedNode, type AlertState } from './alert.js';
import type { Cause, CauseSeverity } from './cause.js';
import type { CauseReach } from './causeReach.js';
import { severityRank } from './incidents/incident.js';

export interface HeldCause {
  cause: Cause;
  source: string;
  reach: CauseReach;
}

const STATUS_RANK = { BROKEN: 2, DEGRADED: 1 } as const;

/**
 * An alert's state from its causes: the root first, then by start and key; the reached set is the
 * union of the causes' reached sets, each node with the worst status any cause gives it (a
 * consumer of broken data is broken even when another cause only degrades it) and the evidence
 * path of the nearest cause giving that status.
 */
export function alertState(rootKey: string, members: readonly HeldCause[], merged: string[], cleared: string[]): AlertState {
  const ordered = [...members].sort((a, b) => (a.cause.key === rootKey ? -1 : b.cause.key === rootKey ? 1 : a.cause.since < b.cause.since ? -1 : a.cause.since > b.cause.since ? 1 : a.cause.key < b.cause.key ? -1 : 1));
  const causes: AlertCause[] = ordered.map(({ cause, source, reach }) => ({
    ...cause,
    source,
    nodeId: reach.nodeId,
    missing: reach.missing,
    unknownFields: reach.unknownFields,
    reachedCount: reach.reached.length,
  }));
  const best = new Map<string, AlertReachedNode>();
  for (const { cause, reach } of ordered) {
    for (const r of reach.reached) {
      const seen = best.get(r.id);
      if (!seen || STATUS_RANK[r.status] > STATUS_RANK[seen.status] || (r.status === seen.status && r.distance < seen.distance)) best.set(r.id, { ...r, cause: cause.key });
    }
  }
  const all = [...best.values()].sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    rootKey,
    causes,
    reached: all.slice(0, MAX_REACHED_LISTED),
    reachedTruncated: all.length > MAX_REACHED_LISTED,
    impact: summarizeImpact(all, 'uses/day'),
    merged,
    mergedInto: null,
    cleared,
  };
}

/** The worst severity of the alert's causes. */
export function severityOf(state: AlertState): CauseSeverity {
  let worst: CauseSeverity = 'LOW';
  for (const c of state.causes) if (severityRank(c.severity) < severityRank(worst)) worst = c.severity;
  return worst;
}

/** "<root cause's summary> (and 4 more causes); reaches 9 rules degraded (3.1M uses/day), ...". */
export function alertSummary(state: AlertState): string {
  const root = state.causes[0]!;
  const more = state.causes.length > 1 ? ` (and ${state.causes.length - 1} more cause${state.causes.length > 2 ? 's' : ''})` : '';
  return `${root.summary}${more}; reaches ${state.impact.text}`;
}

/**
 * What makes a new revision: the causes (which, on which node and fields, how severe), the root,
 * and the reached nodes with their statuses. A cause's wording (a lateness that grows by the
 * minute) and traffic figures do not: receivers are told of changes they act on, not of a clock.
 */
export function fingerprintOf(state: AlertState, severity: CauseSeverity): string {
  return JSON.stringify([
    state.rootKey,
    severity,
    state.causes.map((c) => [c.key, c.severity, c.nodeId, c.fields, c.missing]),
    state.reached.map((r) => [r.id, r.status]),
    state.impact.broken,
    state.impact.degraded,
  ]);
}
