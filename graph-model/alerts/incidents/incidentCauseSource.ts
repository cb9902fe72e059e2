import type { Queryable } from '../../store/db.js';
import type { Cause, CauseSource } from '../cause.js';
import { readOpenIncidents } from '../operations/readIncidents.js';

/**
 * Open incidents as INCIDENT causes, one per incident (key `incident:<id>`), from the open
 * incidents' partial index: a read of the open ones, not of the history. It has no
 * touchedSince: incidents are not graph changes, and the engine diffs the open causes it is told
 * on every evaluation, which is as cheap as the list of open incidents.
 */
export class IncidentCauseSource implements CauseSource {
  readonly name = 'incidents';

  constructor(private readonly db: Queryable) {}

  async openCauses(): Promise<Cause[]> {
    const incidents = await readOpenIncidents(this.db);
    return incidents.map((incident) => ({
      key: `incident:${incident.id}`,
      kind: 'INCIDENT',
      node: incident.node,
      fields: incident.fields,
      severity: incident.severity,
      since: incident.openedAt,
      summary: `incident ${incident.id} on ${incident.node.namespace}/${incident.node.name}${incident.fields.length > 0 ? `#${incident.fields.join(',')}` : ''}: ${incident.note}`,
      evidence: { incidentId: incident.id, note: incident.note, openedBy: incident.openedBy },
    }));
  }
}
