/*
 * The catalog queries, all parameterised. They run with `search_path = pg_catalog`, so that
 * `pg_get_viewdef` and `format_type` qualify every user relation and type with its schema.
 */

/** Schemas that hold no user data: the system catalogs, TOAST storage and other sessions' temp tables. */
const USER_SCHEMA = `n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'`;

const RELATION_COLUMNS = `c.oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind,
  obj_description(c.oid, 'pg_class') AS description,
  CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS view_definition
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace`;

/** $1: the relkinds to read; $2: the schemas to read, or null for every user schema. */
export const RELATIONS_IN_SCHEMAS = `SELECT ${RELATION_COLUMNS}
  WHERE c.relkind::text = ANY($1::text[]) AND ${USER_SCHEMA}
    AND ($2::text[] IS NULL OR n.nspname = ANY($2::text[]))
  ORDER BY n.nspname, c.relname`;

/** $1: the relkinds to read; $2: relation oids, wherever they live. */
export const RELATIONS_BY_OID = `SELECT ${RELATION_COLUMNS}
  WHERE c.relkind::text = ANY($1::text[]) AND c.oid = ANY($2::oid[])
  ORDER BY n.nspname, c.relname`;

/** $1: relation oids. Live columns only (no system or dropped ones), in ordinal order. */
export const COLUMNS = `SELECT a.attrelid AS oid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
    a.attnotnull AS not_null, col_description(a.attrelid, a.attnum) AS description
  FROM pg_attribute a
  WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
  ORDER BY a.attrelid, a.attnum`;

/**
 * $1: view oids. A view's query is its `_RETURN` rewrite rule, and PostgreSQL records in pg_depend
 * every relation that rule uses (it is what makes DROP TABLE refuse without CASCADE). The rule also
 * depends on its own view, which is not an input. Other rules of a view (ON INSERT ... DO INSTEAD)
 * write rather than read, so only `_RETURN` counts.
 */
export const VIEW_DEPENDENCIES = `SELECT DISTINCT r.ev_class AS view_oid, d.refobjid AS relation_oid
  FROM pg_rewrite r
  JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
  WHERE r.ev_class = ANY($1::oid[]) AND r.rulename = '_RETURN'
    AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> r.ev_class
  ORDER BY 1, 2`;
