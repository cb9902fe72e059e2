import type { Queryable } from '../../store/db.js';
import type { CauseSeverity } from '../cause.js';
import type { Alert, AlertEvent, AlertStatus } from '../alert.js';
import { ALERT_COLUMNS, toAlert, toAlertEvent, type AlertEventRow, type AlertRow } from './alertRows.js';

export interface AlertFilter {
  status?: AlertStatus;
  severity?: CauseSeverity;
  /** Only alerts that reach this node id (or have a cause on it). */
  reaches?: string;
  /** At most this many, latest updated first (default 100, at most 1,000). */
  limit?: number;
}

/** Alerts by status, severity and a node they reach, latest updated first. */
export async function readAlerts(db: Queryable, filter: AlertFilter = {}): Promise<Alert[]> {
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 100), 0), 1000);
  const reaches = filter.reaches === undefined ? null : JSON.stringify([{ id: filter.reaches }]);
  const onCause = filter.reaches === undefined ? null : JSON.stringify([{ nodeId: filter.reaches }]);
  const rows = await db.query<AlertRow>(
    `SELECT ${ALERT_COLUMNS} FROM alert
      WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR severity = $2)
        AND ($3::jsonb IS NULL OR state->'reached' @> $3::jsonb OR state->'causes' @> $4::jsonb)
      ORDER BY updated_at DESC, id LIMIT $5`,
    [filter.status ?? null, filter.severity ?? null, reaches, onCause, limit],
  );
  return rows.map(toAlert);
}

export async function readAlert(db: Queryable, id: string): Promise<Alert | null> {
  const [row] = await db.query<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alert WHERE id = $1`, [id]);
  return row ? toAlert(row) : null;
}

/** Every open alert: what the engine starts from. */
export async function readOpenAlerts(db: Queryable): Promise<Alert[]> {
  const rows = await db.query<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alert WHERE status = 'OPEN' ORDER BY opened_at, id`);
  return rows.map(toAlert);
}

/** An alert's revisions, oldest first. */
export async function readAlertEvents(db: Queryable, id: string): Promise<AlertEvent[]> {
  const rows = await db.query<AlertEventRow>('SELECT alert_id, revision, event, at, graph_version, severity, summary, state FROM alert_event WHERE alert_id = $1 ORDER BY revision', [id]);
  return rows.map(toAlertEvent);
}

/** Open alerts by severity, for /metrics. */
export async function countOpenAlerts(db: Queryable): Promise<Map<CauseSeverity, number>> {
  const rows = await db.query<{ severity: string; count: string | number }>(`SELECT severity, count(*) AS count FROM alert WHERE status = 'OPEN' GROUP BY severity`);
  return new Map(rows.map((r) => [r.severity as CauseSeverity, Number(r.count)]));
}
