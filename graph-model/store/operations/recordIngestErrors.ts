import { nodeId } from '../../ids.js';
import type { NodeRef } from '../../model.js';
import type { Queryable } from '../db.js';
import { currentVersion } from './resolveAsOf.js';

/** A bad item to record: where it is, what is wrong, and the node it was about when known. */
export interface IngestErrorInput {
  location: string;
  message: string;
  node?: NodeRef;
}

const COLUMNS = [
  { name: 'source', type: 'text' },
  { name: 'location', type: 'text' },
  { name: 'message', type: 'text' },
  { name: 'node_id', type: 'text' },
  { name: 'graph_version', type: 'bigint' },
] as const;

/**
 * Appends a source's ingest errors, stamped with the graph version current now (the version the
 * ingest's last commit created, or the one it left unchanged). Returns that version.
 */
export async function recordIngestErrors(db: Queryable, source: string, errors: readonly IngestErrorInput[]): Promise<number> {
  const version = await currentVersion(db);
  if (errors.length === 0) return version;
  await db.bulkInsert(
    'ingest_error',
    [...COLUMNS],
    errors.map((e) => [source, e.location, e.message, e.node ? nodeId(e.node.type, e.node.namespace, e.node.name) : null, version]),
  );
  return version;
}
