import type { Queryable } from '../db.js';

/** When each of these graph versions was committed (ISO-8601), in one statement; unknown versions are absent. */
export async function readCommitTimes(db: Queryable, versions: readonly number[]): Promise<Map<number, string>> {
  if (versions.length === 0) return new Map();
  const rows = await db.query<{ version: string | number; committed_at: string | Date }>(
    'SELECT version, committed_at FROM changeset WHERE version = ANY($1::bigint[])',
    [[...new Set(versions)]],
  );
  return new Map(rows.map((row) => [Number(row.version), new Date(row.committed_at).toISOString()]));
}
