import type { Tx } from '../db.js';
import type { FactType } from '../rows.js';
import { FACT_CLAIM } from '../tables.js';

/** Keys of the source's open claims of one fact type: all (full sync) or among `keys` (delta). */
export async function loadSourceFactClaims(tx: Tx, source: string, type: FactType, keys: string[] | 'all'): Promise<Set<string>> {
  if (keys !== 'all' && keys.length === 0) return new Set();
  const rows =
    keys === 'all'
      ? await tx.query<{ fact_key: string }>(
          'SELECT fact_key FROM fact_claim WHERE source = $1 AND fact_type = $2 AND to_version IS NULL',
          [source, type],
        )
      : await tx.query<{ fact_key: string }>(
          'SELECT fact_key FROM fact_claim WHERE source = $1 AND fact_type = $2 AND to_version IS NULL AND fact_key = ANY($3::text[])',
          [source, type, keys],
        );
  return new Set(rows.map((row) => row.fact_key));
}

/** Closes the source's claims on `keys`, or every source's claims when `source` is null (cascades). */
export async function closeFactClaims(tx: Tx, source: string | null, type: FactType, keys: string[], version: number): Promise<void> {
  if (keys.length === 0) return;
  if (source === null) {
    await tx.query('UPDATE fact_claim SET to_version = $1 WHERE fact_type = $2 AND to_version IS NULL AND fact_key = ANY($3::text[])', [
      version,
      type,
      keys,
    ]);
    return;
  }
  await tx.query(
    'UPDATE fact_claim SET to_version = $1 WHERE source = $2 AND fact_type = $3 AND to_version IS NULL AND fact_key = ANY($4::text[])',
    [version, source, type, keys],
  );
}

export async function insertFactClaims(tx: Tx, source: string, type: FactType, keys: string[], version: number): Promise<void> {
  await tx.bulkInsert(
    FACT_CLAIM[type],
    keys.map((key) => ({ fact_type: type, fact_key: key, source, from_version: version })),
  );
}

/** Which of `keys` still have an open claim from any source. */
export async function stillClaimed(tx: Tx, type: FactType, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await tx.query<{ fact_key: string }>(
    'SELECT DISTINCT fact_key FROM fact_claim WHERE fact_type = $1 AND to_version IS NULL AND fact_key = ANY($2::text[])',
    [type, keys],
  );
  return new Set(rows.map((row) => row.fact_key));
}
