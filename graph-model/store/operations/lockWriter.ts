import type { Tx } from '../db.js';

/** Serialises writers: graph versions are handed out one at a time, with no gaps or duplicates. */
export const WRITER_LOCK = 0x64637479;

export async function lockWriter(tx: Tx): Promise<number> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [WRITER_LOCK]);
  const rows = await tx.query<{ version: number }>('SELECT coalesce(max(version), 0) AS version FROM changeset');
  return Number(rows[0]!.version);
}
