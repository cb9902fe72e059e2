/**
 * Oracle's PIVOT / UNPIVOT, which the PostgreSQL grammar (Oracle's, dialects.ts) refuses and no
 * grammar reads in Oracle's form (`IN ('A' AS a, 'B' AS b)`, several aggregates): the clause is
 * recognised over the shallow scanner and replaced in place by an alias (the one written after
 * it, else a stand-in `"pv.<n>"`), so the grammar reads the relation before it; the relation of
 * that alias is then rotated with pivot.ts' reading, the same as T-SQL's and Snowflake's PIVOT.
 *
 * - `R PIVOT (agg(x) [[AS] s], ... FOR c | (c1, c2) IN (v [[AS] a], (v1, v2) [[AS] a], ...))`: a
 *   value column per listed value, named by its alias, else by the value lower-cased without
 *   quotes (Oracle itself names it `'A'`; several values joined by `_`), and with several
 *   aggregates `<value>_<aggregate alias>`, as Oracle names them; each an AGGREGATION of `x` with
 *   `c` INDIRECT/CONDITIONAL to it; the other columns of R kept and grouped by.
 * - `R UNPIVOT [INCLUDE|EXCLUDE NULLS] (v FOR n IN (c1 [AS 'x'], c2, ...))`: `v` an IDENTITY of
 *   each listed column, `n` a value. A multi-column UNPIVOT (`(v1, v2) FOR ...`) and PIVOT XML are
 *   not recognised (the grammar's error stands).
 */
import { InPlaceText } from './inPlaceText.js';
import { parseStatement } from './parseStatement.js';
import { pivotQuery, rotationQuery } from './pivot.js';
import { mapStatementRelations } from './relationWalk.js';
import type { Expr, Relation, Select, Statement } from './queryModel.js';
import { commaSeparated, eachLevel, identifierName, isWord, scanSql, stringLiteral, type SqlToken, tryScanSql } from './sqlTokens.js';

/** A recognised clause: what to parse of it, and the output names. */
type Clause =
  | { kind: 'pivot'; aggregates: { text: string; alias?: string }[]; column: string; values: string[] }
  | { kind: 'unpivot'; value: string; name: string; columns: string[] };

/** The relation (by alias) each clause rotates, the alias a stand-in or written. */
export type OracleRotations = ReadonlyMap<string, { rotate: (inner: Relation) => Select; standIn: boolean }>;

function split(tokens: SqlToken[]): SqlToken[][] {
  return commaSeparated(tokens).filter((part) => part.length > 0);
}

/** `expr [AS] alias`: the expression's tokens and the alias, when the last word follows a complete expression. */
function aliased(part: SqlToken[]): { expr: SqlToken[]; alias?: string } {
  const last = part.at(-1)!;
  if (part.length >= 3 && isWord(part.at(-2), 'as')) return { expr: part.slice(0, -2), alias: identifierName(last) };
  if (part.length >= 2 && (last.kind === 'word' || last.kind === 'quoted') && part.at(-2)!.kind !== 'punct') return { expr: part.slice(0, -1), alias: identifierName(last) };
  return { expr: part };
}

const literalName = (token: SqlToken): string => (token.kind === 'string' ? stringLiteral(token) : token.text).toLowerCase();

function pivotClause(text: string, group: SqlToken): Clause | undefined {
  const inner = scanSql(text, group.start + 1, group.end - 1);
  const forAt = inner.findIndex((t) => isWord(t, 'for'));
  const inAt = inner.findIndex((t, i) => i > forAt && isWord(t, 'in'));
  const list = inner[inAt + 1];
  if (forAt < 1 || inAt !== forAt + 2 || list?.kind !== 'group' || inner.length !== inAt + 2) return undefined;
  const aggregates = split(inner.slice(0, forAt)).map((part) => {
    const { expr, alias } = aliased(part);
    return { text: text.slice(expr[0]!.start, expr.at(-1)!.end), ...(alias ? { alias } : {}) };
  });
  if (aggregates.length > 1 && aggregates.some((a) => !a.alias)) return undefined;
  const values: string[] = [];
  for (const part of split(scanSql(text, list.start + 1, list.end - 1))) {
    const { expr, alias } = aliased(part);
    if (expr.length !== 1) return undefined;
    const value = expr[0]!;
    const name = alias ?? (value.kind === 'group' ? scanSql(text, value.start + 1, value.end - 1).filter((t) => t.text !== ',').map(literalName).join('_') : literalName(value));
    for (const aggregate of aggregates) values.push(aggregates.length > 1 ? `${name}_${aggregate.alias}` : name);
  }
  const column = inner[forAt + 1]!;
  return { kind: 'pivot', aggregates, column: column.kind === 'group' ? column.text.slice(1, -1) : column.text, values };
}

function unpivotClause(text: string, group: SqlToken): Clause | undefined {
  const inner = scanSql(text, group.start + 1, group.end - 1);
  const [value, forWord, name, inWord, list] = inner;
  const isName = (t: SqlToken | undefined) => t?.kind === 'word' || t?.kind === 'quoted';
  if (inner.length !== 5 || !isName(value) || !isWord(forWord, 'for') || !isName(name) || !isWord(inWord, 'in') || list?.kind !== 'group') return undefined;
  const columns: string[] = [];
  for (const part of split(scanSql(text, list.start + 1, list.end - 1))) {
    const column = part[0]!;
    if (!isName(column) || (part.length > 1 && !(part.length === 3 && isWord(part[1], 'as')))) return undefined;
    columns.push(identifierName(column));
  }
  return { kind: 'unpivot', value: identifierName(value!), name: identifierName(name!), columns };
}

/** The expressions of a pivot's aggregates and FOR column, read by the grammar the statement is read with. */
function pivotExprs(clause: Extract<Clause, { kind: 'pivot' }>): { aggregates: Extract<Expr, { kind: 'call' }>[]; column: Expr } | undefined {
  const parsed = parseStatement(`SELECT ${[...clause.aggregates.map((a) => a.text), `(${clause.column})`].join(', ')}`, 'postgresql');
  if (!parsed.ok || parsed.statement.kind !== 'read') return undefined;
  const exprs = parsed.statement.query.items.map((item) => item.expr);
  const aggregates = exprs.slice(0, -1);
  if (!aggregates.every((e): e is Extract<Expr, { kind: 'call' }> => e.kind === 'call')) return undefined;
  return { aggregates, column: exprs.at(-1)! };
}

function rotation(clause: Clause): ((inner: Relation) => Select) | undefined {
  if (clause.kind === 'unpivot') return (inner) => rotationQuery(inner, clause);
  const exprs = pivotExprs(clause);
  if (!exprs) return undefined;
  return (inner) => pivotQuery(inner, exprs.aggregates, exprs.column, clause.values);
}

/** The statement with its PIVOT / UNPIVOT clauses replaced by aliases, and what each alias rotates. */
export function oraclePivots(text: string): { text: string; rotations: OracleRotations } | undefined {
  if (!/\b(?:un)?pivot\b/i.test(text)) return undefined;
  const tokens = tryScanSql(text);
  if (!tokens) return undefined;
  const out = new InPlaceText(text);
  const rotations = new Map<string, { rotate: (inner: Relation) => Select; standIn: boolean }>();
  eachLevel(text, tokens, (level) => {
    level.forEach((token, i) => {
      const pivot = isWord(token, 'pivot');
      if (!pivot && !isWord(token, 'unpivot')) return;
      let g = i + 1;
      if (!pivot && isWord(level[g], 'include', 'exclude') && isWord(level[g + 1], 'nulls')) g += 2;
      const group = level[g];
      const before = level[i - 1];
      if (group?.kind !== 'group' || !(before?.kind === 'word' || before?.kind === 'quoted' || before?.kind === 'group')) return;
      const clause = pivot ? pivotClause(text, group) : unpivotClause(text, group);
      const rotate = clause && rotation(clause);
      if (!rotate) return;
      // The alias written after the clause names the rotated relation; else a stand-in does.
      const after = level[g + 1];
      const written = isWord(after, 'as') ? level[g + 2] : after?.kind === 'word' && !isWord(after, 'where', 'group', 'order', 'union', 'join', 'left', 'right', 'inner', 'full', 'cross', 'on', 'minus', 'connect', 'start', 'fetch', 'intersect', 'except', 'having') ? after : after?.kind === 'quoted' ? after : undefined;
      const alias = written ? identifierName(written) : `pv.${rotations.size}`;
      out.put(token.start, group.end, written ? '' : `"${alias}"`);
      rotations.set(alias, { rotate, standIn: !written });
    });
  });
  return rotations.size === 0 ? undefined : { text: out.result(), rotations };
}

/** The parsed statement with each relation an alias of `rotations` names rotated. */
export function rotateRelations(statement: Statement, rotations: OracleRotations): Statement {
  return mapStatementRelations(statement, (read) => {
    const rotation = read.alias === undefined ? undefined : rotations.get(read.alias);
    if (!rotation) return read;
    const { alias, join, using, natural: _natural, ...inner } = read;
    return { kind: 'subquery', query: rotation.rotate({ ...inner, using: [] } as Relation), using, ...(rotation.standIn ? {} : { alias }), ...(join ? { join } : {}) };
  });
}
