import type { NodeType } from '../../model.js';
import type { CauseSeverity } from '../cause.js';
import type { Incident } from '../incidents/incident.js';
import { isoTime } from './isoTime.js';

export interface IncidentRow {
  id: string | number;
  node_id: string;
  node_type: string;
  namespace: string;
  name: string;
  fields: string[];
  severity: string;
  status: string;
  note: string;
  opened_by: string;
  opened_at: Date | string;
  resolved_by: string | null;
  resolved_at: Date | string | null;
  resolve_note: string | null;
}

export const INCIDENT_COLUMNS = 'id, node_id, node_type, namespace, name, fields, severity, status, note, opened_by, opened_at, resolved_by, resolved_at, resolve_note';

export function toIncident(row: IncidentRow): Incident {
  return {
    id: Number(row.id),
    nodeId: row.node_id,
    node: { type: row.node_type as NodeType, namespace: row.namespace, name: row.name },
    fields: row.fields ?? [],
    severity: row.severity as CauseSeverity,
    status: row.status as Incident['status'],
    note: row.note,
    openedBy: row.opened_by,
    openedAt: isoTime(row.opened_at)!,
    resolvedBy: row.resolved_by,
    resolvedAt: isoTime(row.resolved_at),
    resolveNote: row.resolve_note,
  };
}
