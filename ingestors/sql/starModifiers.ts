/**
 * `* EXCEPT (a) REPLACE (e AS c)` (BigQuery), `* EXCLUDE (a) REPLACE (e AS c)` / `* EXCLUDE a
 * REPLACE (...)` (Snowflake) and `* REPLACE (...)` in Snowflake and DuckDB: forms the grammars
 * refuse (BigQuery's reads EXCEPT and REPLACE only one at a time; Snowflake's has no REPLACE).
 * BigQuery's grammar reads `* REPLACE (...)` and keeps its list (readAst.ts), and also reads a
 * list item without `AS`, which BigQuery itself refuses. So the two lists are made one REPLACE
 * list, every character kept where it was: `* EXCEPT (a) REPLACE (e AS c)` is read as
 * `* REPLACE(a,       e AS c)`, a listed name without `AS` being a column left out. Snowflake's
 * and DuckDB's `"quoted"` names become BigQuery's backticks for that grammar.
 */
import { isWord, tryScanSql } from './sqlTokens.js';

export const STAR_REPLACE = /\*\s*(?:(?:except|exclude)\b[\s\S]*?)?replace\s*\(/i;


/**
 * `chars` with [start, end) blanked and `replacement` written after the span's last line break (so
 * lines stay where they were); false, and nothing changed, when it does not fit there.
 */
function put(chars: string[], start: number, end: number, replacement: string): boolean {
  const from = Math.max(start, chars.lastIndexOf('\n', end - 1) + 1);
  if (replacement.length > end - from) return false;
  for (let i = start; i < end; i++) chars[i] = chars[i] === '\n' ? '\n' : i >= from ? (replacement[i - from] ?? ' ') : ' ';
  return true;
}

function mergeIn(text: string, chars: string[], from: number, to: number): void {
  const tokens = tryScanSql(text, from, to);
  if (!tokens) return;
  tokens.forEach((star, i) => {
    if (star.kind === 'group') mergeIn(text, chars, star.start + 1, star.end - 1);
    if (star.kind !== 'punct' || star.text !== '*' || !isWord(tokens[i + 1], 'except', 'exclude')) return;
    const list = tokens[i + 2];
    const replace = tokens[i + 3];
    const replaced = tokens[i + 4];
    if (!list || !isWord(replace, 'replace') || replaced?.kind !== 'group') return;
    const fits = (end: number) => put(chars, star.end, end, 'REPLACE(');
    if (list.kind === 'group') {
      // `* EXCEPT (a, b) REPLACE (` -> `* REPLACE(a, b,         `: the list's `)` and REPLACE's `(` become the comma.
      if (fits(list.start + 1)) put(chars, list.end - 1, replaced.start + 1, ',');
    } else if (list.kind === 'word' || list.kind === 'quoted') {
      // Snowflake's `* EXCLUDE a REPLACE (` -> `* REPLACE(a,         `.
      if (fits(list.start)) put(chars, list.end, replaced.start + 1, ',');
    }
  });
}

/** The statement with each star's EXCEPT / EXCLUDE list joined to its REPLACE list, for BigQuery's grammar. */
export function mergeStarModifiers(text: string): string {
  if (!STAR_REPLACE.test(text)) return text;
  const chars = text.split('');
  mergeIn(text, chars, 0, text.length);
  return chars.join('');
}

/** `"quoted"` names as BigQuery quotes them, for a statement of a dialect that quotes with `"` read with BigQuery's grammar. */
export function backtickQuoted(text: string): string {
  const chars = text.split('');
  const quote = (from: number, to: number): void => {
    for (const token of tryScanSql(text, from, to) ?? []) {
      if (token.kind === 'group') quote(token.start + 1, token.end - 1);
      if (token.kind === 'quoted' && token.text.startsWith('"')) {
        chars[token.start] = '`';
        chars[token.end - 1] = '`';
      }
    }
  };
  quote(0, text.length);
  return chars.join('');
}
