/**
 * Two more rewrites that keep every character where it was (see syntaxRewrites.ts, which applies
 * them after the parser refused a statement as written), for clauses node-sql-parser refuses
 * and lineage does not depend on:
 * - Snowflake's `INSERT OVERWRITE INTO t ...` (the table is emptied first) becomes `INSERT INTO t
 *   ...`: the same reads and column flows into the same target;
 * - a `RETURNING ...` at the end of an INSERT ... SELECT (PostgreSQL) is blanked: what it returns goes to
 *   the client, not to a table.
 */
import { isWord, scanSql, type SqlToken } from './sqlTokens.js';

function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + text.slice(start, end).replace(/[^\n]/g, ' ') + text.slice(end);
}

export function rewriteClauses(text: string): string {
  if (!/^insert\b/i.test(text)) return text;
  const tokens = scanSql(text);
  let out = text;
  if (isWord(tokens[1], 'overwrite') && isWord(tokens[2], 'into')) out = blank(out, tokens[1]!.start, tokens[1]!.end);
  const returning = tokens.findIndex((t) => isWord(t, 'returning'));
  if (returning > 0) {
    const end = tokens.at(-1)?.text === ';' ? tokens.at(-1)!.start : text.length;
    out = blank(out, tokens[returning]!.start, end);
  }
  return out;
}
