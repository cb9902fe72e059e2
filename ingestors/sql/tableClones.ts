/**
 * `CREATE [OR REPLACE] [TRANSIENT | TEMPORARY ...] TABLE [IF NOT EXISTS] t [SHALLOW | DEEP] CLONE s
 * [AT | BEFORE (...) | FOR SYSTEM_TIME AS OF ...]` (Snowflake, BigQuery, Databricks), which
 * node-sql-parser refuses: the new table holds the source's rows, so it is read as `CREATE TABLE
 * t AS SELECT * FROM s`, column by column where the source's columns are known (an earlier
 * statement, the graph, a live PostgreSQL), else the dataset-level `* -> *`. A time-travel clause
 * names which version of `s` is copied, not another table.
 */
import type { ParseOutcome } from './parseStatement.js';
import { AstReader } from './readAst.js';
import { isWord, qualifiedNameAt, scanSql, SqlScanError } from './sqlTokens.js';

export const TABLE_CLONE = /^create\s[^;]*?\btable\b[^;(]*?\bclone\s/i;

const MODIFIERS = new Set(['or', 'replace', 'transient', 'temporary', 'temp', 'volatile', 'global', 'local']);

function clone(text: string): { target: string; source: string } | undefined {
  const tokens = scanSql(text);
  let i = 1;
  while (isWord(tokens[i], ...MODIFIERS)) i++;
  if (!isWord(tokens[i], 'table')) return undefined;
  i++;
  if (isWord(tokens[i], 'if')) i += 3;
  const target = qualifiedNameAt(tokens, i);
  if (!target) return undefined;
  i = target.next;
  if (isWord(tokens[i], 'shallow', 'deep')) i++;
  if (!isWord(tokens[i], 'clone')) return undefined;
  const source = qualifiedNameAt(tokens, i + 1);
  return source ? { target: target.name, source: source.name } : undefined;
}

export function parseTableClone(text: string, defaultSchema?: string): ParseOutcome | undefined {
  let found: { target: string; source: string } | undefined;
  try {
    found = clone(text);
  } catch (error) {
    if (!(error instanceof SqlScanError)) throw error;
  }
  if (!found) return undefined;
  const names = new AstReader(defaultSchema);
  const target = names.qualify(found.target);
  const source = names.qualify(found.source);
  return {
    ok: true,
    statement: {
      kind: 'write',
      mode: 'ctas',
      target,
      columns: [],
      query: { ctes: [], items: [{ expr: { kind: 'star' } }], from: [{ kind: 'table', name: source, using: [] }], groupBy: [], orderBy: [] },
    },
    tables: new Set([target, source]),
  };
}
