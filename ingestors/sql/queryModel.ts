import type { FieldDef } from '../../graph-model/model.js';

/**
 * A typed, dialect-neutral model of the parts of a SQL statement that carry lineage. node-sql-parser's
 * AST differs between dialects (identifiers as strings or objects, subqueries wrapped or not); the
 * AST reader turns it into this so the lineage analysis never touches the parser's loose types.
 * Table and column names are lower-cased: the engines we read (Hive, MySQL, PostgreSQL unquoted,
 * Flink) treat them case-insensitively, and one spelling per table keeps one asset per table.
 */

export type Expr =
  | { kind: 'column'; table?: string; column: string }
  /** `*` or `t.*` in a select list (a `*` inside COUNT(*) reads no column and is a literal). */
  /** `except`: columns left out of the expansion (those a PIVOT consumes); `replace`: `* REPLACE (expr AS column)`. */
  | { kind: 'star'; table?: string; except?: string[]; replace?: { column: string; expr: Expr }[] }
  | { kind: 'call'; name: string; aggregate: boolean; args: Expr[]; window: Expr[] }
  | { kind: 'case'; conditions: Expr[]; results: Expr[] }
  | { kind: 'subquery'; query: Select }
  /** Operators, casts, lists...: everything else that combines its children. */
  | { kind: 'other'; children: Expr[] }
  | { kind: 'literal' };

export interface SelectItem {
  expr: Expr;
  alias?: string;
}

/** `natural`: joined by NATURAL JOIN, on the columns it shares with the relations before it (naturalJoin.ts). */
export type Relation =
  | { kind: 'table'; name: string; alias?: string; join?: Expr; using: string[]; natural?: boolean }
  /** `shadows`: its columns hide the same names of the relations before it (ClickHouse's ARRAY JOIN names, arrayJoins.ts). */
  | { kind: 'subquery'; query: Select; alias?: string; join?: Expr; using: string[]; natural?: boolean; shadows?: boolean };

export interface Cte {
  name: string;
  columns: string[];
  query: Select;
}

export interface Select {
  ctes: Cte[];
  items: SelectItem[];
  /** The rows are grouped by every column a `*` item expands to (a PIVOT over a table, pivot.ts). */
  groupByStar?: boolean;
  from: Relation[];
  where?: Expr;
  groupBy: Expr[];
  having?: Expr;
  orderBy: Expr[];
  /** The next branch of a UNION / INTERSECT / EXCEPT. */
  next?: Select;
}

/**
 * One part of a MERGE as a query over the target and/or the source: the ON join, or one WHEN
 * clause whose select list holds the values it writes and whose WHERE holds its condition.
 */
export interface MergeBranch {
  /**
   * The target column each select item goes to: listed, `names` (the items' own names, for
   * `INSERT *` / `UPDATE SET *`) or `position` (`INSERT VALUES (...)` without a column list).
   */
  targets: string[] | 'names' | 'position';
  query: Select;
}

/** One end of a COPY / UNLOAD / LOAD DATA: a table, a query, or a file dataset named as OpenLineage names it. */
export type TransferEnd = { kind: 'table'; name: string } | { kind: 'query'; query: Select } | { kind: 'file'; file: { namespace: string; name: string } };

/**
 * A column of `PARTITION (...)` in a Hive / Spark INSERT: static (`dt = '2026-01-01'`, a constant,
 * not in the select list) or dynamic (`dt`, filled by the select list's last items, in order).
 */
export interface PartitionColumn {
  column: string;
  dynamic: boolean;
}

/**
 * `update` / `delete`: the query's FROM holds the target (with its alias) and the tables joined to
 * it, its select list the SET values (one per `columns` entry; none for a DELETE), its WHERE the condition.
 */
export interface Write {
  kind: 'write';
  mode: 'insert' | 'ctas' | 'view' | 'update' | 'delete';
  target: string;
  columns: string[];
  query: Select;
  partitions?: PartitionColumn[];
}

/** What a statement does to the graph. */
export type Statement =
  | Write
  /** Hive / Spark `FROM t INSERT ... SELECT ... INSERT ... SELECT ...`: one job writing each target from the shared FROM. */
  | { kind: 'multiInsert'; writes: Write[] }
  /** A SELECT that writes nothing: a consumer (dashboard, ad-hoc check, feature-serving query). */
  | { kind: 'read'; query: Select }
  /** `MERGE INTO target USING source ON ... WHEN ...` (mergeStatement.ts); `sourceTables` are the tables the source reads. */
  | { kind: 'merge'; target: string; sourceTables: string[]; branches: MergeBranch[] }
  /**
   * `CREATE TABLE t (columns)`: no lineage, but the table and its columns. `computed`: Flink's
   * computed columns (`amount_usd AS amount * fx`), virtual, evaluated from the stored ones on read.
   */
  | { kind: 'ddl'; target: string; fields: FieldDef[]; computed?: ReadonlyMap<string, Expr> }
  /** `ALTER TABLE a RENAME TO b`, `RENAME TABLE a TO b, ...` (tableLifecycle.ts). */
  | { kind: 'rename'; renames: { from: string; to: string }[] }
  /** COPY / UNLOAD / LOAD DATA between a table or query and a file or bucket (fileTransfers.ts). */
  /** `columns`: the table's column list as the statement writes it (`COPY t (a, b) ...`), else empty. */
  | { kind: 'transfer'; from: TransferEnd; to: TransferEnd; columns: string[] }
  /** `DROP TABLE | VIEW a, ...` (tableLifecycle.ts). */
  | { kind: 'drop'; tables: string[] }
  /** Parsed, carries no lineage (SET, SELECT, DROP...). */
  | { kind: 'ignored'; type: string }
  /** Parsed, may carry lineage, but not understood (e.g. a MERGE if a dialect ever parses it). */
  | { kind: 'unsupported'; type: string };

/**
 * `CREATE TABLE t LIKE s`: `t` is made from `s`'s definition. `s` is read and `t` written, table
 * level only (a query over `s` selecting nothing): no row and no value flows.
 */
export function likeTable(target: string, source: string): Write {
  return { kind: 'write', mode: 'ctas', target, columns: [], query: { ctes: [], items: [], from: [{ kind: 'table', name: source, using: [] }], groupBy: [], orderBy: [] } };
}
