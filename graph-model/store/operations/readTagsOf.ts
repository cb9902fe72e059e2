import type { Tag } from '../../model.js';
import type { Queryable } from '../db.js';
import { validAt, type TagRow } from '../rows.js';
import { toTag } from './readFacts.js';

/** The tags of many nodes (and their fields) valid at a version, in one statement. */
export async function readTagsOf(db: Queryable, ids: readonly string[], version: number): Promise<Tag[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<TagRow>(
    `SELECT * FROM tag WHERE node_id = ANY($1::text[]) AND ${validAt(2)} ORDER BY node_id, field, key, value`,
    [ids, version],
  );
  return rows.map(toTag);
}
