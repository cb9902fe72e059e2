import type { Queryable } from '../db.js';
import { validAt } from '../rows.js';

/**
 * Ids of the nodes that carry every one of `tags` (`key` or `key=value`) at a version, on the node
 * itself or on one of its fields: the tag part of a search, answered by the (key, value) index.
 */
export async function readTaggedNodes(db: Queryable, tags: readonly string[], version: number): Promise<Set<string>> {
  let found: Set<string> | undefined;
  for (const tag of tags) {
    const eq = tag.indexOf('=');
    const rows: { node_id: string }[] =
      eq < 0
        ? await db.query<{ node_id: string }>(`SELECT DISTINCT node_id FROM tag WHERE key = $1 AND ${validAt(2)}`, [tag, version])
        : await db.query<{ node_id: string }>(`SELECT DISTINCT node_id FROM tag WHERE key = $1 AND value = $2 AND ${validAt(3)}`, [tag.slice(0, eq), tag.slice(eq + 1), version]);
    const ids: Set<string> = new Set(rows.map((r) => r.node_id));
    const before: Set<string> | undefined = found;
    found = before === undefined ? ids : new Set([...before].filter((id) => ids.has(id)));
    if (found.size === 0) break;
  }
  return found ?? new Set<string>();
}
