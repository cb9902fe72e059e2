import type { Queryable } from '../db.js';

/**
 * Nodes with a quality result recorded (or re-recorded with new values) while the graph was at
 * `atOrAfterVersion` or later. Inclusive on purpose: results create no graph version, so one
 * recorded while the graph stays at V may come after a reader's look at V.
 */
export async function readQualityTouched(db: Queryable, atOrAfterVersion: number): Promise<string[]> {
  const rows = await db.query<{ node_id: string }>(
    `SELECT DISTINCT node_id FROM quality_result WHERE recorded_version >= $1 ORDER BY node_id`,
    [atOrAfterVersion],
  );
  return rows.map((row) => row.node_id);
}
