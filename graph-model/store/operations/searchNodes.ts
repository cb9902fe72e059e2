import type { NodeType } from '../../model.js';
import type { Queryable } from '../db.js';
import { validAt } from '../rows.js';

export interface SearchQuery {
  /** Words that must each appear (case-insensitive substring) in the name or the namespace; '' matches all. */
  text: string;
  kinds?: readonly string[];
  /** `key` or `key=value`: the node (or one of its fields) must carry each. */
  tags?: readonly string[];
  /** An owner name the node's definition must list. */
  owner?: string;
  version: number;
  limit: number;
  /** Keyset: continue after this (name, namespace, id). */
  after?: { name: string; namespace: string; id: string };
}

export interface SearchHit {
  id: string;
  type: NodeType;
  namespace: string;
  name: string;
  kind: string;
}

const escapeLike = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Nodes valid at a version matching a search, by name (then namespace, id), and how many match in
 * all. Every value is a parameter; the statement's shape depends only on which filters are given.
 */
export async function searchNodes(db: Queryable, query: SearchQuery): Promise<{ total: number; hits: SearchHit[] }> {
  const params: unknown[] = [query.version];
  const where: string[] = [validAt(1, 'v')];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  for (const word of query.text.split(/\s+/).filter((w) => w !== '')) {
    const p = param(`%${escapeLike(word)}%`);
    where.push(`(n.name ILIKE ${p} OR n.namespace ILIKE ${p})`);
  }
  if (query.kinds && query.kinds.length > 0) where.push(`v.kind = ANY(${param(query.kinds)}::text[])`);
  for (const tag of query.tags ?? []) {
    const eq = tag.indexOf('=');
    const key = eq < 0 ? tag : tag.slice(0, eq);
    const valueTest = eq < 0 ? '' : ` AND t.value = ${param(tag.slice(eq + 1))}`;
    where.push(`EXISTS (SELECT 1 FROM tag t WHERE t.node_id = n.id AND t.key = ${param(key)}${valueTest} AND ${validAt(1, 't')})`);
  }
  if (query.owner) where.push(`v.definition->'owners' @> jsonb_build_array(jsonb_build_object('name', ${param(query.owner)}::text))`);
  const from = `FROM node n JOIN node_version v ON v.node_id = n.id WHERE ${where.join(' AND ')}`;
  const countParams = [...params];
  let keyset = '';
  if (query.after) {
    keyset = ` AND (n.name, n.namespace, n.id) > (${param(query.after.name)}, ${param(query.after.namespace)}, ${param(query.after.id)})`;
  }
  const limit = param(query.limit);
  const [counted, rows] = await Promise.all([
    db.query<{ total: number | string }>(`SELECT count(*) AS total ${from}`, countParams),
    db.query<{ id: string; node_type: NodeType; namespace: string; name: string; kind: string }>(
      `SELECT n.id, n.node_type, n.namespace, n.name, v.kind ${from}${keyset} ORDER BY n.name, n.namespace, n.id LIMIT ${limit}`,
      params,
    ),
  ]);
  return {
    total: Number(counted[0]!.total),
    hits: rows.map((r) => ({ id: r.id, type: r.node_type, namespace: r.namespace, name: r.name, kind: r.kind })),
  };
}
