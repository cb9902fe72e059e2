import type { Edge, FieldEdge, Run } from '../../model.js';
import type { Queryable } from '../db.js';
import { edgeFrom, validAt, type EdgeRow, type FieldEdgeRow, type RunRow } from '../rows.js';
import { toEdge, toFieldEdge, toRun } from './readFacts.js';

/** What the graph holds about a set of jobs at one version: their runs, edges and own field edges. */
export interface JobFacts {
  /**
   * The runs asked for, and each job's latest completed run among the others: all that mapping an
   * OpenLineage event asks of a job's history (a run's state so far; whether a later completion is
   * already recorded), so the read stays the same size however many runs a job has had.
   */
  runs: Run[];
  edges: Edge[];
  /** Field edges whose computation is one of the jobs. */
  fieldEdges: FieldEdge[];
}

/**
 * The runs, edges and field edges of many jobs in three statements, whatever the number of jobs
 * (readFacts.ts reads one node at a time, which would cost a batch one round trip per job and per
 * kind of fact). Same columns and validity rule as readFacts.ts. On the pool the three run at once
 * on three connections; on a transaction's connection they queue (postgres-db.ts `oneAtATime`).
 */
export async function readJobFacts(db: Queryable, jobIds: string[], runIds: string[], version: number): Promise<JobFacts> {
  if (jobIds.length === 0) return { runs: [], edges: [], fieldEdges: [] };
  const edgeColumns = 'fact_key, from_id, to_id, kind, from_version, to_version';
  const [runs, edges, fieldEdges] = await Promise.all([
    db.query<RunRow>(
      `(SELECT * FROM run WHERE run_id = ANY($3::text[]) AND computation_id = ANY($1::text[]) AND ${validAt(2)})
       UNION ALL
       (SELECT DISTINCT ON (computation_id) * FROM run
        WHERE computation_id = ANY($1::text[]) AND state = 'COMPLETE' AND ended_at IS NOT NULL AND NOT (run_id = ANY($3::text[])) AND ${validAt(2)}
        ORDER BY computation_id, ended_at DESC)`,
      [jobIds, version, runIds],
    ),
    db.query<EdgeRow>(
      `(SELECT ${edgeColumns} FROM (SELECT DISTINCT unnest($1::text[]) AS id) AS job JOIN edge ON ${edgeFrom('job.id', 'edge')} WHERE ${validAt(2, 'edge')})
       UNION ALL (SELECT ${edgeColumns} FROM edge WHERE to_id = ANY($1::text[]) AND ${validAt(2)})`,
      [jobIds, version],
    ),
    db.query<FieldEdgeRow>(`SELECT * FROM field_edge WHERE computation_id = ANY($1::text[]) AND ${validAt(2)} ORDER BY fact_key`, [
      jobIds,
      version,
    ]),
  ]);
  return { runs: runs.map(toRun), edges: edges.map(toEdge), fieldEdges: fieldEdges.map(toFieldEdge) };
}
