/**
 * Teradata's abbreviations `SEL`, `INS`, `UPD`, `DEL` are SELECT, INSERT, UPDATE and DELETE (also
 * `INS t` and `DEL t` without INTO / FROM, which Teradata allows and the grammar does not). Each
 * is written out before the statement is parsed. The words are longer than the abbreviations, so
 * the statement is edited (editedText.ts) rather than rewritten in place, and a parse error is
 * mapped back to the statement as written: every later character's line and column stays what
 * the script has.
 *
 * An abbreviation is a keyword only where a statement or a query starts: first in the statement
 * or in a parenthesised group, after a set operator (`UNION [ALL]`), after `LOCKING ... FOR ACCESS`,
 * after CREATE ... AS, and as the query of an INSERT (after its target or column list) or of a
 * WITH (after the last CTE). Elsewhere `sel`, `del`... are names (a column `del` stays a column).
 */
import { applyEdits, atWritten, type Edit, type EditedText } from './editedText.js';
import type { ParseOutcome } from './parseStatement.js';
import { eachLevel, isWord, type SqlToken, tryScanSql } from './sqlTokens.js';

const WORDS: Record<string, string> = { sel: 'SELECT', ins: 'INSERT', upd: 'UPDATE', del: 'DELETE' };
const HINT = /\b(?:sel|ins|upd|del|insert|delete)\b/i;
const SET_OPERATORS = ['union', 'intersect', 'except', 'minus'];

/** Whether `tokens[i]` stands where a statement or query starts. */
function startsQuery(level: SqlToken[], i: number): boolean {
  const before = level[i - 1];
  if (!before) return true;
  // After a WITH's last CTE any statement may start (`WITH c AS (...) INS INTO t SEL ...`).
  if (isWord(level[0], 'with') && before.kind === 'group' && isWord(level[i - 2], 'as')) return true;
  // Elsewhere only a query: a SEL.
  if (!isWord(level[i], 'sel')) return false;
  if (isWord(before, ...SET_OPERATORS) || (isWord(before, 'all', 'distinct') && isWord(level[i - 2], ...SET_OPERATORS))) return true;
  if (isWord(before, 'access') && isWord(level[i - 2], 'for')) return true;
  if (isWord(before, 'as') && isWord(level[0], 'create', 'replace')) return true;
  // The query of an INSERT (also `WITH ... INS INTO t SEL`): after its target or column list, before any SELECT of its own.
  const insert = level.slice(0, i).findLastIndex((t, k) => isWord(t, 'insert', 'ins') && (k === 0 || level[k - 1]!.kind === 'group'));
  return insert >= 0 && (before.kind === 'word' || before.kind === 'quoted' || before.kind === 'group') && !level.slice(insert + 1, i).some((t) => isWord(t, 'select', 'sel', 'values'));
}

/** The statement with its abbreviations written out, or undefined when it has none. */
export function expandAbbreviations(text: string): EditedText | undefined {
  if (!HINT.test(text)) return undefined;
  const tokens = tryScanSql(text);
  if (!tokens) return undefined;
  const edits: Edit[] = [];
  eachLevel(text, tokens, (level) => {
    level.forEach((token, i) => {
      if (token.kind !== 'word' || level[i + 1]?.text === '.' || level[i - 1]?.text === '.') return;
      const word = token.text.toLowerCase();
      const full = WORDS[word];
      if (full && startsQuery(level, i)) edits.push({ start: token.start, end: token.end, text: full });
      // `INS t` / `DEL t` (also written out): the grammar needs INTO / FROM.
      const missing = (word === 'ins' || word === 'insert') && i === 0 ? 'INTO' : (word === 'del' || word === 'delete') && i === 0 ? 'FROM' : undefined;
      const next = level[i + 1];
      // Not `DELETE t FROM t, u WHERE ...` (the target named before its FROM).
      const hasFrom = level.slice(i + 1).some((t) => isWord(t, 'from'));
      if (missing && (next?.kind === 'word' || next?.kind === 'quoted') && !isWord(next, 'into', 'from') && !(missing === 'FROM' && hasFrom)) {
        const last = edits.at(-1);
        if (last?.start === token.start) last.text += ` ${missing}`;
        else edits.push({ start: token.end, end: token.end, text: ` ${missing}` });
      }
    });
  });
  return edits.length === 0 ? undefined : applyEdits(text, edits);
}

/** Statements starting with an abbreviation carry lineage (sqlIngestor.ts skips the others unparsed). */
export const ABBREVIATED_KEYWORDS: ReadonlySet<string> = new Set(Object.keys(WORDS));

/** Parses the statement with its abbreviations written out; an error at its place in the statement as written. */
export function parseWithAbbreviations(parse: (text: string) => ParseOutcome, text: string): ParseOutcome {
  const expanded = expandAbbreviations(text);
  if (!expanded) return parse(text);
  return atWritten(parse(expanded.text), expanded, text);
}
