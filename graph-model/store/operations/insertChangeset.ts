import type { ChangeStats } from '../../model.js';
import type { Tx } from '../db.js';

/**
 * Records the changeset. Commit time never goes backwards, even if the clock does or a writer
 * waited on the lock, so a timestamp always maps to one well-defined version.
 */
export async function insertChangeset(
  tx: Tx,
  row: { version: number; source: string; actor: string; mode: 'full' | 'delta'; stats: ChangeStats },
): Promise<string> {
  const rows = await tx.query<{ committed_at: Date | string }>(
    `INSERT INTO changeset (version, committed_at, source, actor, mode, stats)
     SELECT $1, greatest(clock_timestamp(), coalesce(max(committed_at), clock_timestamp())), $2, $3, $4, $5::jsonb FROM changeset
     RETURNING committed_at`,
    [row.version, row.source, row.actor, row.mode, JSON.stringify(row.stats)],
  );
  const committed = rows[0]!.committed_at;
  return committed instanceof Date ? committed.toISOString() : new Date(committed).toISOString();
}
