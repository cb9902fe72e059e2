import type { CauseSeverity } from '../cause.js';
import type { Alert, AlertEvent, AlertEventKind, AlertState, AlertStatus } from '../alert.js';
import { isoTime } from './isoTime.js';

export interface AlertRow {
  id: string;
  status: string;
  severity: string;
  summary: string;
  revision: number;
  opened_at: Date | string;
  updated_at: Date | string;
  resolved_at: Date | string | null;
  graph_version: string | number;
  state: AlertState | string;
}

export const ALERT_COLUMNS = 'id, status, severity, summary, revision, opened_at, updated_at, resolved_at, graph_version, state';

const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

export function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    status: row.status as AlertStatus,
    severity: row.severity as CauseSeverity,
    summary: row.summary,
    revision: Number(row.revision),
    openedAt: isoTime(row.opened_at)!,
    updatedAt: isoTime(row.updated_at)!,
    resolvedAt: isoTime(row.resolved_at),
    graphVersion: Number(row.graph_version),
    state: json(row.state),
  };
}

export interface AlertEventRow {
  alert_id: string;
  revision: number;
  event: string;
  at: Date | string;
  graph_version: string | number;
  severity: string;
  summary: string;
  state: AlertState | string;
}

export function toAlertEvent(row: AlertEventRow): AlertEvent {
  return {
    alertId: row.alert_id,
    revision: Number(row.revision),
    event: row.event as AlertEventKind,
    at: isoTime(row.at)!,
    graphVersion: Number(row.graph_version),
    severity: row.severity as CauseSeverity,
    summary: row.summary,
    state: json(row.state),
  };
}
