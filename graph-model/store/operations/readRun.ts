import type { Run } from '../../model.js';
import type { Queryable } from '../db.js';
import { validAt, type RunRow } from '../rows.js';
import { toRun } from './readFacts.js';

/** One run by its id as it was at a version (a range of the primary key run_id, from_version). */
export async function readRun(db: Queryable, runId: string, version: number): Promise<Run | null> {
  const [row] = await db.query<RunRow>(`SELECT * FROM run WHERE run_id = $1 AND ${validAt(2)}`, [runId, version]);
  return row ? toRun(row) : null;
}
