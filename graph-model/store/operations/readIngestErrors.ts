import type { Queryable } from '../db.js';

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
}

export interface IngestErrorFilter {
  source?: string;
  nodeId?: string;
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
}

export const DEFAULT_INGEST_ERROR_LIMIT = 100;
const MAX_INGEST_ERROR_LIMIT = 10_000;

/** The latest recorded ingest errors, newest first, of one source and/or one node. */
export async function readIngestErrors(db: Queryable, filter: IngestErrorFilter = {}): Promise<IngestErrorRecord[]> {
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? DEFAULT_INGEST_ERROR_LIMIT), 0), MAX_INGEST_ERROR_LIMIT);
  const rows = await db.query<IngestErrorRow>(
    `SELECT id, source, location, message, node_id, graph_version, recorded_at
       FROM ingest_error
      WHERE ($1::text IS NULL OR source = $1) AND ($2::text IS NULL OR node_id = $2)
      ORDER BY id DESC
      LIMIT $3`,
    [filter.source ?? null, filter.nodeId ?? null, limit],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    source: row.source,
    location: row.location,
    message: row.message,
    nodeId: row.node_id,
    graphVersion: Number(row.graph_version),
    recordedAt: row.recorded_at instanceof Date ? row.recorded_at.toISOString() : new Date(row.recorded_at).toISOString(),
  }));
}
