import type { Queryable } from '../../store/db.js';
import type { FieldDef, NodeType } from '../../model.js';
import { CHANGED_IN_RANGE, PAGE_ROWS, type PageCursor, type VersionRange } from './versionRange.js';

/** A node version as the index needs it: identity, interval, kind, owner names and field tree. */
export interface IndexNodeVersionRow {
  node_id: string;
  node_type: NodeType;
  namespace: string;
  name: string;
  from_version: number | string;
  to_version: number | string | null;
  kind: string;
  /** Only the `fields` of the definition (names are flattened in JS: nested fields are `parent.child`). */
  fields: FieldDef[] | null;
  owners: string[] | null;
  /** `properties.inputSemantics` of a computation (graph-model/inputSemantics.ts). */
  input_semantics: unknown;
  /** `properties.status` (a rule's or model's `active`, `retired`...). */
  status: string | null;
}

// Code, descriptions and most properties stay in the database: the index reads what analyses walk on.
const COLUMNS = `v.node_id, n.node_type, n.namespace, n.name, v.from_version, v.to_version, v.kind,
  v.definition->'fields' AS fields, jsonb_path_query_array(v.definition, '$.owners[*].name') AS owners,
  v.definition->'properties'->'inputSemantics' AS input_semantics, v.definition->'properties'->>'status' AS status`;

/** One page of node versions changed in the range, in primary-key order after `after`. */
export async function loadNodeVersionRows(
  db: Queryable,
  range: VersionRange,
  after: PageCursor | null,
  limit = PAGE_ROWS,
): Promise<IndexNodeVersionRow[]> {
  return db.query<IndexNodeVersionRow>(
    // node.id has the default collation and node_version.node_id "C": joined as is, PostgreSQL
    // merge-joins in C order and sorts the whole node table for every page (O(nodes) per page,
    // quadratic over a first load). Comparing in node.id's collation makes it probe node_pkey
    // for the page's rows instead; ids are ASCII, so the two collations agree on equality.
    `SELECT ${COLUMNS} FROM node_version v JOIN node n ON n.id = v.node_id COLLATE "default"
     WHERE ${CHANGED_IN_RANGE.replace(/(from|to)_version/g, 'v.$1_version')}
       AND (v.node_id, v.from_version) > ($3::text, $4::bigint)
     ORDER BY v.node_id, v.from_version LIMIT $5`,
    [range.since, range.upTo, after?.key ?? '', after?.fromVersion ?? -1, limit],
  );
}
