import type { Queryable } from '../../store/db.js';
import { CHANGED_IN_RANGE, PAGE_ROWS, type PageCursor, type VersionRange } from './versionRange.js';

/** An edge row without its kind: the index derives READS/WRITES from the endpoint types. */
export interface IndexEdgeRow {
  fact_key: string;
  from_id: string;
  to_id: string;
  from_version: number | string;
  to_version: number | string | null;
}

/** One page of edge rows changed in the range, in primary-key order after `after`. */
export async function loadEdgeRows(db: Queryable, range: VersionRange, after: PageCursor | null, limit = PAGE_ROWS): Promise<IndexEdgeRow[]> {
  return db.query<IndexEdgeRow>(
    `SELECT fact_key, from_id, to_id, from_version, to_version FROM edge
     WHERE ${CHANGED_IN_RANGE} AND (fact_key, from_version) > ($3::text, $4::bigint)
     ORDER BY fact_key, from_version LIMIT $5`,
    [range.since, range.upTo, after?.key ?? '', after?.fromVersion ?? -1, limit],
  );
}
