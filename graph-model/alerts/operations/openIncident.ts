import { nodeId } from '../../ids.js';
import type { NodeRef } from '../../model.js';
import type { Tx } from '../../store/db.js';
import type { CauseSeverity } from '../cause.js';
import type { Incident } from '../incidents/incident.js';
import { INCIDENT_COLUMNS, toIncident, type IncidentRow } from './incidentRows.js';

export interface OpenIncidentInput {
  node: NodeRef;
  fields: string[];
  severity: CauseSeverity;
  note: string;
  actor: string;
}

/** Inserts an open incident and its OPENED event, in one transaction. */
export async function openIncident(tx: Tx, input: OpenIncidentInput): Promise<Incident> {
  const [row] = await tx.query<IncidentRow>(
    `INSERT INTO incident (node_id, node_type, namespace, name, fields, severity, status, note, opened_by)
     VALUES ($1, $2, $3, $4, $5::text[], $6, 'OPEN', $7, $8)
     RETURNING ${INCIDENT_COLUMNS}`,
    [nodeId(input.node.type, input.node.namespace, input.node.name), input.node.type, input.node.namespace, input.node.name, input.fields, input.severity, input.note, input.actor],
  );
  await tx.query(`INSERT INTO incident_event (incident_id, event, actor, note, at) VALUES ($1, 'OPENED', $2, $3, $4)`, [row!.id, input.actor, input.note, row!.opened_at]);
  return toIncident(row!);
}
