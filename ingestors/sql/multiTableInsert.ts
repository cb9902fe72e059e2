/**
 * Oracle's and Snowflake's multi-table INSERT, which node-sql-parser refuses in every dialect:
 * `INSERT [OVERWRITE] ALL|FIRST [WHEN cond THEN] INTO t [(cols)] [VALUES (exprs)] ... [ELSE INTO
 * ...] subquery`. One job writing each target (as Hive's multi-insert): per INTO, its values (or
 * every column of the subquery) selected from the subquery, its WHEN condition as the WHERE (an
 * ELSE branch, or a later branch of INSERT FIRST, is also decided by the conditions before it).
 * Each part is parsed on its own in a copy of the statement with everything else blanked, `VALUES`
 * (six letters) or the statement's `INSERT` overwritten with `SELECT`, so an error in a part is at
 * the script's line and column.
 */
import { keepOnly } from './inPlaceText.js';
import { AstReader } from './readAst.js';
import type { ParseOutcome } from './parseStatement.js';
import type { Expr, Select, Write } from './queryModel.js';
import { isWord, qualifiedNameAt, scanSql, type SqlToken, statementTokens } from './sqlTokens.js';

export const MULTI_TABLE_INSERT = /^insert\s+(?:overwrite\s+)?(?:all|first)\b/i;

interface Branch {
  target: string;
  columns: string[];
  /** The VALUES keyword and its parenthesised list. */
  values?: { word: SqlToken; list: SqlToken };
  conditions: { start: number; end: number }[];
}

/** `text` with only [start, end) kept (and `SELECT` over `at`), every other character but line breaks a space. */
function only(text: string, start: number, end: number, at?: number): string {
  const kept = keepOnly(text, start, end);
  return at === undefined ? kept : `${kept.slice(0, at)}SELECT${kept.slice(at + 'SELECT'.length)}`;
}

function columnList(group: SqlToken): string[] {
  return scanSql(group.text.slice(1, -1))
    .filter((t) => t.kind === 'word' || t.kind === 'quoted')
    .map((t) => (t.kind === 'quoted' ? t.text.slice(1, -1) : t.text).toLowerCase());
}

/** The multi-table INSERT as one write per INTO, or undefined when the statement is not one this reads. */
export function parseMultiTableInsert(text: string, parse: (text: string) => ParseOutcome, defaultSchema: string | undefined): ParseOutcome | undefined {
  const tokens = statementTokens(text);
  if (!tokens) return undefined;
  let i = isWord(tokens[1], 'overwrite') ? 3 : 2;
  const first = isWord(tokens[i - 1], 'first');
  const branches: Branch[] = [];
  const earlier: { start: number; end: number }[] = [];
  let conditions: { start: number; end: number }[] = [];
  while (i < tokens.length && !isWord(tokens[i], 'select', 'with') && tokens[i]!.kind !== 'group') {
    if (isWord(tokens[i], 'when')) {
      const then = tokens.findIndex((t, k) => k > i && isWord(t, 'then'));
      if (then < 0 || then === i + 1) return undefined;
      const condition = { start: tokens[i + 1]!.start, end: tokens[then - 1]!.end };
      // INSERT FIRST: a row goes to the first branch whose condition holds, so the earlier ones decide too.
      conditions = first ? [...earlier, condition] : [condition];
      earlier.push(condition);
      i = then + 1;
    } else if (isWord(tokens[i], 'else')) {
      conditions = [...earlier];
      i++;
    } else if (isWord(tokens[i], 'into')) {
      const name = qualifiedNameAt(tokens, i + 1);
      if (!name) return undefined;
      i = name.next;
      const columns = tokens[i]?.kind === 'group' ? columnList(tokens[i++]!) : [];
      const values = isWord(tokens[i], 'values') && tokens[i + 1]?.kind === 'group' ? { word: tokens[i]!, list: tokens[i + 1]! } : undefined;
      if (values) i += 2;
      branches.push({ target: name.name, columns, ...(values ? { values } : {}), conditions });
    } else return undefined;
  }
  if (branches.length === 0 || i >= tokens.length) return undefined;
  const subquery = parse(only(text, tokens[i]!.start, text.length));
  if (!subquery.ok) return subquery;
  if (subquery.statement.kind !== 'read') return { ok: false, message: 'expected a query after the INTO clauses of a multi-table INSERT' };
  const source: Select = subquery.statement.query;
  const tables = new Set(subquery.tables);
  const names = new AstReader(defaultSchema);
  const part = (start: number, end: number, at: number): Extract<ParseOutcome, { ok: false }> | Select => {
    const parsed = parse(only(text, start, end, at));
    if (!parsed.ok) return parsed;
    return parsed.statement.kind === 'read' ? parsed.statement.query : { ok: false, message: 'expected expressions in a multi-table INSERT' };
  };
  const writes: Write[] = [];
  for (const branch of branches) {
    let items: Select['items'] = [{ expr: { kind: 'star' } }];
    if (branch.values) {
      const { word, list } = branch.values;
      // `VALUES (a, b)` as `SELECT  a, b `: the parentheses blanked, SELECT over VALUES.
      const selected = part(list.start + 1, list.end - 1, word.start);
      if ('ok' in selected) return selected;
      items = selected.items;
    }
    const filters: Expr[] = [];
    for (const condition of branch.conditions) {
      // The condition alone, `SELECT` over the statement's `INSERT`.
      const selected = part(condition.start, condition.end, 0);
      if ('ok' in selected) return selected;
      filters.push(...selected.items.map((item) => item.expr));
    }
    const target = names.qualify(branch.target);
    tables.add(target);
    const query: Select = { ctes: [], items, from: [{ kind: 'subquery', query: source, using: [] }], groupBy: [], orderBy: [], ...(filters.length ? { where: { kind: 'other', children: filters } } : {}) };
    writes.push({ kind: 'write', mode: 'insert', target, columns: branch.columns, query });
  }
  return { ok: true, statement: { kind: 'multiInsert', writes }, tables };
}
