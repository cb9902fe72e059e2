import type { Queryable } from '../../store/db.js';
import type { FieldEdgeRow } from '../../store/rows.js';
import { CHANGED_IN_RANGE, PAGE_ROWS, type PageCursor, type VersionRange } from './versionRange.js';

export type IndexFieldEdgeRow = Omit<FieldEdgeRow, 'from_version' | 'to_version'> & {
  from_version: number | string;
  to_version: number | string | null;
};

/** One page of field edge rows changed in the range, in primary-key order after `after`. */
export async function loadFieldEdgeRows(
  db: Queryable,
  range: VersionRange,
  after: PageCursor | null,
  limit = PAGE_ROWS,
): Promise<IndexFieldEdgeRow[]> {
  return db.query<IndexFieldEdgeRow>(
    `SELECT * FROM field_edge
     WHERE ${CHANGED_IN_RANGE} AND (fact_key, from_version) > ($3::text, $4::bigint)
     ORDER BY fact_key, from_version LIMIT $5`,
    [range.since, range.upTo, after?.key ?? '', after?.fromVersion ?? -1, limit],
  );
}
