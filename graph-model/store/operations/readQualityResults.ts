import type { Queryable } from '../db.js';
import type { QualityOutcome } from './recordQualityResults.js';

/** A stored quality result. */
export interface QualityResult {
  nodeId: string;
  /** `''` for the node itself. */
  field: string;
  check: string;
  source: string;
  /** ISO-8601, UTC. */
  observedAt: string;
  outcome: QualityOutcome;
  observed: unknown;
  expected: unknown;
  message: string | null;
  runId: string | null;
  /** The graph version current when this result was recorded. */
  recordedVersion: number;
}

export interface QualityResultQuery {
  /** Only this field (`''`: the node itself); every field when omitted. */
  field?: string;
  check?: string;
  /** Results observed at or after this time (ISO-8601). */
  from?: string;
  /** Results observed before this time. */
  to?: string;
  /** At most this many, newest first. */
  limit?: number;
}

export interface QualityResultRow {
  node_id: string;
  field: string;
  check_name: string;
  source: string;
  observed_at: Date | string;
  outcome: QualityOutcome;
  observed: unknown;
  expected: unknown;
  message: string | null;
  run_id: string | null;
  recorded_version: number | string;
}

export const QUALITY_RESULT_COLUMNS = 'node_id, field, check_name, source, observed_at, outcome, observed, expected, message, run_id, recorded_version';

export function qualityResultOf(row: QualityResultRow): QualityResult {
  return {
    nodeId: row.node_id,
    field: row.field,
    check: row.check_name,
    source: row.source,
    observedAt: new Date(row.observed_at).toISOString(),
    outcome: row.outcome,
    observed: row.observed ?? null,
    expected: row.expected ?? null,
    message: row.message,
    runId: row.run_id,
    recordedVersion: Number(row.recorded_version),
  };
}

/** A node's results, newest first (then by field, check and source in byte order). */
export async function readQualityResults(db: Queryable, nodeId: string, query: QualityResultQuery = {}): Promise<QualityResult[]> {
  const rows = await db.query<QualityResultRow>(
    `SELECT ${QUALITY_RESULT_COLUMNS}
       FROM quality_result
      WHERE node_id = $1
        AND ($2::text IS NULL OR field = $2)
        AND ($3::text IS NULL OR check_name = $3)
        AND ($4::timestamptz IS NULL OR observed_at >= $4)
        AND ($5::timestamptz IS NULL OR observed_at < $5)
      ORDER BY observed_at DESC, field COLLATE "C", check_name COLLATE "C", source COLLATE "C"
      LIMIT $6`,
    [nodeId, query.field ?? null, query.check ?? null, query.from ?? null, query.to ?? null, query.limit ?? null],
  );
  return rows.map(qualityResultOf);
}
