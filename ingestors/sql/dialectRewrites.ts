/**
 * Dialects without a node-sql-parser grammar of their own (dialects.ts) are read with the grammar
 * that refused the fewest of their forms. What is specific to them and that grammar lacks is
 * rewritten here, before the statement is parsed, every character kept where it was (a removal
 * becomes spaces, a replacement is padded), so a parse error is at the script's line and column.
 * Each rewrite changes nothing lineage depends on:
 * - Oracle: the outer-join marker `(+)` is blanked (the condition's columns are read as
 *   written; whether the join keeps unmatched rows changes no edge); `MINUS` is `UNION` (a set
 *   operation is its branches chained, setOperators.ts); the pseudo-columns `ROWNUM`, `SYSDATE`,
 *   `SYSTIMESTAMP` and a sequence's `s.NEXTVAL` / `s.CURRVAL` are the literal `0` (values, not
 *   columns of a table in scope); `START WITH c` / `CONNECT BY [NOCYCLE] [PRIOR] c` become a WHERE
 *   / AND over the same conditions (which rows the hierarchy holds: INDIRECT/FILTER), `PRIOR` and
 *   `LEVEL` (a value) blanked.
 * - ClickHouse: `FINAL` after a table (read merged rows), `SETTINGS k = v, ...` and `FORMAT f` at
 *   the end of a query (how it runs, how rows are printed) are blanked; `PREWHERE c` becomes
 *   `WHERE c` and a WHERE after it `AND` (both filter the rows); `LIMIT n BY cols` loses its `BY
 *   cols` (rows kept per key: those columns are not read as edges). `ARRAY JOIN` is written out
 *   before (arrayJoins.ts).
 * - Teradata: a CTAS's `WITH [NO] DATA [PRIMARY INDEX (...)]` and `SELECT TOP n` are blanked (which
 *   rows and how they are stored, not where they come from), a cast written `x (DATE)` /
 *   `x (FORMAT 'YYYY')` becomes `x ::INT` (the grammar would call a function `x` over a column `date`).
 * - Exasol: `local.` before a select-list alias is blanked (the alias reference is then read as
 *   a lateral alias, README); CONNECT BY as Oracle's.
 */
import type { AssetLocation } from './dtsql/assetLocations.js';
import { InPlaceText } from './inPlaceText.js';
import { clickhouseTableFunctions } from './tableFunctions.js';
import { oraclePivots, type OracleRotations } from './oraclePivot.js';
import { setOperatorsAs } from './setOperators.js';
import { eachLevel, isWord, lineColumn, type SqlToken, tryScanSql } from './sqlTokens.js';

/**
 * The statement for the grammar, with the datasets outside the script's namespace that names in it
 * stand for (`locations`, ClickHouse table functions), or why it is not read (`offset`: where in
 * the statement).
 */
export type DialectRewrite = (text: string) => string | Rewritten | { refused: string; offset: number };

/** A rewritten statement and what the reading of its parse needs: datasets by stand-in name, Oracle's rotations by alias. */
export interface Rewritten {
  text: string;
  locations?: ReadonlyMap<string, AssetLocation>;
  rotations?: OracleRotations;
}


const ORACLE_VALUES = new Set(['rownum', 'sysdate', 'systimestamp']);
const ORACLE_HINT = /\(\s*\+\s*\)|\b(?:minus|rownum|sysdate|systimestamp|nextval|currval|connect)\b/i;

function oracle(written: string): string | Rewritten {
  const pivots = oraclePivots(written);
  const text = oracleForms(pivots?.text ?? written);
  return pivots ? { text, rotations: pivots.rotations } : text;
}

function oracleForms(text: string): string {
  if (!ORACLE_HINT.test(text)) return text;
  const tokens = tryScanSql(text);
  if (!tokens) return text;
  const out = new InPlaceText(text);
  eachLevel(text, tokens, (level) => {
    const hierarchical = level.some((t) => isWord(t, 'connect'));
    level.forEach((token, i) => {
      const before = level[i - 1];
      const after = level[i + 1];
      if (token.kind === 'group' && /^\(\s*\+\s*\)$/.test(token.text)) out.put(token.start, token.end);
      else if (token.kind === 'word' && ORACLE_VALUES.has(token.text.toLowerCase()) && before?.text !== '.' && after?.text !== '.' && after?.kind !== 'group') out.put(token.start, token.end, '0');
      // `seq.NEXTVAL`: the whole qualified name is the value.
      else if (isWord(token, 'nextval', 'currval') && before?.text === '.') {
        let first = i - 2;
        while (level[first - 1]?.text === '.' && (level[first - 2]?.kind === 'word' || level[first - 2]?.kind === 'quoted')) first -= 2;
        if (level[first]?.kind === 'word' || level[first]?.kind === 'quoted') out.put(level[first]!.start, token.end, '0');
      } else if (hierarchical) hierarchy(level, i, out);
    });
  });
  return setOperatorsAs(out.result(), new Set(['minus']));
}

/** Only the hierarchy clause's rewrite (Exasol has Oracle's CONNECT BY). */
function hierarchical(text: string): string {
  const tokens = tryScanSql(text);
  if (!tokens) return text;
  const out = new InPlaceText(text);
  eachLevel(text, tokens, (level) => {
    if (level.some((t) => isWord(t, 'connect'))) level.forEach((_, i) => hierarchy(level, i, out));
  });
  return out.result();
}

/** `START WITH c` and `CONNECT BY [NOCYCLE] c`: the first becomes WHERE unless the query has one, the other AND. */
function hierarchy(level: SqlToken[], i: number, out: InPlaceText): void {
  const token = level[i]!;
  const head = (isWord(token, 'start') && isWord(level[i + 1], 'with')) || (isWord(token, 'connect') && isWord(level[i + 1], 'by'));
  if (head) {
    const select = level.slice(0, i).findLastIndex((t) => isWord(t, 'select'));
    const filtered = level.slice(select + 1, i).some((t) => isWord(t, 'where') || isWord(t, 'start', 'connect'));
    const end = isWord(level[i + 2], 'nocycle') ? level[i + 2]!.end : level[i + 1]!.end;
    out.put(token.start, end, filtered ? 'AND' : 'WHERE');
  } else if (isWord(token, 'prior') || (isWord(token, 'level') && level[i - 1]?.text !== '.' && level[i + 1]?.text !== '.')) {
    out.put(token.start, token.end, isWord(token, 'level') ? '0' : '');
  }
}

/** Words that may follow a table's FINAL (so FINAL is the modifier, not a column or alias named `final`). */
const AFTER_FINAL = new Set(['where', 'prewhere', 'group', 'order', 'limit', 'settings', 'format', 'join', 'inner', 'left', 'right', 'full', 'cross', 'array', 'any', 'all', 'global', 'sample', 'union', 'having', 'window', 'on', 'using', 'as']);
const CLICKHOUSE_HINT = /\b(?:final|settings|format|prewhere|by|array)\b/i;

function clickhouse(written: string): ReturnType<DialectRewrite> {
  const functions = clickhouseTableFunctions(written);
  if ('refused' in functions) return functions;
  const text = clauses(functions.text);
  if (functions.locations.size === 0) return text;
  return { text, locations: functions.locations };
}

function clauses(text: string): string {
  if (!CLICKHOUSE_HINT.test(text)) return text;
  const tokens = tryScanSql(text);
  if (!tokens) return text;
  const out = new InPlaceText(text);
  eachLevel(text, tokens, (level) => {
    const end = level.at(-1)?.text === ';' ? level.length - 1 : level.length;
    let prewhere = false;
    for (let i = 0; i < end; i++) {
      const token = level[i]!;
      const before = level[i - 1];
      const after = level[i + 1];
      if (isWord(token, 'final') && (before?.kind === 'word' || before?.kind === 'quoted') && !isWord(before, 'select', 'as') && (i + 1 >= end || after?.text === ',' || AFTER_FINAL.has(after?.kind === 'word' ? after.text.toLowerCase() : ''))) out.put(token.start, token.end);
      else if (isWord(token, 'settings', 'format') && i > 0 && (after?.kind === 'word' || after?.kind === 'quoted') && (isWord(token, 'format') ? i + 2 >= end : level[i + 2]?.text === '=')) {
        // The rest of the query, up to a FORMAT after SETTINGS (blanked the same way).
        out.put(token.start, level[end - 1]!.end);
        break;
      } else if (isWord(token, 'prewhere')) {
        prewhere = true;
        out.put(token.start, token.end, '   WHERE');
      } else if (isWord(token, 'where') && prewhere) out.put(token.start, token.end, 'AND');
      else if (isWord(token, 'by') && i >= 2 && isWord(level[i - 2], 'limit')) {
        let stop = i + 1;
        while (stop < end && !isWord(level[stop], 'limit', 'settings', 'format', 'union', 'offset')) stop++;
        out.put(token.start, level[stop - 1]!.end);
        i = stop - 1;
      }
    }
  });
  return out.result();
}

/** `parse` over the dialect's rewrite of the statement; a refusal is a parse failure at its line and column. */
export function parseRewritten<T>(rewrite: DialectRewrite, text: string, parse: (text: string, rewritten?: Rewritten) => T, refuse: (message: string, line: number, column: number) => T): T {
  const rewritten = rewrite(text);
  if (typeof rewritten === 'string') return parse(rewritten);
  if ('text' in rewritten) return parse(rewritten.text, rewritten);
  const { line, column } = lineColumn(text, rewritten.offset);
  return refuse(rewritten.refused, line, column);
}

const TERADATA_HINT = /\b(?:data|top)\b|\(\s*(?:date|time|timestamp|integer|int|smallint|bigint|byteint|decimal|char|varchar|float|format|title)\b/i;
const TYPE = "(?:date|time|timestamp(?:\\s*\\(\\s*\\d+\\s*\\))?|integer|int|smallint|bigint|byteint|float|decimal(?:\\s*\\(\\s*\\d+\\s*(?:,\\s*\\d+\\s*)?\\))?|char(?:\\s*\\(\\s*\\d+\\s*\\))?|varchar\\s*\\(\\s*\\d+\\s*\\))";
const ATTRIBUTE = "(?:format|title)\\s+'[^']*'";
const TERADATA_CAST = new RegExp(`^\\(\\s*(?:${TYPE}(?:\\s*,\\s*${ATTRIBUTE})?|${ATTRIBUTE})\\s*\\)$`, 'i');

/** Teradata: a CTAS's trailing `WITH [NO] DATA [AND [NO] STATISTICS|STATS] [[UNIQUE] PRIMARY INDEX (cols)]`, `SELECT TOP n` and `x (TYPE)` casts blanked. */
function teradata(text: string): string {
  if (!TERADATA_HINT.test(text)) return text;
  const tokens = tryScanSql(text);
  if (!tokens) return text;
  const out = new InPlaceText(text);
  if (isWord(tokens[0], 'create')) {
    const at = tokens.findIndex((t, i) => isWord(t, 'with') && (isWord(tokens[i + 1], 'data') || (isWord(tokens[i + 1], 'no') && isWord(tokens[i + 2], 'data'))));
    const end = tokens.at(-1)?.text === ';' ? tokens.length - 1 : tokens.length;
    if (at > 0 && tokens.slice(at, end).every((t) => t.kind === 'word' || t.kind === 'group' || t.text === ',')) out.put(tokens[at]!.start, tokens[end - 1]!.end);
  }
  eachLevel(text, tokens, (level) => {
    level.forEach((token, i) => {
      const before = level[i - 1];
      // `ts (DATE)`, `amount (DECIMAL(18,2), FORMAT '9.99')`: a cast, not a call of a function `ts`; `ts ::INT` is one the grammar reads.
      if (token.kind === 'group' && TERADATA_CAST.test(token.text) && (before?.kind === 'word' || before?.kind === 'quoted' || before?.text === ')') && !isWord(before, 'select', 'as', 'in', 'values', 'exists')) out.put(token.start, token.end, '::INT');
      const count = level[i + 1];
      if (isWord(token, 'top') && isWord(level[i - 1], 'select', 'distinct') && count && /^\d+$/.test(count.text)) out.put(token.start, count.end);
    });
  });
  return out.result();
}

/** Exasol: `local.alias` names an item of the same select list; without `local.` it is the lateral alias reference the analysis reads. */
function exasol(text: string): string {
  if (/\bconnect\b/i.test(text)) text = hierarchical(text);
  if (!/\blocal\s*\./i.test(text)) return text;
  const tokens = tryScanSql(text);
  if (!tokens) return text;
  const out = new InPlaceText(text);
  eachLevel(text, tokens, (level) => {
    level.forEach((token, i) => {
      if (isWord(token, 'local') && level[i + 1]?.text === '.' && level[i + 2]?.kind !== undefined && level[i - 1]?.text !== '.') out.put(token.start, level[i + 1]!.end);
    });
  });
  return out.result();
}

const REWRITES: Record<string, DialectRewrite> = { oracle, clickhouse, teradata, exasol };

/** The rewrite for a dialect name as the user wrote it (dialects.ts' names), or undefined when it has none. */
export function dialectRewrite(dialect: string): DialectRewrite | undefined {
  return REWRITES[dialect.trim().toLowerCase()];
}
