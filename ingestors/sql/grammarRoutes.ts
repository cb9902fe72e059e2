/**
 * UPDATE and DELETE forms a dialect's node-sql-parser grammar refuses or misreads, sent another
 * way. Every route keeps each character where it was, so a parse error is still at the script's
 * line and column:
 * - Snowflake: its grammar refuses every DELETE (even `DELETE FROM s.t WHERE ...`, at the `.`).
 *   Snowflake's DELETE (`DELETE FROM t [alias] [USING o, ...] [WHERE ...]`) is PostgreSQL's, so
 *   it is read with the PostgreSQL grammar (after the same rewrites: USING, backticks).
 * - BigQuery UPDATE: its grammar fails inside itself ("dbObj is not defined") on a qualified
 *   target written without backticks (`UPDATE ds.t SET ...`), which is how scripts write it;
 *   BigQuery's `UPDATE t [alias] SET ... [FROM o, ...] WHERE ...` is PostgreSQL's, so a BigQuery
 *   UPDATE its grammar refuses is tried with the PostgreSQL grammar (backticks become `"`: a
 *   backtick-quoted `proj.ds.t` is then the one name `proj.ds.t`, as the BigQuery grammar names it).
 * - `SELECT * EXCLUDE (...)` in Redshift and DuckDB (read with the PostgreSQL grammar), and `SELECT * EXCEPT (...)` in Spark SQL / Databricks
 *   (the Hive grammar is their fallback after dt-sql-parser): refused by those grammars, tried
 *   with Snowflake's and BigQuery's, which read the same form.
 * - `SELECT * EXCEPT (...)` in ClickHouse (read with the PostgreSQL grammar): tried with BigQuery's.
 * - Db2: a statement with LATERAL its grammar refuses is tried with the PostgreSQL grammar.
 * - Trino: a statement with a subquery its grammar refuses (it refuses any in a select list) is
 *   tried with the PostgreSQL grammar.
 * - BigQuery DELETE: its grammar reads `DELETE t WHERE ...` but takes the optional FROM of
 *   `DELETE FROM t WHERE ...` for the table (and `t` for its alias), or refuses it when `t` is
 *   qualified. The FROM, which changes nothing in BigQuery, becomes spaces.
 */
import { isWord, type SqlToken, tryScanSql } from './sqlTokens.js';
import { backtickQuoted, mergeStarModifiers, STAR_REPLACE } from './starModifiers.js';

// `SELECT [t.]* EXCLUDE ...` (Redshift) and `SELECT [t.]* EXCEPT (...)` (Spark, Databricks): their
// grammars refuse the star's list; Snowflake's and BigQuery's read the same form (readAst.ts
// leaves the listed columns out). A comment or string holding the words only costs a second try.
const STAR_EXCLUDE = /\*\s*exclude\b/i;
const STAR_EXCEPT = /\*\s*except\s*\(/i;

function firstTokens(text: string): SqlToken[] {
  return tryScanSql(text)?.slice(0, 2) ?? [];
}

/** The grammar to read the statement with when the dialect's own refuses it, or undefined when there is none. */
export function fallbackGrammar(text: string, database: string): string | undefined {
  if (database === 'bigquery' && /^update\b/i.test(text)) return 'postgresql';
  // `* [EXCLUDE ...] REPLACE (...)`, Snowflake's and DuckDB's (PostgreSQL grammar): BigQuery's grammar reads it (starModifiers.ts).
  if ((database === 'snowflake' || database === 'postgresql') && STAR_REPLACE.test(text)) return 'bigquery';
  if (database === 'redshift' && STAR_EXCLUDE.test(text)) return 'snowflake';
  // DuckDB is read with the PostgreSQL grammar and has Snowflake's `* EXCLUDE`; PostgreSQL itself
  // has no such form, so a refused statement holding it can only be read this way.
  if (database === 'postgresql' && STAR_EXCLUDE.test(text)) return 'snowflake';
  if (database === 'hive' && STAR_EXCEPT.test(text)) return 'bigquery';
  // ClickHouse is read with the PostgreSQL grammar and has BigQuery's `* EXCEPT (...)`, a form
  // PostgreSQL lacks: a refused statement holding it can only be read this way.
  if (database === 'postgresql' && STAR_EXCEPT.test(text)) return 'bigquery';
  // Db2's grammar refuses LATERAL (`FROM t, LATERAL (subquery) s`, `JOIN LATERAL f(x) a ON ...`),
  // which Db2 reads as standard SQL does, and as the PostgreSQL grammar reads it.
  if (database === 'db2' && /\blateral\b/i.test(text)) return 'postgresql';
  // Trino's grammar refuses every subquery in a select list ("invalid column clause with select
  // statement"), among them `(SELECT max(s) FROM UNNEST(p.scores) AS u (s))`; Trino reads them as
  // standard SQL does, and as the PostgreSQL grammar reads them (UNNEST ... AS u (s) included).
  if (database === 'trino' && /\(\s*(?:select|with)\b/i.test(text)) return 'postgresql';
  return undefined;
}

/** The grammar a statement is read with first: the dialect's, except for the forms it never reads. */
export function firstGrammar(text: string, database: string): string {
  if (database === 'snowflake' && /^delete\b/i.test(text)) return 'postgresql';
  return database;
}

/** The statement as a fallback grammar reads it: `"quoted"` names and star modifiers for BigQuery's (starModifiers.ts). */
export function fallbackText(text: string, database: string, fallback: string): string {
  return fallback === 'bigquery' && database !== 'hive' ? mergeStarModifiers(backtickQuoted(text)) : text;
}

/** The statement as the grammar reads it: BigQuery's `DELETE FROM t` with FROM blanked out, its star modifiers joined; anything else as it is. */
export function routedText(text: string, database: string): string {
  if (database === 'bigquery') text = mergeStarModifiers(text);
  if (database !== 'bigquery' || !/^delete\b/i.test(text)) return text;
  const [, from] = firstTokens(text);
  if (!from || !isWord(from, 'from')) return text;
  return text.slice(0, from.start) + ' '.repeat(from.end - from.start) + text.slice(from.end);
}
