/**
 * `CREATE TABLE` forms node-sql-parser refuses, read over the shallow scanner (sqlTokens.ts). Tried
 * only after every grammar has refused the statement, so what the parser reads costs nothing more.
 * - `CREATE [OR REPLACE] [TEMP ...] TABLE [IF NOT EXISTS] t (col type [constraints], ...) [options]`
 *   with a dialect's own types (`STRING`, `VARIANT`, `INT64`, `NUMBER(18,6)`...) the grammar lacks:
 *   the table and its columns, each with its type as written (the words before any size or
 *   constraint, lower-cased), as a DDL statement the parser read would give them. An item that is
 *   neither a column with a type nor a table constraint leaves the grammar's error standing.
 * - `CREATE TABLE t LIKE s` (MySQL, Snowflake, Hive, Spark, ANSI) and `CREATE TABLE t (LIKE s ...)`
 *   (PostgreSQL): `t` is made from `s`'s definition, so `s` is read and `t` written, table level
 *   only: no row and no value flows (README, decisions).
 */
import type { FieldDef } from '../../graph-model/model.js';
import type { ParseOutcome } from './parseStatement.js';
import { likeTable } from './queryModel.js';
import { AstReader } from './readAst.js';
import { commaSeparated, qualifiedNameAt, isWord, identifierName, scanSql, SqlScanError, type SqlToken } from './sqlTokens.js';

export const TABLE_DEFINITION = /^create\s[^;]*?\btable\b/i;

const MODIFIERS = new Set(['or', 'replace', 'transient', 'temporary', 'temp', 'volatile', 'global', 'local', 'external', 'unlogged', 'multiset', 'set']);
/** Words that end a column's type: its constraints, defaults and options. */
const AFTER_TYPE = new Set([
  'not', 'null', 'default', 'primary', 'unique', 'references', 'check', 'constraint', 'collate', 'comment', 'generated',
  'identity', 'auto_increment', 'autoincrement', 'options', 'masking', 'with', 'as', 'encode', 'distkey', 'sortkey', 'character', 'charset',
]);
/** Items of the column list that are table constraints, not columns. */
const TABLE_CONSTRAINTS = new Set(['primary', 'unique', 'constraint', 'foreign', 'check', 'index', 'key', 'fulltext', 'spatial', 'exclude', 'period']);

/** The comma-separated items of a group's inside (an empty one where two commas meet). */
function items(text: string, group: SqlToken): SqlToken[][] {
  return commaSeparated(scanSql(text, group.start + 1, group.end - 1));
}

function column(item: SqlToken[]): FieldDef | undefined {
  const [first, ...rest] = item;
  if (!first || (first.kind !== 'word' && first.kind !== 'quoted')) return undefined;
  const typeWords: string[] = [];
  for (const token of rest) {
    if (token.kind !== 'word' || AFTER_TYPE.has(token.text.toLowerCase())) break;
    typeWords.push(token.text.toLowerCase());
  }
  const name = identifierName(first);
  return typeWords.length > 0 ? { name, type: typeWords.join(' ') } : { name };
}

type Found = { target: string; fields: FieldDef[] } | { target: string; like: string };

function definition(text: string): Found | undefined {
  const tokens = scanSql(text);
  let i = 1;
  while (isWord(tokens[i], ...MODIFIERS)) i++;
  if (!isWord(tokens[i], 'table')) return undefined;
  i++;
  if (isWord(tokens[i], 'if') && isWord(tokens[i + 1], 'not') && isWord(tokens[i + 2], 'exists')) i += 3;
  const target = qualifiedNameAt(tokens, i);
  if (!target) return undefined;
  i = target.next;
  if (isWord(tokens[i], 'like')) {
    const source = qualifiedNameAt(tokens, i + 1);
    return source ? { target: target.name, like: source.name } : undefined;
  }
  const group = tokens[i];
  if (group?.kind !== 'group') return undefined;
  // A query after the definition (`CREATE TABLE t (a INT) AS SELECT ...`) is a CTAS, not for this reader.
  const rest = tokens.slice(i + 1);
  if (rest.some((t, k) => isWord(t, 'as') && (isWord(rest[k + 1], 'select', 'with') || rest[k + 1]?.kind === 'group'))) return undefined;
  const list = items(text, group);
  const like = list.length === 1 && isWord(list[0]![0], 'like') ? qualifiedNameAt(list[0]!, 1) : undefined;
  if (like) return { target: target.name, like: like.name };
  // Every item a column with a type or a table constraint; anything else leaves the grammar's error standing.
  const columns = list.filter((item) => !(item[0]?.kind === 'word' && TABLE_CONSTRAINTS.has(item[0].text.toLowerCase())));
  const fields = columns.map(column);
  if (fields.length === 0 || fields.some((f) => f?.type === undefined)) return undefined;
  return { target: target.name, fields: fields as FieldDef[] };
}

/** The statement as a table definition, or undefined when it is not one of the forms above. */
export function parseTableDefinition(text: string, defaultSchema?: string): ParseOutcome | undefined {
  let found: Found | undefined;
  try {
    found = definition(text);
  } catch (error) {
    if (!(error instanceof SqlScanError)) throw error;
  }
  if (!found) return undefined;
  const names = new AstReader(defaultSchema);
  const target = names.qualify(found.target);
  if ('fields' in found) return { ok: true, statement: { kind: 'ddl', target, fields: found.fields }, tables: new Set([target]) };
  const source = names.qualify(found.like);
  return { ok: true, statement: likeTable(target, source), tables: new Set([target, source]) };
}
