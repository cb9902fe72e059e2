import { DctxError } from '../../graph-model/dctxError.js';

/**
 * A shallow SQL scanner for the statements node-sql-parser has no grammar for (MERGE): words,
 * quoted identifiers, strings and punctuation, with a parenthesised group as one token, so that a
 * recogniser can find clause keywords and commas at the top level and hand everything in between,
 * as text with its offset, to the real parser.
 */
export interface SqlToken {
  kind: 'word' | 'quoted' | 'string' | 'group' | 'punct';
  /** The token as written (a group includes its parentheses). */
  text: string;
  /** Offsets into the scanned text: [start, end). */
  start: number;
  end: number;
}

const WORD = /[\p{L}_][\p{L}\p{N}_$]*/uy;
const NUMBER = /\d+(\.\d*)?([eE][+-]?\d+)?/y;
const CLOSING: Record<string, string> = { '"': '"', '`': '`', '[': ']' };

export class SqlScanError extends DctxError<'BAD_QUERY'> {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super('BAD_QUERY', message);
  }
}

/** The end of a quoted run opened at `start`: doubled closing quotes (and backslashes in strings) escape. */
function quotedEnd(text: string, start: number, close: string): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && close === "'") i += 2;
    else if (ch === close && text[i + 1] === close) i += 2;
    else if (ch === close) return i + 1;
    else i++;
  }
  throw new SqlScanError(`unterminated ${close === "'" ? 'string' : 'quoted identifier'}`, start);
}

/** Skips whitespace and comments from `i`; returns the next offset holding something else. */
function skipBlank(text: string, i: number, end: number): number {
  while (i < end) {
    if (/\s/.test(text[i]!)) i++;
    else if (text.startsWith('--', i)) {
      const newline = text.indexOf('\n', i);
      i = newline < 0 ? end : newline + 1;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? end : close + 2;
    } else break;
  }
  return i;
}

/** The end of the group opened by `(` at `start`, past nested groups, strings and comments. */
function groupEnd(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    i = skipBlank(text, i, text.length);
    const ch = text[i];
    if (ch === undefined) break;
    if (ch === "'" || ch === '"' || ch === '`') i = quotedEnd(text, i, CLOSING[ch] ?? "'");
    else if (ch === '(') {
      depth++;
      i++;
    } else if (ch === ')') {
      depth--;
      i++;
      if (depth === 0) return i;
    } else i++;
  }
  throw new SqlScanError('unbalanced parenthesis', start);
}

/** The tokens of `text` between offsets `from` and `to`. */
export function scanSql(text: string, from = 0, to = text.length): SqlToken[] {
  const tokens: SqlToken[] = [];
  let i = skipBlank(text, from, to);
  while (i < to) {
    const ch = text[i]!;
    let end: number;
    let kind: SqlToken['kind'];
    WORD.lastIndex = i;
    NUMBER.lastIndex = i;
    if (ch === "'") {
      kind = 'string';
      end = quotedEnd(text, i, "'");
    } else if (ch === '"' || ch === '`' || ch === '[') {
      kind = 'quoted';
      end = quotedEnd(text, i, CLOSING[ch]!);
    } else if (ch === '(') {
      kind = 'group';
      end = groupEnd(text, i);
    } else if (WORD.test(text)) {
      kind = 'word';
      end = WORD.lastIndex;
    } else if (NUMBER.test(text)) {
      kind = 'word';
      end = NUMBER.lastIndex;
    } else {
      kind = 'punct';
      end = i + 1;
    }
    if (end > to) throw new SqlScanError('unbalanced parenthesis or quote', i);
    tokens.push({ kind, text: text.slice(i, end), start: i, end });
    i = skipBlank(text, end, to);
  }
  return tokens;
}

/** An identifier as the engines read it: quotes removed, lower-cased (like queryModel.ts names). */
export function identifierName(token: SqlToken): string {
  if (token.kind === 'quoted') return token.text.slice(1, -1).toLowerCase();
  return token.text.toLowerCase();
}

/** Whether the token is a word, one of `words` in any case. */
export function isWord(token: SqlToken | undefined, ...words: string[]): boolean {
  return token?.kind === 'word' && words.includes(token.text.toLowerCase());
}

/**
 * The possibly qualified name starting at `tokens[i]`, lower-cased, and the index after it; undefined
 * where no name starts there. BigQuery writes `project.dataset.table` in one pair of backticks.
 */
export function qualifiedNameAt(tokens: SqlToken[], i: number): { name: string; next: number } | undefined {
  const parts: string[] = [];
  let j = i;
  for (;;) {
    const token = tokens[j];
    if (!token || (token.kind !== 'word' && token.kind !== 'quoted')) return undefined;
    parts.push(...(token.text.startsWith('`') ? identifierName(token).split('.') : [identifierName(token)]));
    j++;
    if (tokens[j]?.text !== '.') return { name: parts.join('.'), next: j };
    j++;
  }
}

/** The 1-based line and column of an offset into `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * The tokens of `text` from `from` to `to`, or undefined when it cannot be scanned (an unterminated
 * string, quoted name or comment): the recognisers then leave the statement to the parser, which
 * reports the error at its line and column.
 */
export function tryScanSql(text: string, from = 0, to = text.length): SqlToken[] | undefined {
  try {
    return scanSql(text, from, to);
  } catch (error) {
    if (error instanceof SqlScanError) return undefined;
    throw error;
  }
}

/** A statement's tokens without its closing semicolon, or undefined when it cannot be scanned. */
export function statementTokens(text: string): SqlToken[] | undefined {
  const tokens = tryScanSql(text);
  if (tokens?.at(-1)?.text === ';') tokens.pop();
  return tokens;
}

/** The comma-separated items of a token list (an empty one where two commas meet). */
export function commaSeparated(tokens: readonly SqlToken[]): SqlToken[][] {
  const items: SqlToken[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'punct' && token.text === ',') items.push([]);
    else items.at(-1)!.push(token);
  }
  return items;
}

/** A string literal's value: quotes removed, doubled quotes single. */
export function stringLiteral(token: SqlToken): string {
  return token.text.slice(1, -1).replace(/''/g, "'");
}

/** Calls `visit` on the tokens of the statement and of every parenthesised group in it. */
export function eachLevel(text: string, tokens: SqlToken[], visit: (tokens: SqlToken[]) => void): void {
  visit(tokens);
  for (const token of tokens) if (token.kind === 'group') eachLevel(text, scanSql(text, token.start + 1, token.end - 1), visit);
}
