import type { Queryable } from '../db.js';

/**
 * Assets whose freshness inputs changed after `afterVersion`: a run of a computation writing
 * them recorded, a writer edge opened or closed, their definition (a declared `freshness`) or a
 * `freshness` tag changed. Runs count from `afterVersion` itself: a changeset of runs alone creates
 * no version and records its runs at the current one (docs/changesets.md#runs).
 */
export async function readFreshnessTouched(db: Queryable, afterVersion: number): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT e.to_id AS id FROM run r JOIN edge e ON e.from_id = r.computation_id AND e.kind = 'WRITES'
      WHERE r.from_version >= $1 AND e.to_version IS NULL
     UNION SELECT to_id FROM edge WHERE kind = 'WRITES' AND (from_version > $1 OR to_version > $1)
     UNION SELECT node_id FROM node_version WHERE from_version > $1
     UNION SELECT node_id FROM tag WHERE key = 'freshness' AND (from_version > $1 OR to_version > $1)
     ORDER BY 1`,
    [afterVersion],
  );
  return rows.map((row) => row.id);
}
