import type { Queryable } from '../../store/db.js';
import type { Incident, IncidentEvent } from '../incidents/incident.js';
import { INCIDENT_COLUMNS, toIncident, type IncidentRow } from './incidentRows.js';
import { isoTime } from './isoTime.js';

export interface IncidentFilter {
  status?: 'OPEN' | 'RESOLVED';
  nodeId?: string;
  /** At most this many, newest first (default 100, at most 1,000). */
  limit?: number;
}

/** Incidents, newest first, by status and/or node. */
export async function readIncidents(db: Queryable, filter: IncidentFilter = {}): Promise<Incident[]> {
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 100), 0), 1000);
  const rows = await db.query<IncidentRow>(
    `SELECT ${INCIDENT_COLUMNS} FROM incident
      WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR node_id = $2)
      ORDER BY id DESC LIMIT $3`,
    [filter.status ?? null, filter.nodeId ?? null, limit],
  );
  return rows.map(toIncident);
}

/** Every open incident, oldest first (what IncidentCauseSource reports). */
export async function readOpenIncidents(db: Queryable): Promise<Incident[]> {
  const rows = await db.query<IncidentRow>(`SELECT ${INCIDENT_COLUMNS} FROM incident WHERE status = 'OPEN' ORDER BY id`);
  return rows.map(toIncident);
}

/** One incident with its history, or null. */
export async function readIncident(db: Queryable, id: number): Promise<Incident | null> {
  const [row] = await db.query<IncidentRow>(`SELECT ${INCIDENT_COLUMNS} FROM incident WHERE id = $1`, [id]);
  if (!row) return null;
  const events = await db.query<{ event: string; actor: string; note: string; at: Date | string }>(
    'SELECT event, actor, note, at FROM incident_event WHERE incident_id = $1 ORDER BY id',
    [id],
  );
  const history: IncidentEvent[] = events.map((e) => ({ event: e.event as IncidentEvent['event'], actor: e.actor, note: e.note, at: isoTime(e.at)! }));
  return { ...toIncident(row), history };
}
