/**
 * `ALTER TABLE a RENAME TO b`, MySQL's `RENAME TABLE a TO b, c TO d`, and `DROP TABLE|VIEW [IF
 * EXISTS] a, b`: statements that change which tables exist under which names later in the script.
 * Also the ALTERs that move rows between tables: Hive's `ALTER TABLE t EXCHANGE PARTITION (...)
 * WITH TABLE s` and Snowflake's `ALTER TABLE a SWAP WITH b`.
 * Recognised over the shallow scanner (node-sql-parser reads them differently in every dialect, and
 * they carry only names).
 */
import { isWord, qualifiedNameAt, statementTokens } from './sqlTokens.js';

export type Lifecycle =
  | { kind: 'rename'; renames: { from: string; to: string }[] }
  | { kind: 'drop'; tables: string[] }
  /** `ALTER TABLE t EXCHANGE PARTITION (...) WITH TABLE s` (Hive): the partition's rows move from s into t. */
  | { kind: 'exchange'; target: string; source: string }
  /** `ALTER TABLE a SWAP WITH b` (Snowflake): each table now holds what the other held. */
  | { kind: 'swap'; tables: [string, string] };

/** A new name without a schema stays in the old name's schema (`ALTER TABLE s.a RENAME TO b` is `s.b`). */
function renamedTo(from: string, to: string): string {
  if (to.includes('.') || !from.includes('.')) return to;
  return `${from.slice(0, from.lastIndexOf('.'))}.${to}`;
}

export function recognizeLifecycle(text: string): Lifecycle | undefined {
  const tokens = statementTokens(text);
  if (!tokens) return undefined;
  if (isWord(tokens[0], 'alter') && isWord(tokens[1], 'table', 'view')) {
    let i = 2;
    if (isWord(tokens[i], 'if') && isWord(tokens[i + 1], 'exists')) i += 2;
    const from = qualifiedNameAt(tokens, i);
    if (from && isWord(tokens[from.next], 'swap') && isWord(tokens[from.next + 1], 'with')) {
      const other = qualifiedNameAt(tokens, from.next + 2);
      return other && other.next === tokens.length ? { kind: 'swap', tables: [from.name, other.name] } : undefined;
    }
    if (from && isWord(tokens[from.next], 'exchange') && isWord(tokens[from.next + 1], 'partition') && tokens[from.next + 2]?.kind === 'group') {
      const j = from.next + 3;
      const source = isWord(tokens[j], 'with') && isWord(tokens[j + 1], 'table') ? qualifiedNameAt(tokens, j + 2) : undefined;
      return source && source.next === tokens.length ? { kind: 'exchange', target: from.name, source: source.name } : undefined;
    }
    if (!from || !isWord(tokens[from.next], 'rename')) return undefined;
    i = from.next + 1;
    if (isWord(tokens[i], 'to', 'as')) i++;
    else return undefined; // RENAME COLUMN ...
    const to = qualifiedNameAt(tokens, i);
    return to && to.next === tokens.length ? { kind: 'rename', renames: [{ from: from.name, to: renamedTo(from.name, to.name) }] } : undefined;
  }
  if (isWord(tokens[0], 'rename') && isWord(tokens[1], 'table')) {
    const renames: { from: string; to: string }[] = [];
    let i = 2;
    while (i < tokens.length) {
      const from = qualifiedNameAt(tokens, i);
      if (!from || !isWord(tokens[from.next], 'to')) return undefined;
      const to = qualifiedNameAt(tokens, from.next + 1);
      if (!to) return undefined;
      renames.push({ from: from.name, to: renamedTo(from.name, to.name) });
      i = to.next;
      if (tokens[i]?.text === ',') i++;
      else break;
    }
    return renames.length > 0 && i === tokens.length ? { kind: 'rename', renames } : undefined;
  }
  if (isWord(tokens[0], 'drop')) {
    let i = 1;
    while (isWord(tokens[i], 'temporary', 'materialized', 'external')) i++;
    if (!isWord(tokens[i], 'table', 'view')) return undefined;
    i++;
    if (isWord(tokens[i], 'if') && isWord(tokens[i + 1], 'exists')) i += 2;
    const tables: string[] = [];
    for (;;) {
      const named = qualifiedNameAt(tokens, i);
      if (!named) break;
      tables.push(named.name);
      i = named.next;
      if (tokens[i]?.text === ',') i++;
      else break;
    }
    return tables.length > 0 ? { kind: 'drop', tables } : undefined;
  }
  return undefined;
}
