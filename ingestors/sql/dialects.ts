import { DctxError } from '../../graph-model/dctxError.js';
/**
 * Dialect names users write, mapped to node-sql-parser's `database` option. Aliases cover the names
 * other tools use for the same engine (dbt adapters, OpenLineage namespaces).
 */
const PARSER_DATABASES: Record<string, string> = {
  hive: 'hive',
  sparksql: 'hive',
  spark: 'hive',
  mysql: 'mysql',
  mariadb: 'mariadb',
  // ANSI SQL is read with the PostgreSQL grammar: of node-sql-parser's, it refuses the fewest
  // standard forms (see README: UPDATE ... FROM, set operations, CTEs, windows, "quoted" names).
  ansi: 'postgresql',
  postgresql: 'postgresql',
  postgres: 'postgresql',
  pg: 'postgresql',
  // Engines whose SQL is PostgreSQL's: Greenplum is a PostgreSQL fork, DuckDB's parser is derived
  // from PostgreSQL's (libpg_query), Materialize speaks PostgreSQL's dialect.
  greenplum: 'postgresql',
  duckdb: 'postgresql',
  materialize: 'postgresql',
  // Engines without a grammar of their own, read with the one that refused the fewest of their
  // forms in a probe (README: Oracle, ClickHouse, Exasol, Teradata); what is specific to them and
  // none reads is rewritten first, every character in place (dialectRewrites.ts).
  oracle: 'postgresql',
  clickhouse: 'postgresql',
  exasol: 'postgresql',
  teradata: 'postgresql',
  flinksql: 'flinksql',
  flink: 'flinksql',
  bigquery: 'bigquery',
  trino: 'trino',
  presto: 'trino',
  athena: 'athena',
  snowflake: 'snowflake',
  redshift: 'redshift',
  sqlite: 'sqlite',
  db2: 'db2',
  transactsql: 'transactsql',
  tsql: 'transactsql',
  mssql: 'transactsql',
  sqlserver: 'transactsql',
};

export class UnknownDialectError extends DctxError<'BAD_USER_INPUT'> {
  constructor(dialect: string) {
    super('BAD_USER_INPUT', `unknown SQL dialect "${dialect}"; expected one of ${Object.keys(PARSER_DATABASES).join(', ')}`);
  }
}

/** The parser's `database` option for a dialect name (case-insensitive); throws on an unknown dialect. */
export function parserDatabase(dialect: string): string {
  const database = PARSER_DATABASES[dialect.trim().toLowerCase()];
  if (!database) throw new UnknownDialectError(dialect);
  return database;
}
