import type { Db } from '../../graph-model/store/db.js';

/**
 * The baseline: downstream lineage answered the way Marquez answers it (MarquezProject/marquez,
 * api/src/main/java/marquez/db/LineageDao.java, getLineage): a `job_io` relation with each job's
 * input and output dataset arrays, and a recursive CTE that adds, at depth + 1, every job whose
 * dataset arrays overlap those of a job already found (`UNION`, so a job reached at several depths
 * is expanded at each of them, as in Marquez).
 *
 * Three departures, all in the baseline's favour: JIT compilation is off for these queries; job_io is materialised once per graph version
 * (Marquez recomputes it as a CTE in every query), with a GIN index on the inputs so the recursive
 * step is an index probe instead of a scan of every job; and the overlap is directed (a job's
 * inputs overlap the previous jobs' outputs) so that it walks downstream only, as our query does —
 * the LineageDao version read joins on inputs-or-outputs, which walks both ways.
 *
 * Our edge table has validity intervals: only rows valid at the version go into job_io.
 */
export const JOB_IO_TABLE = 'bench_marquez_job_io';

export async function buildJobIo(db: Db, version: number): Promise<void> {
  const valid = `from_version <= ${version} AND (to_version IS NULL OR to_version > ${version})`;
  await db.exec(`DROP TABLE IF EXISTS ${JOB_IO_TABLE}`);
  await db.exec(`
    CREATE UNLOGGED TABLE ${JOB_IO_TABLE} AS
    SELECT job_id,
           array_agg(DISTINCT dataset_id) FILTER (WHERE io_type = 'INPUT') AS inputs,
           array_agg(DISTINCT dataset_id) FILTER (WHERE io_type = 'OUTPUT') AS outputs
      FROM (SELECT to_id AS job_id, from_id AS dataset_id, 'INPUT' AS io_type FROM edge WHERE kind = 'READS' AND ${valid}
            UNION ALL
            SELECT from_id, to_id, 'OUTPUT' FROM edge WHERE kind = 'WRITES' AND ${valid}) io
     GROUP BY job_id`);
  await db.exec(`CREATE INDEX ${JOB_IO_TABLE}_inputs ON ${JOB_IO_TABLE} USING gin (inputs)`);
  await db.exec(`ANALYZE ${JOB_IO_TABLE}`);
}

export async function dropJobIo(db: Db): Promise<void> {
  await db.exec(`DROP TABLE IF EXISTS ${JOB_IO_TABLE}`);
}

/**
 * Node ids downstream of `datasetId` within `depth` of our hops (asset -> job is one hop, so the
 * jobs reading the dataset are at 1, their outputs at 2): Marquez's jobs up to job depth
 * (depth - 1) / 2, starting from the dataset's readers, and the outputs of those up to depth/2 - 1.
 * The start dataset itself is not included.
 */
export async function marquezDownstream(db: Db, datasetId: string, depth: number): Promise<string[]> {
  const jobDepth = Math.floor((depth - 1) / 2);
  const outputDepth = Math.floor(depth / 2) - 1;
  // Without JIT: PostgreSQL's row estimates for the recursive CTE are huge, so it would JIT-compile
  // every query (~0.8 s each), which no one tuning this query in production would leave on.
  const rows = await db.transaction(async (tx) => {
    await tx.exec('SET LOCAL jit = off');
    return tx.query<{ id: string }>(
    `WITH RECURSIVE lineage(job_id, inputs, outputs, depth) AS (
        SELECT job_id, inputs, outputs, 0 FROM ${JOB_IO_TABLE} WHERE inputs @> ARRAY[$1::text]
        UNION
        SELECT io.job_id, io.inputs, io.outputs, l.depth + 1
          FROM ${JOB_IO_TABLE} io, lineage l
         WHERE io.job_id <> l.job_id AND io.inputs && l.outputs AND l.depth < $2
     )
     SELECT job_id AS id FROM lineage
     UNION
     SELECT unnest(outputs) FROM lineage WHERE depth <= $3`,
    [datasetId, jobDepth, outputDepth],
    );
  });
  return rows.map((r) => r.id).filter((id) => id !== datasetId);
}
