import type { Queryable } from '../db.js';

/**
 * Assets whose freshness inputs changed after `afterVersion`: a run of a computation writing
 * them recorded, a writer edge opened or closed, their definition (a declared `freshness`) changed
 * or ended, or a `freshness` tag changed. Runs count from `afterVersion` itself: a changeset of runs
 * alone creates no version and records its runs at the current one (docs/changesets.md#runs).
 *
 * Each branch starts from the rows of the versions after `afterVersion` (the version indexes), so
 * the cost follows what changed, not the graph: the writers of the new runs are looked up by their
 * computation ids (an array, so the edge lookup is by `edge_from` whatever the planner estimates for
 * the runs), and each version bound is its own branch so each can use its own index.
 */
export async function readFreshnessTouched(db: Queryable, afterVersion: number): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT e.to_id AS id FROM edge e
      WHERE e.from_id = ANY(ARRAY(SELECT DISTINCT computation_id FROM run WHERE from_version >= $1))
        AND e.kind = 'WRITES' AND e.to_version IS NULL
     UNION SELECT to_id FROM edge WHERE from_version > $1 AND kind = 'WRITES'
     UNION SELECT to_id FROM edge WHERE to_version > $1 AND kind = 'WRITES'
     UNION SELECT node_id FROM node_version WHERE from_version > $1
     UNION SELECT node_id FROM node_version WHERE to_version > $1
     UNION SELECT node_id FROM tag WHERE key = 'freshness' AND (from_version > $1 OR to_version > $1)
     ORDER BY 1`,
    [afterVersion],
  );
  return rows.map((row) => row.id);
}
