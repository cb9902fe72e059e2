/**
 * ClickHouse's `[LEFT] ARRAY JOIN arr [AS a], expr AS b ...`: each row of the relations before it
 * once per element of the arrays, the name (`a`, or `arr` itself without AS) standing for the
 * element. For lineage that is Hive's `LATERAL VIEW explode(arr) t AS a`: `a` is a
 * DIRECT/TRANSFORMATION of the array's columns. The grammar (PostgreSQL's) has no ARRAY JOIN but
 * reads the same thing as a derived table that sees the relations before it, `CROSS JOIN
 * UNNEST(arr) AS a (a)`, which the analysis reads so (README: UNNEST in FROM). Without AS the
 * name is the column's (`ARRAY JOIN t.arr` names the element `arr`). The name hides a column of
 * the same name of the relations before it, as in ClickHouse (the derived table is marked
 * `shadows` after the parse): an unqualified `arr` is the element (a qualified `t.arr` is read as the table's column). Whether rows without elements are
 * kept (LEFT) changes no edge. The replacement is longer than what it replaces, so the statement
 * is edited (editedText.ts) and a parse error is mapped back to its place as written.
 *
 * An expression without a name (`ARRAY JOIN arrayEnumerate(arr)`, which ClickHouse itself names
 * by its text) refuses the statement with an error at its ARRAY JOIN (the grammar would take
 * `ARRAY` for an alias and the array for a table: a wrong edge). A Nested column's `n.field` after
 * `ARRAY JOIN n` is not followed (an element's field, which the stand-in cannot name).
 */
import { applyEdits, atWritten, type Edit, type EditedText } from './editedText.js';
import type { ParseOutcome } from './parseStatement.js';
import type { Select } from './queryModel.js';
import { mapStatementRelations } from './relationWalk.js';
import { eachLevel, isWord, lineColumn, type SqlToken, tryScanSql } from './sqlTokens.js';

export const ARRAY_JOIN_REFUSED = 'ClickHouse ARRAY JOIN of an expression without AS name is not read (the grammar would take the array for a table)';

/** Words after which an ARRAY JOIN's list has ended. */
const ENDS = new Set(['where', 'prewhere', 'group', 'order', 'limit', 'having', 'settings', 'format', 'union', 'array', 'left', 'inner', 'join', 'cross', 'full', 'right', 'any', 'all', 'global', 'window', 'qualify', 'intersect', 'except', 'on', 'using']);
const HINT = /\barray\s+join\b/i;

/** The name an unaliased item stands for: the last part of a column (`t.arr` is `arr`), else none. */
function implicitName(item: SqlToken[]): string | undefined {
  const names = item.every((t, i) => (i % 2 === 0 ? t.kind === 'word' || t.kind === 'quoted' : t.text === '.'));
  return names && item.length % 2 === 1 ? item.at(-1)!.text : undefined;
}

/** The edits of one ARRAY JOIN at `level[at]` (`LEFT` or `ARRAY`), its list up to the next clause; undefined when an item has no name. */
function arrayJoin(text: string, level: SqlToken[], at: number): Edit[] | undefined {
  const join = isWord(level[at], 'left') ? at + 2 : at + 1;
  let i = join + 1;
  const edits: Edit[] = [{ start: level[at]!.start, end: level[join]!.end, text: 'CROSS JOIN' }];
  while (i < level.length) {
    const start = i;
    while (i < level.length && level[i]!.text !== ',' && level[i]!.text !== ';' && !isWord(level[i], 'as') && !(level[i]!.kind === 'word' && ENDS.has(level[i]!.text.toLowerCase()))) i++;
    const item = level.slice(start, i);
    if (item.length === 0) return undefined;
    let name: string | undefined;
    let end = item.at(-1)!.end;
    if (isWord(level[i], 'as') && (level[i + 1]?.kind === 'word' || level[i + 1]?.kind === 'quoted')) {
      name = level[i + 1]!.text;
      end = level[i + 1]!.end;
      i += 2;
    } else name = implicitName(item);
    if (name === undefined) return undefined;
    // `[1, 2]` (an array literal, a quoted name to the scanner) is PostgreSQL's `ARRAY[1, 2]`.
    const array = item.length === 1 && item[0]!.text.startsWith('[') ? `ARRAY${item[0]!.text}` : text.slice(item[0]!.start, item.at(-1)!.end);
    edits.push({ start: item[0]!.start, end, text: `UNNEST(${array}) AS ${name} (${name})` });
    if (level[i]?.text !== ',') break;
    // A comma after a JOIN's ON condition would continue the condition for the grammar.
    edits.push({ start: level[i]!.start, end: level[i]!.end, text: ' CROSS JOIN' });
    i++;
  }
  return edits;
}

/**
 * The statement with its ARRAY JOINs written as UNNEST derived tables, undefined when it has none,
 * or the offset of the first one not read.
 */
export function rewriteArrayJoins(text: string): (EditedText & { names: ReadonlySet<string> }) | { refused: number } | undefined {
  if (!HINT.test(text)) return undefined;
  const tokens = tryScanSql(text);
  if (!tokens) return undefined;
  const edits: Edit[] = [];
  let refused: number | undefined;
  eachLevel(text, tokens, (level) => {
    level.forEach((token, i) => {
      if (!isWord(token, 'array') || !isWord(level[i + 1], 'join')) return;
      const found = arrayJoin(text, level, isWord(level[i - 1], 'left') ? i - 1 : i);
      if (found) edits.push(...found);
      else refused = Math.min(refused ?? token.start, token.start);
    });
  });
  if (refused !== undefined) return { refused };
  if (edits.length === 0) return undefined;
  const names = new Set(edits.flatMap((e) => /^UNNEST\(.*\) AS (\S+) \(\1\)$/s.exec(e.text)?.[1] ?? []).map((n) => n.replace(/^["`](.*)["`]$/, '$1').toLowerCase()));
  return { ...applyEdits(text, edits), names };
}

/** Parses the statement with its ARRAY JOINs rewritten; an error at its place in the statement as written. */
export function parseWithArrayJoins(parse: (text: string) => ParseOutcome, text: string): ParseOutcome {
  const rewritten = rewriteArrayJoins(text);
  if (!rewritten) return parse(text);
  if ('refused' in rewritten) return { ok: false, message: ARRAY_JOIN_REFUSED, ...lineColumn(text, rewritten.refused) };
  const outcome = atWritten(parse(rewritten.text), rewritten, text);
  if (!outcome.ok) return outcome;
  // The element's name hides a column of the same name of the tables joined (`ARRAY JOIN tags`: `tags` is the element).
  const statement = mapStatementRelations(outcome.statement, (r) => (r.kind === 'subquery' && r.alias !== undefined && rewritten.names.has(r.alias) && isUnnest(r.query) ? { ...r, shadows: true } : r));
  return { ...outcome, statement };
}

/** The derived table `UNNEST(x) AS a (a)` reads as: one item, a call of unnest. */
function isUnnest(query: Select): boolean {
  const only = query.items.length === 1 ? query.items[0]!.expr : undefined;
  return only?.kind === 'call' && only.name === 'unnest' && query.from.length === 0;
}
