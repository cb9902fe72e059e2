import type { Queryable } from '../db.js';
import type { IngestSeverity } from '../tables.js';

/** A recorded ingest error. */
export interface IngestErrorRecord {
  id: number;
  source: string;
  location: string;
  message: string;
  nodeId: string | null;
  /** The graph version current when it was recorded. */
  graphVersion: number;
  recordedAt: string;
  /** `error`: the item was left out; `warning`: it was committed, its lineage perhaps incomplete. */
  severity: IngestSeverity;
}

export interface IngestErrorFilter {
  source?: string;
  nodeId?: string;
  /** Only errors, or only warnings (default both). */
  severity?: IngestSeverity;
  /** At most this many, newest first (default 100, at most 10,000). */
  limit?: number;
}

interface IngestErrorRow {
  id: string | number;
  source: string;
  location: string;
  message: string;
  node_id: string | null;
  graph_version: string | number;
  recorded_at: Date | string;
  severity: IngestSeverity;
}

export const DEFAULT_INGEST_ERROR_LIMIT = 100;
const MAX_INGEST_ERROR_LIMIT = 10_000;

/** The latest recorded ingest errors and warnings, newest first, of one source and/or one node, of one severity or both. */
export async function readIngestErrors(db: Queryable, filter: IngestErrorFilter = {}): Promise<IngestErrorRecord[]> {
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? DEFAULT_INGEST_ERROR_LIMIT), 0), MAX_INGEST_ERROR_LIMIT);
  const rows = await db.query<IngestErrorRow>(
    `SELECT id, source, location, message, node_id, graph_version, recorded_at, severity
       FROM ingest_error
      WHERE ($1::text IS NULL OR source = $1) AND ($2::text IS NULL OR node_id = $2) AND ($4::text IS NULL OR severity = $4)
      ORDER BY id DESC
      LIMIT $3`,
    [filter.source ?? null, filter.nodeId ?? null, limit, filter.severity ?? null],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    source: row.source,
    location: row.location,
    message: row.message,
    nodeId: row.node_id,
    graphVersion: Number(row.graph_version),
    recordedAt: row.recorded_at instanceof Date ? row.recorded_at.toISOString() : new Date(row.recorded_at).toISOString(),
    severity: row.severity,
  }));
}
