/**
 * Statements the ingestor skips although they may move data, recognised so that the skip is told
 * to the user as an ingest warning (README, "Warnings") instead of being silent: dynamic SQL, whose
 * text exists only when it runs, and a variable set from a query, whose tables are not recorded.
 * Recognising them changes nothing of the lineage: they were skipped before and still are.
 */
import { isWord, tryScanSql, type SqlToken } from './sqlTokens.js';

const DYNAMIC_TAIL = 'its tables are not in the lineage (dynamic SQL is not read)';

/** A string literal at `i`, T-SQL's `N'...'` too. */
function isString(tokens: SqlToken[], i: number): boolean {
  const token = tokens[i];
  if (token?.kind === 'string') return true;
  return isWord(token, 'n') && tokens[i + 1]?.kind === 'string' && tokens[i + 1]!.start === token!.end;
}

/** What a skipped `EXEC` / `EXECUTE` runs when it is dynamic SQL, as a warning; undefined for a procedure call. */
function dynamicSql(tokens: SqlToken[], database: string): string | undefined {
  if (isWord(tokens[1], 'immediate')) {
    return isString(tokens, 2) && tokens.length === 3
      ? `EXECUTE IMMEDIATE runs the SQL in its string, which is not parsed: ${DYNAMIC_TAIL}`
      : `EXECUTE IMMEDIATE runs SQL built when it runs: ${DYNAMIC_TAIL}`;
  }
  if (tokens[1]?.kind === 'group') return `EXEC(...) runs SQL built when it runs: ${DYNAMIC_TAIL}`;
  // `EXEC [@r =] [sys.|dbo.]sp_executesql <statement> [, params]`: the first argument is the SQL.
  const procedure = tokens.findIndex((t, i) => i > 0 && i < 8 && isWord(t, 'sp_executesql'));
  if (procedure > 0) {
    return isString(tokens, procedure + 1)
      ? `sp_executesql runs the SQL in its string argument, which is not parsed: ${DYNAMIC_TAIL}`
      : `sp_executesql runs SQL held in a variable or built when it runs: ${DYNAMIC_TAIL}`;
  }
  // T-SQL's `EXEC proc args` calls a procedure (its own definition, where ingested, has the lineage).
  if (database === 'transactsql' || !isWord(tokens[0], 'execute')) return undefined;
  if (isString(tokens, 1) || (isWord(tokens[1], 'format') && tokens[2]?.kind === 'group')) return `EXECUTE runs SQL built when it runs: ${DYNAMIC_TAIL}`;
  // PL/pgSQL `EXECUTE v_sql`, MySQL / PostgreSQL `EXECUTE stmt` (a prepared statement): SQL text known only then.
  if (tokens[1]?.kind === 'word') return `EXECUTE runs a prepared statement or SQL held in a variable: ${DYNAMIC_TAIL}`;
  return undefined;
}

/** A query among a SET's or DECLARE's tokens (`SET v = (SELECT ...)`, `DECLARE @n INT = (SELECT ...)`). */
function readsQuery(tokens: SqlToken[]): boolean {
  return tokens.some((t) => isWord(t, 'select') || (t.kind === 'group' && /\bselect\b[\s\S]*\bfrom\b/i.test(t.text)));
}

/**
 * Why a statement the ingestor skips (by its first word) is read only in part, as a warning's
 * message; undefined when skipping it loses no lineage (SET of a setting, a procedure call...).
 */
export function skippedPartly(keyword: string, text: string, database: string): string | undefined {
  if (keyword !== 'exec' && keyword !== 'execute' && keyword !== 'set' && keyword !== 'declare') return undefined;
  const tokens = tryScanSql(text);
  if (!tokens) return undefined;
  if (keyword === 'exec' || keyword === 'execute') return dynamicSql(tokens, database);
  return readsQuery(tokens) ? `a variable set from a query is not read: the tables the query reads are not in the lineage (${keyword.toUpperCase()} is skipped)` : undefined;
}

/** A control-flow head (IF / WHILE / FOR ... THEN|LOOP) holding a query, which routineBodies.ts takes off unread: its warning. */
export function unreadCondition(head: SqlToken[]): string | undefined {
  if (!readsQuery(head.slice(1))) return undefined;
  const word = head[0]!.text.toUpperCase();
  const what = word === 'FOR' ? 'the query this FOR loop iterates over' : `the query in this ${word} condition`;
  return `${what} is not read: the tables it reads are not in the lineage (conditions and loop queries are not analysed)`;
}
