/**
 * Standard SQL clauses node-sql-parser 5.x refuses, rewritten for it (by syntaxRewrites.ts, so each
 * replacement is padded to the length of what it replaces and errors keep their line and column):
 * - `[OFFSET m {ROW|ROWS}] FETCH {FIRST|NEXT} [n] {ROW|ROWS} ONLY` becomes `[OFFSET m] LIMIT n`
 *   (`n` is 1 when omitted, as the standard has it): the same rows. `WITH TIES` (which may return
 *   more) is left as it is, and so refused. Not in T-SQL, whose grammar reads OFFSET/FETCH and has
 *   no LIMIT.
 * - `NATURAL [INNER|LEFT|RIGHT|FULL] [OUTER] JOIN` loses its NATURAL: the grammars refuse it after
 *   an aliased table and, unaliased, take NATURAL for the table's alias. The join then has no ON
 *   and no USING, which the AST reader reads as a natural join when the statement held one
 *   (`hasNaturalJoin`); the lineage analysis finds its columns (naturalJoin.ts).
 */
import { isWord, scanSql, type SqlToken } from './sqlTokens.js';

export interface Replacement {
  start: number;
  end: number;
  text: string;
}

const JOIN_KINDS = new Set(['inner', 'left', 'right', 'full']);
const NATURAL_JOIN = /\bnatural\s+(?:(?:inner|left|right|full)\s+)?(?:outer\s+)?join\b/i;

/** Cheap test: whether the statement may hold a NATURAL JOIN (then it is always rewritten and read as one). */
export function hasNaturalJoin(text: string): boolean {
  return NATURAL_JOIN.test(text);
}

/** `NATURAL` at `i` when a join follows it. */
function naturalAt(tokens: SqlToken[], i: number): boolean {
  if (!isWord(tokens[i], 'natural')) return false;
  let j = i + 1;
  if (tokens[j]?.kind === 'word' && JOIN_KINDS.has(tokens[j]!.text.toLowerCase())) j++;
  if (isWord(tokens[j], 'outer')) j++;
  return isWord(tokens[j], 'join');
}

/**
 * `FETCH FIRST|NEXT [n] ROW|ROWS ONLY` at `i` as replacements token by token (a line break may
 * stand between them): FETCH becomes LIMIT, FIRST the count when there is none, the rest spaces.
 */
function fetchAt(tokens: SqlToken[], i: number): Replacement[] | undefined {
  if (!isWord(tokens[i], 'fetch') || !isWord(tokens[i + 1], 'first', 'next')) return undefined;
  const counted = !isWord(tokens[i + 2], 'row', 'rows');
  if (counted && tokens[i + 2]?.kind !== 'word' && tokens[i + 2]?.kind !== 'group') return undefined;
  const rows = counted ? i + 3 : i + 2;
  if (!isWord(tokens[rows], 'row', 'rows') || !isWord(tokens[rows + 1], 'only')) return undefined;
  const blank = (token: SqlToken): Replacement => ({ start: token.start, end: token.end, text: '' });
  return [
    { start: tokens[i]!.start, end: tokens[i]!.end, text: 'LIMIT' },
    { start: tokens[i + 1]!.start, end: tokens[i + 1]!.end, text: counted ? '' : '1' },
    blank(tokens[rows]!),
    blank(tokens[rows + 1]!),
  ];
}

/** The replacements for one level of tokens and, recursively, for the groups in it. */
export function standardClauseRewrites(text: string, tokens: SqlToken[], database: string): Replacement[] {
  const replacements: Replacement[] = [];
  tokens.forEach((token, i) => {
    if (naturalAt(tokens, i)) replacements.push({ start: token.start, end: token.end, text: '' });
    const fetch = database === 'transactsql' ? undefined : fetchAt(tokens, i);
    if (fetch) {
      replacements.push(...fetch);
      // `OFFSET m ROW|ROWS` just before: `OFFSET m`, which the grammars read before a LIMIT too.
      if (isWord(tokens[i - 3], 'offset') && isWord(tokens[i - 1], 'row', 'rows')) replacements.push({ start: tokens[i - 1]!.start, end: tokens[i - 1]!.end, text: '' });
    }
    if (token.kind === 'group') replacements.push(...standardClauseRewrites(text, scanSql(text, token.start + 1, token.end - 1), database));
  });
  return replacements;
}
