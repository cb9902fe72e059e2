import type { Tag } from '../../model.js';
import type { Queryable } from '../db.js';
import { validAt, type TagRow } from '../rows.js';
import { toTag } from './readFacts.js';

/**
 * Every tag valid at a version, optionally only of some keys, for analyses that need all of them
 * at once (tag propagation and the compliance audit read the `pii`, `sensitivity`, `purpose` and
 * `dctx.block` tags of the whole graph). Ordered by node, field, key and value, so a report built
 * from them comes out the same at the same version on either engine.
 */
export async function readTagsAt(db: Queryable, version: number, keys?: readonly string[]): Promise<Tag[]> {
  const order = 'ORDER BY node_id, field COLLATE "C", key COLLATE "C", value COLLATE "C"';
  const rows =
    keys === undefined
      ? await db.query<TagRow>(`SELECT * FROM tag WHERE ${validAt(1)} ${order}`, [version])
      : await db.query<TagRow>(`SELECT * FROM tag WHERE ${validAt(1)} AND key = ANY($2::text[]) ${order}`, [version, [...keys]]);
  return rows.map(toTag);
}
