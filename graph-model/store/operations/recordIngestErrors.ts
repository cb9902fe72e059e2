import { nodeId } from '../../ids.js';
import type { NodeRef } from '../../model.js';
import { TEXT_LIMITS, storableDiagnostic } from '../../storableText.js';
import type { Queryable } from '../db.js';
import { INGEST_ERROR, type IngestSeverity } from '../tables.js';
import { currentVersion } from './resolveAsOf.js';

/** A bad item to record: where it is, what is wrong, and the node it was about when known. */
export interface IngestErrorInput {
  location: string;
  message: string;
  node?: NodeRef;
  /** `warning`: the item was committed, its lineage perhaps incomplete (default `error`). */
  severity?: IngestSeverity;
}

/** Longest location and message kept, in characters: an error about a huge value must not be huge. */
const MAX_DIAGNOSTIC_CHARS = 4096;

/**
 * Appends a source's ingest errors, stamped with the graph version current now (the version the
 * ingest's last commit created, or the one it left unchanged). Returns that version. Warnings are rows of the same table (`severity`). Messages quote
 * bad input, so what the store cannot hold is replaced (U+FFFD) and long text cut: recording an
 * error must not fail because of the input it reports.
 */
export async function recordIngestErrors(db: Queryable, source: string, errors: readonly IngestErrorInput[]): Promise<number> {
  const version = await currentVersion(db);
  if (errors.length === 0) return version;
  await db.bulkInsert(
    INGEST_ERROR,
    errors.map((e) => ({
      // The source is indexed (ingest_error_source): a third of the identity limit in characters (3 bytes at most each) fits.
      source: storableDiagnostic(source, Math.floor(TEXT_LIMITS.identity / 3)),
      location: storableDiagnostic(e.location, MAX_DIAGNOSTIC_CHARS),
      message: storableDiagnostic(e.message, MAX_DIAGNOSTIC_CHARS),
      node_id: e.node ? nodeId(e.node.type, e.node.namespace, e.node.name) : null,
      graph_version: version,
      severity: e.severity ?? 'error',
    })),
  );
  return version;
}
