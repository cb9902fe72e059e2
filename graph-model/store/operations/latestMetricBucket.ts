import type { Queryable } from '../db.js';

/** The start of the newest bucket any metric has, or null when none is stored. */
export async function latestMetricBucket(db: Queryable): Promise<string | null> {
  const rows = await db.query<{ latest: Date | string | null }>('SELECT max(bucket_start) AS latest FROM metric');
  const latest = rows[0]?.latest ?? null;
  return latest === null ? null : new Date(latest).toISOString();
}
