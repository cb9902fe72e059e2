import type { Queryable } from '../db.js';

/**
 * The ends of the latest `perAsset` successful writes of each asset: COMPLETE runs with an end
 * time of the computations that WRITE it at the current version, newest first. Of the given
 * assets, or of every asset written so when `assetIds` is null.
 */
export async function readSuccessfulWrites(db: Queryable, assetIds: readonly string[] | null, perAsset: number): Promise<Map<string, string[]>> {
  const rows = await db.query<{ asset_id: string; ended_at: Date | string }>(
    `SELECT asset_id, ended_at FROM (
       SELECT e.to_id AS asset_id, r.ended_at,
              row_number() OVER (PARTITION BY e.to_id ORDER BY r.ended_at DESC) AS n
         FROM edge e
         JOIN run r ON r.computation_id = e.from_id AND r.to_version IS NULL
        WHERE e.kind = 'WRITES' AND e.to_version IS NULL
          AND ($1::text[] IS NULL OR e.to_id = ANY($1::text[]))
          AND r.state = 'COMPLETE' AND r.ended_at IS NOT NULL) w
      WHERE n <= $2
      ORDER BY asset_id, ended_at DESC`,
    [assetIds === null ? null : [...assetIds], perAsset],
  );
  const writes = new Map<string, string[]>();
  for (const row of rows) {
    const list = writes.get(row.asset_id) ?? [];
    list.push(new Date(row.ended_at).toISOString());
    writes.set(row.asset_id, list);
  }
  return writes;
}
