import type { CauseSeverity } from '../cause.js';
import type { NodeType } from '../../model.js';

/** An incident as stored and answered (docs/alerts.md, "Incidents"). */
export interface Incident {
  id: number;
  nodeId: string;
  node: { type: NodeType; namespace: string; name: string };
  /** Fields the incident is about; empty: the whole node. */
  fields: string[];
  severity: CauseSeverity;
  status: 'OPEN' | 'RESOLVED';
  note: string;
  openedBy: string;
  openedAt: string;
  resolvedBy: string | null;
  resolvedAt: string | null;
  resolveNote: string | null;
  /** Every change, oldest first (only when read one by one). */
  history?: IncidentEvent[];
}

export interface IncidentEvent {
  event: 'OPENED' | 'RESOLVED';
  actor: string;
  note: string;
  at: string;
}

export const SEVERITIES: readonly CauseSeverity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];

export function isSeverity(value: unknown): value is CauseSeverity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** CRITICAL first: the order alerts and lists sort by. */
export function severityRank(severity: CauseSeverity): number {
  return SEVERITIES.indexOf(severity);
}
