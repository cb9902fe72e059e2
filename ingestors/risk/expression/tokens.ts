/**
 * Tokens of the rule-expression language. The lexer produces them on demand; the parser only ever
 * looks at `kind` and the normalized `value`, the raw `text` is kept for error messages.
 */

/** A point in the source text. `line` and `column` are 1-based; `offset` is a 0-based UTF-16 index. */
export interface Position {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/**
 * Reserved words. Case-insensitive: `AND`, `And` and `and` are the same keyword, because rule authors
 * come from SQL as often as from code and neither habit should be a syntax error.
 */
export const KEYWORDS = ['and', 'or', 'not', 'in', 'between', 'is', 'true', 'false', 'null'] as const;
export type Keyword = (typeof KEYWORDS)[number];

/**
 * Identifiers with a fixed meaning (the three reference roots). Not keywords, so they may still be
 * used as member names (`x.event`), but they cannot name a variable or a function. Case-insensitive
 * like the keywords.
 */
export const RESERVED_ROOTS = ['event', 'feature', 'model'] as const;
export type ReservedRoot = (typeof RESERVED_ROOTS)[number];

/** Operators and punctuation, longest first so the lexer can match greedily by walking the list. */
export const PUNCTUATORS = [
  '==', '!=', '<>', '<=', '>=', '&&', '||',
  '=', '<', '>', '!', '+', '-', '*', '/', '%', '(', ')', '[', ']', ',', '.',
] as const;
export type Punctuator = (typeof PUNCTUATORS)[number];

interface TokenBase {
  /** The token exactly as written in the source. */
  readonly text: string;
  readonly start: Position;
  /** Position just after the last character of the token. */
  readonly end: Position;
}

export interface NumberToken extends TokenBase {
  readonly kind: 'number';
  readonly value: number;
}
export interface StringToken extends TokenBase {
  readonly kind: 'string';
  /** The decoded string (escapes applied, quotes removed). */
  readonly value: string;
}
export interface IdentifierToken extends TokenBase {
  readonly kind: 'identifier';
  readonly value: string;
}
export interface KeywordToken extends TokenBase {
  readonly kind: 'keyword';
  /** Lower-cased keyword. */
  readonly value: Keyword;
}
export interface PunctuatorToken extends TokenBase {
  readonly kind: 'punctuator';
  readonly value: Punctuator;
}
export interface EndToken extends TokenBase {
  readonly kind: 'end';
}

export type Token = NumberToken | StringToken | IdentifierToken | KeywordToken | PunctuatorToken | EndToken;

const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);
const RESERVED_SET: ReadonlySet<string> = new Set(RESERVED_ROOTS);

export function asKeyword(word: string): Keyword | null {
  const lower = word.toLowerCase();
  return KEYWORD_SET.has(lower) ? (lower as Keyword) : null;
}

export function asReservedRoot(word: string): ReservedRoot | null {
  const lower = word.toLowerCase();
  return RESERVED_SET.has(lower) ? (lower as ReservedRoot) : null;
}

export function isIdentifierStart(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch === '_');
}

export function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

export function isIdentifierPart(ch: string | undefined): boolean {
  return isIdentifierStart(ch) || isDigit(ch);
}

/** True when `name` can be written as a bare identifier (used by the printer to refuse bad ASTs). */
export function isValidIdentifier(name: string): boolean {
  if (!isIdentifierStart(name[0])) return false;
  for (const ch of name) if (!isIdentifierPart(ch)) return false;
  return true;
}
