import { EventEmitter } from 'node:events';
import { DctxError } from '../../dctxError.js';
import { fieldNames } from '../../definition.js';
import type { NodeRef } from '../../model.js';
import type { GraphStore } from '../../store/graphStore.js';
import type { CauseSeverity } from '../cause.js';
import { openIncident } from '../operations/openIncident.js';
import { readIncident, readIncidents, readOpenIncidents, type IncidentFilter } from '../operations/readIncidents.js';
import { resolveIncident } from '../operations/resolveIncident.js';
import type { Incident } from './incident.js';

export type IncidentErrorCode = 'INCIDENT_NOT_FOUND' | 'INCIDENT_ALREADY_RESOLVED' | 'NOT_FOUND' | 'BAD_USER_INPUT';

/** A request about incidents that cannot be done as asked; the code is one of server/errorCodes.ts. */
export class IncidentError extends DctxError<IncidentErrorCode> {}

/** Longest note kept, in characters: a note is a line or a paragraph, not a log dump. */
export const MAX_NOTE_CHARS = 4000;

export interface OpenRequest {
  node: NodeRef;
  fields?: string[];
  severity: CauseSeverity;
  note: string;
  actor: string;
}

/**
 * Incidents on the store: opened on a node that exists now (and fields it has), resolved once,
 * each change kept as an event. `changed` fires after each commit so the alert engine re-evaluates
 * at once instead of at its next tick.
 */
export class Incidents {
  private readonly events = new EventEmitter();

  constructor(private readonly store: GraphStore) {}

  onChange(listener: (incident: Incident) => void): () => void {
    this.events.on('changed', listener);
    return () => this.events.off('changed', listener);
  }

  async open(request: OpenRequest): Promise<Incident> {
    const note = request.note.trim();
    if (note.length === 0) throw new IncidentError('BAD_USER_INPUT', 'an incident needs a note saying what is wrong');
    if (note.length > MAX_NOTE_CHARS) throw new IncidentError('BAD_USER_INPUT', `the note is ${note.length} characters; at most ${MAX_NOTE_CHARS}`);
    const node = await this.store.nodeByName(request.node.type, request.node.namespace, request.node.name);
    if (!node) throw new IncidentError('NOT_FOUND', `no ${request.node.type.toLowerCase()} ${request.node.namespace}/${request.node.name} in the graph`);
    const fields = [...new Set(request.fields ?? [])];
    if (fields.length > 0) {
      if (node.type !== 'ASSET') throw new IncidentError('BAD_USER_INPUT', 'fields name columns of an asset; this is a computation');
      const known = fieldNames(node.definition);
      const unknown = fields.filter((f) => !known.has(f));
      if (unknown.length > 0) throw new IncidentError('BAD_USER_INPUT', `${node.namespace}/${node.name} has no field ${unknown.map((f) => JSON.stringify(f)).join(', ')}`);
    }
    const incident = await this.store.db.transaction((tx) => openIncident(tx, { node: request.node, fields, severity: request.severity, note, actor: request.actor }));
    this.events.emit('changed', incident);
    this.store.observations.emit('INCIDENT');
    return incident;
  }

  async resolve(id: number, actor: string, note: string): Promise<Incident> {
    if (note.length > MAX_NOTE_CHARS) throw new IncidentError('BAD_USER_INPUT', `the note is ${note.length} characters; at most ${MAX_NOTE_CHARS}`);
    const outcome = await this.store.db.transaction((tx) => resolveIncident(tx, id, actor, note.trim()));
    if ('notFound' in outcome) throw new IncidentError('INCIDENT_NOT_FOUND', `no incident ${id}`);
    if ('alreadyResolved' in outcome) throw new IncidentError('INCIDENT_ALREADY_RESOLVED', `incident ${id} was resolved at ${outcome.alreadyResolved.resolvedAt} by ${outcome.alreadyResolved.resolvedBy}`);
    this.events.emit('changed', outcome.resolved);
    this.store.observations.emit('INCIDENT');
    return outcome.resolved;
  }

  list(filter: IncidentFilter = {}): Promise<Incident[]> {
    return readIncidents(this.store.db, filter);
  }

  openNow(): Promise<Incident[]> {
    return readOpenIncidents(this.store.db);
  }

  get(id: number): Promise<Incident | null> {
    return readIncident(this.store.db, id);
  }
}
