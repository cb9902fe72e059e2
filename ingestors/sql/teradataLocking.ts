/**
 * Teradata's LOCKING request modifier, `LOCKING ROW FOR ACCESS`, `LOCKING TABLE t FOR ACCESS`,
 * `LOCK ROW ACCESS`, before a SELECT, INSERT, UPDATE, DELETE or a view's query (`CREATE|REPLACE
 * VIEW v AS LOCKING ROW FOR ACCESS SELECT ...`, the form most Teradata views are written in).
 * It says how the request locks what it reads (ACCESS: read without waiting for writers), not
 * what it reads or writes, so it is blanked in place, every other character where it was: the
 * statement is then read as without it, and a parse error is still at the script's line and column.
 *
 * The modifier is `LOCK[ING] [DATABASE|TABLE|VIEW] name | ROW  [FOR|IN]  ACCESS | READ [OVERRIDE] |
 * WRITE | SHARE | EXCLUSIVE | EXCL | CHECKSUM | LOAD COMMITTED  [MODE] [NOWAIT]`, several of them
 * one after another. The table a `LOCKING TABLE t` names is not read for it: only the statement
 * after it reads (a lock on a table the statement does not use moves no data).
 */
import { InPlaceText } from './inPlaceText.js';
import { isWord, type SqlToken, tryScanSql } from './sqlTokens.js';

const OBJECTS = ['database', 'table', 'view'];
const LEVELS = ['access', 'read', 'write', 'share', 'exclusive', 'excl', 'checksum', 'load'];
const HINT = /^\s*lock(?:ing)?\b|\bas\s+lock(?:ing)?\b/i;

const isName = (token: SqlToken | undefined): boolean => token?.kind === 'word' || token?.kind === 'quoted';

/** The index after a name (`db.t`, `"t"`) at `i`, or -1. */
function afterName(tokens: SqlToken[], i: number): number {
  if (!isName(tokens[i])) return -1;
  while (tokens[i + 1]?.text === '.' && isName(tokens[i + 2])) i += 2;
  return i + 1;
}

/** The index after a LOCKING modifier starting at `i`, or -1 when none starts there. */
function afterModifier(tokens: SqlToken[], i: number): number {
  if (!isWord(tokens[i], 'locking', 'lock')) return -1;
  let j = i + 1;
  if (isWord(tokens[j], 'row')) j++;
  else if (isWord(tokens[j], ...OBJECTS) && !isWord(tokens[j + 1], 'for', 'in', ...LEVELS)) j = afterName(tokens, j + 1);
  else if (!isWord(tokens[j], 'for', 'in', ...LEVELS)) j = afterName(tokens, j);
  if (j < 0) return -1;
  if (isWord(tokens[j], 'for', 'in')) j++;
  if (!isWord(tokens[j], ...LEVELS)) return -1;
  const level = tokens[j]!.text.toLowerCase();
  j++;
  if (level === 'load') {
    if (!isWord(tokens[j], 'committed')) return -1;
    j++;
  }
  if (level === 'read' && isWord(tokens[j], 'override')) j++;
  if (isWord(tokens[j], 'mode')) j++;
  if (isWord(tokens[j], 'nowait')) j++;
  return j;
}

/** The statement with its LOCKING modifiers blanked (first in it, or first in a CREATE|REPLACE VIEW's query), or itself. */
export function blankLocking(text: string): string {
  if (!HINT.test(text)) return text;
  const tokens = tryScanSql(text);
  if (!tokens) return text;
  let at = 0;
  if (!isWord(tokens[0], 'locking', 'lock')) {
    if (!isWord(tokens[0], 'create', 'replace')) return text;
    at = tokens.findIndex((t, i) => isWord(t, 'as') && isWord(tokens[i + 1], 'locking', 'lock'));
    if (at < 0) return text;
    at++;
  }
  const out = new InPlaceText(text);
  for (let end = afterModifier(tokens, at); end > at && end < tokens.length; end = afterModifier(tokens, at)) {
    out.put(tokens[at]!.start, tokens[end - 1]!.end);
    at = end;
  }
  return out.result();
}

/** Words a Teradata statement may start with because of the modifier (sqlIngestor.ts skips other statements unparsed). */
export const LOCKING_KEYWORDS: readonly string[] = ['locking', 'lock'];
