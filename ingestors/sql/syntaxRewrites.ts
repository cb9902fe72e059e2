/**
 * Rewrites of a statement's text for node-sql-parser that keep every character where it was (a
 * replacement is padded to the length of what it replaces, a removal becomes spaces), so that a
 * parse error in the rewritten text is at the line and column of the script. Each rewrite turns
 * syntax the parser refuses, or reads without the lineage in it, into syntax it reads, and
 * changes nothing lineage depends on:
 * - the type of `CAST(x AS type)` / `TRY_CAST` / `SAFE_CAST` and of `x::type` becomes `INT` (`INT64`
 *   in BigQuery; a type shorter than that is left as it is): the
 *   dialects' own types (`STRING`, `INT64`, `VARIANT`, `NUMBER(38, 0)`...) are not all in its grammars;
 *   `TRY_CAST` / `SAFE_CAST` become `CAST` (padded: `cast    (`), which most grammars lack and
 *   whose columns flow as a CAST's do;
 * - BigQuery's system variables (`@@row_count`, `@@error.message`), which its grammar refuses,
 *   become the literal `0`: values, not columns;
 * - `QUALIFY cond` becomes `HAVING cond`: the parser reads QUALIFY in no dialect but Snowflake, and
 *   there keeps the condition where the AST reader does not look; its columns filter the rows, as
 *   HAVING's do (INDIRECT/FILTER);
 * - backtick-quoted names become double-quoted in the dialects that quote with `"` only
 *   (PostgreSQL, Redshift, Snowflake), as scripts ported from MySQL or Hive write them;
 * - the parentheses around the query of `INSERT INTO t (cols) (SELECT ... UNION SELECT ...)`, of
 *   `CREATE TABLE t AS (SELECT ... UNION ALL SELECT ...)` and around a whole statement `(SELECT
 *   ...)` become spaces (the grammars read a parenthesised query there only without a set operation);
 * - `DELETE FROM t [alias] USING o, ...` (PostgreSQL, Redshift, ANSI) becomes `DELETE
 *   FROM t [alias]     , o, ...`, a list of tables the grammar reads, whose first is the target
 *   (readAst.ts); MySQL's `DELETE FROM t USING t JOIN o` means something else and is left alone;
 * - `UNNEST(x) WITH ORDINALITY AS t (v, n)` (Trino, Athena, PostgreSQL) loses its `WITH
 *   ORDINALITY`, which the grammars refuse: the position column `n` reads nothing, as a column the
 *   alias list names beyond UNNEST's outputs does;
 * - `x AT TIME ZONE z`, which the T-SQL, Snowflake and Trino grammars refuse, becomes `x + z`
 *   (the operator padded): a value computed from `x` (and from `z` when it is a column), a
 *   TRANSFORMATION;
 * - `FETCH FIRST n ROWS ONLY` becomes `LIMIT n`, `NATURAL JOIN` a JOIN without ON (standardClauses.ts).
 */
import { rewriteClauses } from './clauseRewrites.js';
import { InPlaceText } from './inPlaceText.js';
import { setOperatorsAsUnion } from './setOperators.js';
import { isWord, scanSql, SqlScanError, type SqlToken } from './sqlTokens.js';
import { hasNaturalJoin, standardClauseRewrites } from './standardClauses.js';

const CASTS = new Set(['cast', 'try_cast', 'safe_cast']);
const DOUBLE_QUOTE_ONLY = new Set(['postgresql', 'redshift', 'snowflake']);

/** A type every grammar of the dialect reads in a cast (BigQuery's has no `INT`). */
function castType(database: string): string {
  return database === 'bigquery' ? 'INT64' : 'INT';
}

/** Cheap test for what must be rewritten even when the parser accepts the text (it would lose the columns). */
export function needsRewrite(text: string): boolean {
  return /\bqualify\b/i.test(text) || hasNaturalJoin(text);
}

/** The tokens of a group's inside. */
function inside(text: string, group: SqlToken): SqlToken[] {
  return scanSql(text, group.start + 1, group.end - 1);
}

function rewriteTokens(rewriter: InPlaceText, tokens: SqlToken[], database: string): void {
  const text = rewriter.text;
  tokens.forEach((token, i) => {
    const next = tokens[i + 1];
    if (token.kind === 'word' && CASTS.has(token.text.toLowerCase()) && next?.kind === 'group') {
      const args = inside(text, next);
      const as = args.map((t) => isWord(t, 'as')).lastIndexOf(true);
      if (as >= 0 && as + 1 < args.length) rewriter.put(args[as + 1]!.start, next.end - 1, castType(database));
      // Only Snowflake's and Trino's grammars know TRY_CAST (T-SQL's not even its own); for lineage it is a CAST.
      if (token.text.toLowerCase() !== 'cast') rewriter.put(token.start, token.end, 'cast');
    }
    if (token.kind === 'punct' && token.text === ':' && next?.kind === 'punct' && next.text === ':' && next.start === token.end) {
      const type = tokens[i + 2];
      if (type?.kind === 'word') {
        const sized = tokens[i + 3]?.kind === 'group' && tokens[i + 3]!.start === type.end ? tokens[i + 3]! : type;
        rewriter.put(type.start, sized.end, castType(database));
      }
    }
    if ((database === 'bigquery' || database === 'transactsql') && token.kind === 'punct' && token.text === '@' && next?.kind === 'punct' && next.text === '@' && next.start === token.end) {
      // A system variable (`@@row_count`, `@@error.message`, T-SQL's `@@ROWCOUNT AS n`, which its grammar refuses before AS) is a value.
      let last = i + 2;
      if (tokens[last]?.kind === 'word' && tokens[last]!.start === next.end) {
        while (tokens[last + 1]?.text === '.' && tokens[last + 2]?.kind === 'word' && tokens[last + 1]!.start === tokens[last]!.end) last += 2;
        rewriter.put(token.start, tokens[last]!.end, '0');
      }
    }
    if (isWord(token, 'qualify')) rewriter.put(token.start, token.end, 'HAVING');
    if (isWord(token, 'with') && next && isWord(next, 'ordinality')) rewriter.put(token.start, next.end, '');
    // `x AT TIME ZONE z` (T-SQL, Snowflake, Trino): `x + z`, a value computed from both.
    if (isWord(token, 'at') && isWord(next, 'time') && isWord(tokens[i + 2], 'zone') && i > 0) rewriter.put(token.start, tokens[i + 2]!.end, '+');
    if (token.kind === 'quoted' && token.text.startsWith('`') && DOUBLE_QUOTE_ONLY.has(database) && !token.text.slice(1, -1).includes('"')) {
      rewriter.put(token.start, token.end, `"${token.text.slice(1, -1)}"`);
    }
    if (token.kind === 'group') rewriteTokens(rewriter, inside(text, token), database);
  });
}

/** `DELETE FROM name [[AS] alias] USING`: the USING token. */
function deleteUsing(tokens: SqlToken[]): SqlToken | undefined {
  if (!isWord(tokens[0], 'delete') || !isWord(tokens[1], 'from')) return undefined;
  let i = 2;
  while (tokens[i] && (tokens[i]!.kind === 'word' || tokens[i]!.kind === 'quoted') && tokens[i + 1]?.text === '.') i += 2;
  i++;
  if (isWord(tokens[i], 'as')) i++;
  if (tokens[i] && !isWord(tokens[i], 'using') && (tokens[i]!.kind === 'word' || tokens[i]!.kind === 'quoted')) i++;
  return isWord(tokens[i], 'using') ? tokens[i] : undefined;
}

/** A group whose inside starts with SELECT or WITH: a parenthesised query. */
function isQueryGroup(text: string, token: SqlToken | undefined): token is SqlToken {
  if (token?.kind !== 'group') return false;
  const first = inside(text, token)[0];
  return isWord(first, 'select', 'with');
}

/**
 * The parenthesised query an INSERT inserts (`INSERT [INTO|OVERWRITE] [TABLE] name [(cols)] (query)`),
 * a CREATE ... AS makes (`CREATE TABLE t AS (query)`, Teradata's form, its `WITH DATA` already
 * blanked by dialectRewrites.ts), or a statement that is one.
 */
function queryParentheses(text: string, tokens: SqlToken[]): SqlToken | undefined {
  if (tokens.length === 1 && isQueryGroup(text, tokens[0])) return tokens[0];
  if (isWord(tokens[0], 'create', 'replace') && tokens.length >= 3 && isWord(tokens.at(-2), 'as') && isQueryGroup(text, tokens.at(-1))) return tokens.at(-1);
  if (!isWord(tokens[0], 'insert')) return undefined;
  let i = 1;
  while (isWord(tokens[i], 'into', 'overwrite', 'table')) i++;
  // The name, possibly qualified.
  while (tokens[i] && (tokens[i]!.kind === 'word' || tokens[i]!.kind === 'quoted') && tokens[i + 1]?.text === '.') i += 2;
  i++;
  if (tokens[i]?.kind === 'group' && !isQueryGroup(text, tokens[i])) i++;
  return tokens.length === i + 1 && isQueryGroup(text, tokens[i]) ? tokens[i] : undefined;
}

/** The statement rewritten for the parser (see the module comment), or itself when it cannot be scanned. */
export function rewriteForParser(text: string, database: string): string {
  try {
    const tokens = scanSql(text);
    const rewriter = new InPlaceText(text);
    const group = queryParentheses(text, tokens.at(-1)?.text === ';' ? tokens.slice(0, -1) : tokens);
    if (group) {
      rewriter.put(group.start, group.start + 1, ' ');
      rewriter.put(group.end - 1, group.end, ' ');
    }
    const using = DOUBLE_QUOTE_ONLY.has(database) ? deleteUsing(tokens) : undefined;
    if (using) rewriter.put(using.start, using.end, '    ,');
    rewriteTokens(rewriter, tokens, database);
    for (const { start, end, text: replacement } of standardClauseRewrites(text, tokens, database)) rewriter.put(start, end, replacement);
    return rewriteClauses(setOperatorsAsUnion(rewriter.result(), database));
  } catch (error) {
    if (error instanceof SqlScanError) return text;
    throw error;
  }
}
