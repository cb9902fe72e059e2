import type { Tx } from '../../store/db.js';
import type { Incident } from '../incidents/incident.js';
import { INCIDENT_COLUMNS, toIncident, type IncidentRow } from './incidentRows.js';

export type ResolveOutcome = { resolved: Incident } | { notFound: true } | { alreadyResolved: Incident };

/** Resolves an open incident and records the RESOLVED event; an unknown or resolved one is said so, nothing written. */
export async function resolveIncident(tx: Tx, id: number, actor: string, note: string): Promise<ResolveOutcome> {
  const [current] = await tx.query<IncidentRow>(`SELECT ${INCIDENT_COLUMNS} FROM incident WHERE id = $1 FOR UPDATE`, [id]);
  if (!current) return { notFound: true };
  if (current.status !== 'OPEN') return { alreadyResolved: toIncident(current) };
  const [row] = await tx.query<IncidentRow>(
    `UPDATE incident SET status = 'RESOLVED', resolved_by = $2, resolved_at = now(), resolve_note = $3 WHERE id = $1 RETURNING ${INCIDENT_COLUMNS}`,
    [id, actor, note],
  );
  await tx.query(`INSERT INTO incident_event (incident_id, event, actor, note, at) VALUES ($1, 'RESOLVED', $2, $3, $4)`, [id, actor, note, row!.resolved_at]);
  return { resolved: toIncident(row!) };
}
