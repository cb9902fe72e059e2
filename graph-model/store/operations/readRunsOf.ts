import type { Run } from '../../model.js';
import type { Queryable } from '../db.js';
import { validAt, type RunRow } from '../rows.js';
import { toRun } from './readFacts.js';

/** The runs of many computations valid at a version, newest first per computation, in one statement. */
export async function readRunsOf(db: Queryable, computationIds: readonly string[], version: number): Promise<Run[]> {
  if (computationIds.length === 0) return [];
  const rows = await db.query<RunRow>(
    `SELECT * FROM run WHERE computation_id = ANY($1::text[]) AND ${validAt(2)}
     ORDER BY computation_id, started_at DESC NULLS LAST, run_id`,
    [computationIds, version],
  );
  return rows.map(toRun);
}
