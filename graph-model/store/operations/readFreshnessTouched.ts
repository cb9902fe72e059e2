import type { Queryable } from '../db.js';

/**
 * Assets whose freshness inputs changed after `afterVersion`: a run of a computation writing
 * them recorded, a writer edge opened or closed, their definition (a declared `freshness`) changed
 * or ended, or a `freshness` tag changed. Runs count from `afterVersion` itself: a changeset of runs
 * alone creates no version and records its runs at the current one (docs/changesets.md#runs).
 *
 * Cheap when little changed, whatever the graph's size: the new runs are found by `run_recorded`
 * (migration 0007) and their computations' WRITES edges by the edge key's range (rows.ts
 * edgeFrom); the graph branches run only when a version after `afterVersion` exists (an InitPlan
 * PostgreSQL evaluates once, as a one-time filter), so an evaluation after quality results or
 * incidents, which make no version, reads the runs alone. Each version bound is its own branch, so
 * each uses its own index.
 */
export async function readFreshnessTouched(db: Queryable, afterVersion: number): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `WITH newer AS (SELECT EXISTS (SELECT 1 FROM changeset WHERE version > $1) AS yes)
     SELECT e.to_id AS id FROM (SELECT DISTINCT computation_id FROM run WHERE from_version >= $1) r
       CROSS JOIN LATERAL (SELECT to_id FROM edge e
                            WHERE e.fact_key >= (r.computation_id || chr(31)) COLLATE "C" AND e.fact_key < (r.computation_id || chr(32)) COLLATE "C"
                              AND e.kind = 'WRITES' AND e.to_version IS NULL) e
     UNION SELECT to_id FROM edge WHERE (SELECT yes FROM newer) AND from_version > $1 AND kind = 'WRITES'
     UNION SELECT to_id FROM edge WHERE (SELECT yes FROM newer) AND to_version > $1 AND kind = 'WRITES'
     UNION SELECT node_id FROM node_version WHERE (SELECT yes FROM newer) AND from_version > $1
     UNION SELECT node_id FROM node_version WHERE (SELECT yes FROM newer) AND to_version > $1
     UNION SELECT node_id FROM tag WHERE key = 'freshness' AND (from_version > $1 OR to_version > $1)
     ORDER BY 1`,
    [afterVersion],
  );
  return rows.map((row) => row.id);
}
