import type { Queryable } from '../db.js';
import { QUALITY_RESULT_COLUMNS, qualityResultOf, type QualityResult, type QualityResultRow } from './readQualityResults.js';

/**
 * The latest result of each check (node, field, check name) observed at or before `at`, across
 * sources: what each check says now. Two results at the same time: the one recorded last wins.
 * Of the given nodes only, or of every node when `nodeIds` is null.
 */
export async function readLatestQualityResults(db: Queryable, at: string, nodeIds: readonly string[] | null = null): Promise<QualityResult[]> {
  const rows = await db.query<QualityResultRow>(
    `SELECT DISTINCT ON (node_id, field, check_name) ${QUALITY_RESULT_COLUMNS}
       FROM quality_result
      WHERE observed_at <= $1 AND ($2::text[] IS NULL OR node_id = ANY($2::text[]))
      ORDER BY node_id, field, check_name, observed_at DESC, seq DESC`,
    [at, nodeIds === null ? null : [...nodeIds]],
  );
  return rows.map(qualityResultOf);
}
