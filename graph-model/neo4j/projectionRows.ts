import type { FieldDef, NodeType } from '../model.js';
import type { Queryable } from '../store/db.js';
import type { EdgeRow, FieldEdgeRow, TagRow } from '../store/rows.js';

/**
 * The store rows one graph version changed: those that started at it and those that ended at it.
 * Projecting version v applies exactly these, so the projection at v is the store at v. Each kind
 * of row is read in keyset pages of its primary key, so a changeset of millions of edges is never
 * held whole.
 */
export const PROJECTION_PAGE_ROWS = 10_000;

interface Interval {
  from_version: number | string;
  to_version: number | string | null;
}

export interface ProjectionNodeRow extends Interval {
  node_id: string;
  node_type: NodeType;
  namespace: string;
  name: string;
  kind: string;
  content_hash: string;
  description: string | null;
  fields: FieldDef[] | null;
  owners: string[] | null;
  /** `properties.inputSemantics` of a computation (graph-model/inputSemantics.ts), for impact. */
  input_semantics: unknown;
  /** `properties.status` (a rule's or model's `active`, `retired`...), for impact. */
  status: string | null;
}

/** Edges, field edges and tags come as the store's rows (store/rows.ts). */
export type ProjectionEdgeRow = EdgeRow;
export type ProjectionFieldEdgeRow = FieldEdgeRow;
export type ProjectionTagRow = TagRow;

/** Rows started or ended at $1, after the keyset position ($2, $3), in key order, $4 at most. */
const AT_VERSION = (alias: string) => `(${alias}.from_version = $1 OR ${alias}.to_version = $1)`;

const QUERIES = {
  // node.id has the default collation and node_version.node_id "C" (see loadNodeVersionRows).
  node: `SELECT v.node_id, n.node_type, n.namespace, n.name, v.from_version, v.to_version, v.kind, v.content_hash,
           v.definition->>'description' AS description, v.definition->'fields' AS fields,
           jsonb_path_query_array(v.definition, '$.owners[*].name') AS owners,
           v.definition->'properties'->'inputSemantics' AS input_semantics, v.definition->'properties'->>'status' AS status, v.node_id AS page_key
         FROM node_version v JOIN node n ON n.id = v.node_id COLLATE "default"
         WHERE ${AT_VERSION('v')} AND (v.node_id, v.from_version) > ($2::text, $3::bigint)
         ORDER BY v.node_id, v.from_version LIMIT $4`,
  edge: `SELECT e.fact_key, e.from_id, e.to_id, e.kind, e.from_version, e.to_version, e.fact_key AS page_key FROM edge e
         WHERE ${AT_VERSION('e')} AND (e.fact_key, e.from_version) > ($2::text, $3::bigint)
         ORDER BY e.fact_key, e.from_version LIMIT $4`,
  fieldEdge: `SELECT f.*, f.fact_key AS page_key FROM field_edge f
         WHERE ${AT_VERSION('f')} AND (f.fact_key, f.from_version) > ($2::text, $3::bigint)
         ORDER BY f.fact_key, f.from_version LIMIT $4`,
  tag: `SELECT t.*, t.fact_key AS page_key FROM tag t
         WHERE ${AT_VERSION('t')} AND (t.fact_key, t.from_version) > ($2::text, $3::bigint)
         ORDER BY t.fact_key, t.from_version LIMIT $4`,
} as const;

export interface ProjectionRowsOf {
  node: ProjectionNodeRow;
  edge: ProjectionEdgeRow;
  fieldEdge: ProjectionFieldEdgeRow;
  tag: ProjectionTagRow;
}

/** Every page of `kind` rows version `version` changed, in key order, each handed to `onPage` before the next is read. */
export async function forEachRowPage<K extends keyof ProjectionRowsOf>(
  db: Queryable,
  kind: K,
  version: number,
  onPage: (rows: ProjectionRowsOf[K][]) => Promise<void>,
  pageRows = PROJECTION_PAGE_ROWS,
): Promise<void> {
  let key = '';
  let fromVersion = -1;
  for (;;) {
    const rows = await db.query<ProjectionRowsOf[K] & { page_key: string }>(QUERIES[kind], [version, key, fromVersion, pageRows]);
    if (rows.length > 0) await onPage(rows);
    if (rows.length < pageRows) return;
    const last = rows[rows.length - 1]!;
    key = last.page_key;
    fromVersion = Number(last.from_version);
  }
}

/** The changesets after `since`, oldest first, `limit` at most: what a catch-up projects. */
export async function changesetsAfter(db: Queryable, since: number, limit: number): Promise<{ version: number; committedAt: Date }[]> {
  const rows = await db.query<{ version: number | string; committed_at: Date | string }>(
    'SELECT version, committed_at FROM changeset WHERE version > $1 ORDER BY version LIMIT $2',
    [since, limit],
  );
  return rows.map((row) => ({ version: Number(row.version), committedAt: new Date(row.committed_at) }));
}
