/**
 * Session statements that change how later unqualified table names resolve:
 * `USE db` (MySQL, T-SQL, Hive, Spark, BigQuery scripts), Snowflake's `USE [DATABASE | SCHEMA] name`,
 * PostgreSQL/Redshift `SET search_path [TO | =] a, b` and `SET SCHEMA 'a'`.
 * The name is the first schema of a search path (where an unqualified CREATE or INSERT goes; a read
 * could be found further down the path, but the script's author means the first). Other USE forms
 * (`USE WAREHOUSE`, `USE ROLE`, `USE SECONDARY ROLES`) and SET statements change nothing.
 */
import { isWord, identifierName, type SqlToken, statementTokens } from './sqlTokens.js';

/** A dotted name from `tokens[i]`. */
function dotted(tokens: SqlToken[], i: number): string | undefined {
  const parts: string[] = [];
  for (let j = i; tokens[j]; j += 2) {
    const token = tokens[j]!;
    if (token.kind === 'word' || token.kind === 'quoted') parts.push(identifierName(token));
    else if (token.kind === 'string') parts.push(token.text.slice(1, -1).toLowerCase());
    else return undefined;
    if (tokens[j + 1]?.text !== '.') break;
  }
  return parts.length > 0 ? parts.join('.') : undefined;
}

/**
 * The default schema after a session statement: a name, or `undefined` when the statement is not
 * one that sets it (the default is then unchanged).
 */
export function sessionDefault(text: string): string | undefined {
  const tokens = statementTokens(text);
  if (!tokens) return undefined;
  if (isWord(tokens[0], 'use')) {
    if (isWord(tokens[1], 'warehouse', 'role', 'secondary')) return undefined;
    return dotted(tokens, isWord(tokens[1], 'database', 'schema') ? 2 : 1);
  }
  if (isWord(tokens[0], 'set')) {
    if (isWord(tokens[1], 'search_path')) {
      const at = isWord(tokens[2], 'to') || tokens[2]?.text === '=' ? 3 : 2;
      const first = dotted(tokens, at);
      return first === '$user' ? undefined : first;
    }
    if (isWord(tokens[1], 'schema')) return dotted(tokens, tokens[2]?.text === '=' ? 3 : 2);
  }
  return undefined;
}
