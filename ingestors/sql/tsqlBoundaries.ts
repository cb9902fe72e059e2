/**
 * T-SQL ends a statement where the next one starts: `;` is optional (SQL Server's parser finds the
 * boundary by its grammar), so scripts often write one statement a line without any. The split
 * (splitStatements.ts) ends a T-SQL statement before a word that can only start a statement, at
 * the start of a line and outside parentheses, unless the statement so far is one that word
 * continues:
 * - INSERT, UPDATE, DELETE, MERGE, TRUNCATE, DROP, CREATE, ALTER, DECLARE, EXEC, EXECUTE, USE, PRINT,
 *   IF, WHILE, BEGIN;
 *   `SET @v`; SELECT unless it is the query of what is before it (`INSERT INTO t` / `CREATE VIEW
 *   v AS` / a set operation / a cursor's `FOR`);
 * - not after THEN (MERGE's `WHEN MATCHED THEN UPDATE ...`), nor inside the control flow and bodies
 *   routineBodies.ts reads (a statement so far opening with IF, WHILE, ELSE, BEGIN, END, or CREATE |
 *   ALTER PROCEDURE / FUNCTION / TRIGGER), whose own rules apply as before, nor after `WITH c AS
 *   (...)`, whose statement (INSERT, UPDATE, ...) may start a line.
 */
const STARTS = new Set(['insert', 'update', 'delete', 'merge', 'truncate', 'drop', 'create', 'alter', 'declare', 'exec', 'execute', 'use', 'print', 'set', 'select', 'if', 'while', 'begin']);
/** First words of what the next line's statement keyword may continue: control flow, bodies, a CTE's statement. */
const CONTROL = new Set(['if', 'while', 'else', 'begin', 'end', 'with']);
const ROUTINE = /^(create|alter)\s+(or\s+alter\s+)?(proc|procedure|function|trigger)\b/i;
/** Words after which a SELECT is the query of the statement before it. */
const QUERY_OF = new Set(['as', 'union', 'all', 'except', 'intersect', 'for', 'distinct']);

/** Whether a T-SQL statement `sofar` (from its first keyword up to a line start) ends before `word` (lower-case) and `after` (what follows it). */
export function tsqlStatementEndsBefore(sofar: string, word: string, after: string): boolean {
  if (!STARTS.has(word)) return false;
  const first = /^[A-Za-z_]+/.exec(sofar)?.[0]?.toLowerCase();
  if (!first || CONTROL.has(first) || ROUTINE.test(sofar)) return false;
  const last = /([A-Za-z_@#]+|\S)\s*$/.exec(sofar)?.[1]?.toLowerCase();
  if (last === 'then') return false;
  if (word === 'set' && !/^\s*@/.test(after)) return false;
  if (word === 'select') {
    if (last && QUERY_OF.has(last)) return false;
    // `INSERT [INTO] t [(cols)]` with no query yet: this SELECT is it.
    if (first === 'insert' && !/\bselect\b|\bvalues\b/i.test(sofar)) return false;
  }
  return true;
}
