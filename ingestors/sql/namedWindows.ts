/**
 * A named window (`... OVER w ... WINDOW w AS (PARTITION BY c ORDER BY d)`) written out where it
 * is used (`OVER (PARTITION BY c ORDER BY d)`), before the statement is parsed. The parsers read
 * the WINDOW clause but keep it where the lineage reader does not look, so its columns were lost
 * (node-sql-parser in every dialect, dt-sql-parser's Hive and Spark grammars), and most of them
 * refuse a window that refines a named one (`OVER (w ORDER BY e)`, `w2 AS (w1 ORDER BY d)`). With
 * the windows inlined, a named window's columns are INDIRECT/WINDOW to the output column like an
 * inline window's, in every dialect and through one piece of code.
 *
 * Inlining changes the statement's length, so a parse error in the inlined text is mapped back
 * to the statement as written (an error inside an inlined window points at the name it replaced).
 */
import { applyEdits, atWritten, type Edit, type EditedText } from './editedText.js';
import type { ParseOutcome } from './parseStatement.js';
import { isWord, SqlScanError, identifierName, scanSql, type SqlToken } from './sqlTokens.js';

const SET_OPERATORS = new Set(['union', 'intersect', 'except', 'minus']);
/** Words that open a window specification, so never a named window's name inside `OVER (...)`. */
const SPEC_WORDS = new Set(['partition', 'order', 'rows', 'range', 'groups']);

function isName(token: SqlToken | undefined): token is SqlToken {
  return token?.kind === 'word' || token?.kind === 'quoted';
}

/** The inside of a group token, without its parentheses. */
function inner(token: SqlToken): string {
  return token.text.slice(1, -1);
}

/**
 * A window specification with a leading named window it refines (`w1 ORDER BY d`) written out:
 * `PARTITION BY c ORDER BY d`. Unknown leading names are left as written.
 */
function expandSpec(text: string, group: SqlToken, windows: ReadonlyMap<string, string>): string {
  const first = scanSql(text, group.start + 1, group.end - 1)[0];
  if (!isName(first) || SPEC_WORDS.has(first.text.toLowerCase())) return inner(group);
  const base = windows.get(identifierName(first));
  if (base === undefined) return inner(group);
  return text.slice(group.start + 1, first.start) + base + text.slice(first.end, group.end - 1);
}

/**
 * The edits that inline the named windows of the tokens of one level (a statement, or the inside
 * of a parenthesised group): each SELECT block between set operators has its own WINDOW clause.
 */
function levelEdits(text: string, tokens: SqlToken[], outer: ReadonlyMap<string, string>, edits: Edit[]): void {
  let blockStart = 0;
  for (let i = 0; i <= tokens.length; i++) {
    if (i < tokens.length && !(tokens[i]!.kind === 'word' && SET_OPERATORS.has(tokens[i]!.text.toLowerCase()))) continue;
    blockEdits(text, tokens.slice(blockStart, i), outer, edits);
    blockStart = i + 1;
  }
}

function blockEdits(text: string, tokens: SqlToken[], outer: ReadonlyMap<string, string>, edits: Edit[]): void {
  const windows = new Map(outer);
  const clause = new Set<SqlToken>();
  const at = tokens.findIndex((t, i) => isWord(t, 'window') && isName(tokens[i + 1]) && isWord(tokens[i + 2], 'as') && tokens[i + 3]?.kind === 'group');
  if (at >= 0) {
    let i = at + 1;
    for (;;) {
      const name = tokens[i]!;
      const spec = tokens[i + 2]!;
      windows.set(identifierName(name), expandSpec(text, spec, windows));
      i += 3;
      if (!(tokens[i]?.text === ',' && isName(tokens[i + 1]) && isWord(tokens[i + 2], 'as') && tokens[i + 3]?.kind === 'group')) break;
      i++;
    }
    for (const token of tokens.slice(at, i)) clause.add(token);
    // The clause goes: its windows are written where they are used.
    edits.push({ start: tokens[at]!.start, end: tokens[i - 1]!.end, text: '' });
  }
  tokens.forEach((token, i) => {
    if (clause.has(token)) return;
    const next = tokens[i + 1];
    if (isWord(token, 'over') && isName(next) && windows.has(identifierName(next))) {
      edits.push({ start: next.start, end: next.end, text: `(${windows.get(identifierName(next))!})` });
      return;
    }
    if (token.kind !== 'group') return;
    if (isWord(tokens[i - 1], 'over')) {
      const first = scanSql(text, token.start + 1, token.end - 1)[0];
      if (isName(first) && !SPEC_WORDS.has(first.text.toLowerCase()) && windows.has(identifierName(first))) {
        edits.push({ start: first.start, end: first.end, text: windows.get(identifierName(first))! });
      }
      return;
    }
    levelEdits(text, scanSql(text, token.start + 1, token.end - 1), windows, edits);
  });
}

/** The statement with its named windows inlined, or undefined when it has none (or cannot be scanned). */
export function inlineNamedWindows(text: string): EditedText | undefined {
  if (!/\bwindow\b/i.test(text)) return undefined;
  const edits: Edit[] = [];
  try {
    levelEdits(text, scanSql(text), new Map(), edits);
  } catch (error) {
    if (error instanceof SqlScanError) return undefined;
    throw error;
  }
  return edits.length === 0 ? undefined : applyEdits(text, edits);
}

/**
 * Parses a statement with its named windows inlined; as written when it has none. An error in
 * the inlined text is reported at the corresponding place of the statement as written.
 */
export function parseWithNamedWindows(parse: (text: string) => ParseOutcome, text: string): ParseOutcome {
  const inlined = inlineNamedWindows(text);
  if (!inlined) return parse(text);
  const outcome = parse(inlined.text);
  if (outcome.ok) return outcome;
  // A form the inlining does not foresee may still parse as written.
  const asWritten = parse(text);
  if (asWritten.ok || outcome.line === undefined) return asWritten.ok ? asWritten : outcome;
  return atWritten(outcome, inlined, text);
}
