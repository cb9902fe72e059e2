import type { Queryable } from '../db.js';

/**
 * Nodes with a quality result observed after `at` (of the given nodes, or of all when `nodeIds` is
 * null): a result stamped later than the evaluation's clock, which becomes its check's latest only
 * once the clock passes it.
 */
export async function readQualityNodesAfter(db: Queryable, at: string, nodeIds: readonly string[] | null): Promise<string[]> {
  const rows = await db.query<{ node_id: string }>(
    `SELECT DISTINCT node_id FROM quality_result
      WHERE observed_at > $1 AND ($2::text[] IS NULL OR node_id = ANY($2::text[])) ORDER BY node_id`,
    [at, nodeIds === null ? null : [...nodeIds]],
  );
  return rows.map((row) => row.node_id);
}
