/**
 * How a select item's name that an earlier item of the same select list is an alias of
 * (`name AS user_name, user_name || email AS id`) is read, when no table in scope is known to have
 * such a column (a known column always wins, as in every dialect below):
 * - `alias`: the dialect has lateral column aliases (Snowflake, Redshift, Databricks / Spark SQL
 *   3.4+, DuckDB, ClickHouse, Teradata, Exasol, whose `local.` prefix, blanked by
 *   dialectRewrites.ts, names such an alias): the earlier item's inputs;
 * - `column`: the dialect has none (PostgreSQL, MySQL, T-SQL, Trino, Hive, Flink, SQLite, Db2,
 *   Oracle...: the standard evaluates the items independently), so the name can only be a column
 *   of a table in scope (or of an enclosing query);
 * - `both`: either may be meant, both are given (a possible dependency is safer for impact
 *   analysis): BigQuery, whose reusable column aliases are an option a project or organisation
 *   turns on (`reusable_column_aliases_mode`, off by default), and `ansi`, the generic dialect that
 *   scripts of engines without a name here (Vertica...) are read with.
 */
export type LateralReading = 'alias' | 'column' | 'both';

const ALIAS_DIALECTS = new Set(['snowflake', 'redshift', 'spark', 'sparksql', 'databricks', 'duckdb', 'clickhouse', 'teradata', 'exasol']);
const EITHER_DIALECTS = new Set(['bigquery', 'ansi']);

/** The reading for a dialect name as the user wrote it (`ansi` and `duckdb` share PostgreSQL's grammar, not its rules). */
export function lateralReading(dialect: string): LateralReading {
  const name = dialect.trim().toLowerCase();
  if (ALIAS_DIALECTS.has(name)) return 'alias';
  if (EITHER_DIALECTS.has(name)) return 'both';
  return 'column';
}
