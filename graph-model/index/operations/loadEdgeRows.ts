import type { Queryable } from '../../store/db.js';
import { CHANGED_IN_RANGE, PAGE_ROWS, type PageCursor, type VersionRange } from './versionRange.js';

/** An edge row without its kind: the index derives READS/WRITES from the endpoint types. */
export interface IndexEdgeRow {
  from_id: string;
  to_id: string;
  from_version: number | string;
  to_version: number | string | null;
  /** The row's fact key on the page's last row when the page is full (the next page's cursor); else null. */
  last_key: string | null;
}

/**
 * One page of edge rows changed in the range, in primary-key order after `after`. The fact key
 * (the two ids again) would be a third of the bytes read and parsed; only the cursor needs it, so
 * it comes on the last row of a full page. The window runs over the page already in key order:
 * no sort.
 */
export async function loadEdgeRows(db: Queryable, range: VersionRange, after: PageCursor | null, limit = PAGE_ROWS): Promise<IndexEdgeRow[]> {
  return db.query<IndexEdgeRow>(
    `SELECT from_id, to_id, from_version, to_version, CASE WHEN row_number() OVER w = $5 THEN fact_key END AS last_key
     FROM (SELECT fact_key, from_id, to_id, from_version, to_version FROM edge
           WHERE ${CHANGED_IN_RANGE} AND (fact_key, from_version) > ($3::text, $4::bigint)
           ORDER BY fact_key, from_version LIMIT $5) page
     WINDOW w AS (ORDER BY fact_key, from_version)
     ORDER BY fact_key, from_version`,
    [range.since, range.upTo, after?.key ?? '', after?.fromVersion ?? -1, limit],
  );
}
