import type { Queryable } from '../db.js';

/** Computations whose writers are looked up in one statement (one key range each). */
const RANGES_PER_STATEMENT = 200;

/**
 * Assets whose freshness inputs changed after `afterVersion`: a run of a computation writing
 * them recorded, a writer edge opened or closed, their definition (a declared `freshness`) changed
 * or ended, or a `freshness` tag changed. Runs count from `afterVersion` itself: a changeset of runs
 * alone creates no version and records its runs at the current one (docs/changesets.md#runs).
 *
 * Cheap when little changed, whatever the graph's size. The computations of the new runs are read
 * first (`run_recorded`, migration 0007), usually none; their WRITES edges then by each one's range
 * of the edge key (rows.ts edgeFrom; there is no index on edge.from_id), with the ids as values so
 * the planner sees each range: a join to the runs was planned as a scan of every edge once the
 * edge table is large. The graph branches run only when a version after `afterVersion` exists (an
 * InitPlan PostgreSQL evaluates once, as a one-time filter): an evaluation after quality results or
 * incidents, which make no version, reads the runs alone. Each version bound is its own branch, so
 * each uses its own index.
 *
 * `graph: false` leaves out the node versions and WRITES edges: a caller that follows the graph
 * index knows those from the index's advances (docs/alerts.md). The BRIN indexes on their
 * `from_version` read every block not summarized since the last VACUUM, which after a bulk load
 * is the whole table: a fixed cost per version that grows with the graph, not with the changeset.
 */
export async function readFreshnessTouched(db: Queryable, afterVersion: number, options: { graph?: boolean } = {}): Promise<string[]> {
  const computations = (await db.query<{ id: string }>('SELECT DISTINCT computation_id AS id FROM run WHERE from_version >= $1', [afterVersion])).map((r) => r.id);
  const ids = new Set<string>();
  for (let i = 0; i < computations.length; i += RANGES_PER_STATEMENT) {
    const batch = computations.slice(i, i + RANGES_PER_STATEMENT);
    const ranges = batch.map((_, k) => `(fact_key >= ($${k + 1} || chr(31)) COLLATE "C" AND fact_key < ($${k + 1} || chr(32)) COLLATE "C")`).join(' OR ');
    for (const row of await db.query<{ id: string }>(`SELECT to_id AS id FROM edge WHERE (${ranges}) AND kind = 'WRITES' AND to_version IS NULL`, batch)) ids.add(row.id);
  }
  const graph = `SELECT to_id AS id FROM edge WHERE (SELECT yes FROM newer) AND from_version > $1 AND kind = 'WRITES'
     UNION SELECT to_id FROM edge WHERE (SELECT yes FROM newer) AND to_version > $1 AND kind = 'WRITES'
     UNION SELECT node_id FROM node_version WHERE (SELECT yes FROM newer) AND from_version > $1
     UNION SELECT node_id FROM node_version WHERE (SELECT yes FROM newer) AND to_version > $1
     UNION `;
  // Tags are not in the graph index: their branch always runs (over the freshness tags alone, tag_key_value).
  const rows = await db.query<{ id: string }>(
    `WITH newer AS (SELECT EXISTS (SELECT 1 FROM changeset WHERE version > $1) AS yes)
     ${options.graph === false ? '' : graph}SELECT node_id AS id FROM tag WHERE (SELECT yes FROM newer) AND key = 'freshness' AND (from_version > $1 OR to_version > $1)`,
    [afterVersion],
  );
  for (const row of rows) ids.add(row.id);
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
