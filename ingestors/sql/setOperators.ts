/**
 * INTERSECT / EXCEPT / MINUS read as UNION where node-sql-parser's grammar for a dialect lacks
 * them though the engine has them (Snowflake's grammar refuses all three, T-SQL's, Trino's and
 * SQLite's INTERSECT and EXCEPT, Redshift's MINUS). For lineage a set operation is its branches
 * chained, whichever it is (readAst.ts reads every `_next` alike): each output column comes from
 * the same column of every branch. The word is overwritten with `UNION` padded with spaces, so
 * that every other character stays where it was (syntaxRewrites.ts applies it with its other
 * rewrites, after the parser refused the statement as written). BigQuery is left alone: it
 * requires `INTERSECT DISTINCT` / `EXCEPT DISTINCT`, which its grammar reads.
 */
import { scanSql, type SqlToken } from './sqlTokens.js';

const MISSING: Record<string, ReadonlySet<string>> = {
  snowflake: new Set(['intersect', 'except', 'minus']),
  transactsql: new Set(['intersect', 'except']),
  trino: new Set(['intersect', 'except']),
  athena: new Set(['intersect', 'except']),
  sqlite: new Set(['intersect', 'except']),
  redshift: new Set(['minus']),
  db2: new Set(['intersect']),
  hive: new Set(['intersect', 'except', 'minus']),
};

/** What may follow a set operator: a SELECT, a parenthesised query, ALL / DISTINCT. */
function opensBranch(token: SqlToken | undefined): boolean {
  if (token?.kind === 'group') return true;
  return token?.kind === 'word' && ['select', 'all', 'distinct', 'with'].includes(token.text.toLowerCase());
}

function collect(text: string, tokens: SqlToken[], words: ReadonlySet<string>, found: SqlToken[]): void {
  tokens.forEach((token, i) => {
    // `SELECT * EXCEPT (col)` leaves columns out of a star; it is no set operation.
    if (token.kind === 'word' && words.has(token.text.toLowerCase()) && opensBranch(tokens[i + 1]) && tokens[i - 1]?.text !== '*') found.push(token);
    if (token.kind === 'group') collect(text, scanSql(text, token.start + 1, token.end - 1), words, found);
  });
}

/** `text` (already scannable) with the set operators its dialect's grammar lacks written as UNION. */
export function setOperatorsAsUnion(text: string, database: string): string {
  const words = MISSING[database];
  return words ? setOperatorsAs(text, words) : text;
}

/** `text` (already scannable) with the set operators `words` (lower case) written as UNION: Oracle's MINUS (dialectRewrites.ts). */
export function setOperatorsAs(text: string, words: ReadonlySet<string>): string {
  if (!/\b(intersect|except|minus)\b/i.test(text)) return text;
  const found: SqlToken[] = [];
  collect(text, scanSql(text), words, found);
  let out = text;
  for (const token of found) out = out.slice(0, token.start) + 'UNION'.padEnd(token.end - token.start) + out.slice(token.end);
  return out;
}
