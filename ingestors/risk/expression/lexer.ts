/**
 * Hand-written lexer. It scans one token at a time on demand, so the first error in source order is
 * the one reported (a parse error on line 1 wins over an odd character on line 3).
 */
import { ExpressionSyntaxError, describeCharacter } from './errors.js';
import {
  PUNCTUATORS,
  asKeyword,
  isDigit,
  isIdentifierPart,
  isIdentifierStart,
  type Position,
  type Token,
} from './tokens.js';

/** Whitespace between tokens; NBSP and BOM included because they arrive from copy-pasted rules. */
function isWhitespace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v' || ch === '\u00a0' || ch === '\ufeff';
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

export class Lexer {
  private offset = 0;
  private line = 1;
  /** Offset of the first character of the current line, for column arithmetic. */
  private lineStart = 0;

  constructor(private readonly text: string) {}

  /** The next token; after the end of input, an `end` token forever. */
  next(): Token {
    this.skipWhitespace();
    const start = this.position();
    const ch = this.text[this.offset];
    if (ch === undefined) return { kind: 'end', text: '', start, end: start };
    if (isDigit(ch)) return this.number(start);
    if (isIdentifierStart(ch)) return this.word(start);
    if (ch === "'" || ch === '"') return this.string(start, ch);
    for (const p of PUNCTUATORS) {
      if (this.text.startsWith(p, this.offset)) {
        this.offset += p.length;
        return { kind: 'punctuator', value: p, text: p, start, end: this.position() };
      }
    }
    const shown = String.fromCodePoint(this.text.codePointAt(this.offset) ?? 0);
    const hint = ch === '&' ? " (did you mean '&&' or 'and'?)" : ch === '|' ? " (did you mean '||' or 'or'?)" : '';
    throw new ExpressionSyntaxError(`unexpected character ${describeCharacter(shown)}${hint}`, start, shown);
  }

  private position(): Position {
    return { offset: this.offset, line: this.line, column: this.offset - this.lineStart + 1 };
  }

  private skipWhitespace(): void {
    for (;;) {
      const ch = this.text[this.offset];
      if (ch === undefined || !isWhitespace(ch)) return;
      this.offset++;
      // "\r\n" is one line break: count it at the '\n'; a lone '\r' (old Mac files) counts itself.
      if (ch === '\n' || (ch === '\r' && this.text[this.offset] !== '\n')) {
        this.line++;
        this.lineStart = this.offset;
      }
    }
  }

  /** digits [ '.' digits ] [ ('e'|'E') ['+'|'-'] digits ] — no leading '.', no hex: rules are decimal. */
  private number(start: Position): Token {
    this.digits();
    if (this.text[this.offset] === '.' && isDigit(this.text[this.offset + 1])) {
      this.offset++;
      this.digits();
    }
    const e = this.text[this.offset];
    if (e === 'e' || e === 'E') {
      const sign = this.text[this.offset + 1];
      const firstDigit = sign === '+' || sign === '-' ? this.offset + 2 : this.offset + 1;
      if (isDigit(this.text[firstDigit])) {
        this.offset = firstDigit;
        this.digits();
      }
    }
    // `5000and` or `0x1F`: a number glued to letters is a typo, not two tokens.
    if (isIdentifierPart(this.text[this.offset])) {
      while (isIdentifierPart(this.text[this.offset])) this.offset++;
      const bad = this.text.slice(start.offset, this.offset);
      throw new ExpressionSyntaxError(`invalid number '${bad}'`, start, bad);
    }
    const text = this.text.slice(start.offset, this.offset);
    const value = Number(text);
    if (!Number.isFinite(value)) throw new ExpressionSyntaxError(`number '${text}' is out of range`, start, text);
    return { kind: 'number', value, text, start, end: this.position() };
  }

  private digits(): void {
    while (isDigit(this.text[this.offset])) this.offset++;
  }

  private word(start: Position): Token {
    while (isIdentifierPart(this.text[this.offset])) this.offset++;
    const text = this.text.slice(start.offset, this.offset);
    const end = this.position();
    const keyword = asKeyword(text);
    return keyword ? { kind: 'keyword', value: keyword, text, start, end } : { kind: 'identifier', value: text, text, start, end };
  }

  /** A quoted string; escapes as in JavaScript (a subset). Raw line breaks are not allowed inside. */
  private string(start: Position, quote: string): Token {
    this.offset++;
    let value = '';
    for (;;) {
      const ch = this.text[this.offset];
      if (ch === undefined || ch === '\n' || ch === '\r') {
        const partial = this.text.slice(start.offset, this.offset);
        throw new ExpressionSyntaxError('unterminated string literal', start, partial);
      }
      if (ch === quote) {
        this.offset++;
        return { kind: 'string', value, text: this.text.slice(start.offset, this.offset), start, end: this.position() };
      }
      if (ch === '\\') {
        const escaped = this.text[this.offset + 1];
        if (escaped === undefined || escaped === '\n' || escaped === '\r') {
          // A backslash at the end of the line or input: the string never closes; point at its quote.
          throw new ExpressionSyntaxError('unterminated string literal', start, this.text.slice(start.offset, this.offset + 1));
        }
        value += this.escape();
        continue;
      }
      value += ch;
      this.offset++;
    }
  }

  /** Decodes the escape at the current backslash and moves past it. */
  private escape(): string {
    const at = this.position();
    const ch = this.text[this.offset + 1];
    const simple = ch === undefined ? undefined : SIMPLE_ESCAPES[ch];
    if (simple !== undefined) {
      this.offset += 2;
      return simple;
    }
    if (ch === 'u') {
      // \uXXXX (exactly four hex digits) or \u{X...} (one to six, at most 10FFFF).
      const braced = this.text[this.offset + 2] === '{';
      const digitsStart = this.offset + (braced ? 3 : 2);
      let i = digitsStart;
      while (i < this.text.length && isHexDigit(this.text[i]) && i - digitsStart < 6) i++;
      const hex = this.text.slice(digitsStart, i);
      const ok = braced ? hex.length >= 1 && this.text[i] === '}' : hex.length >= 4;
      const code = Number.parseInt(braced ? hex : hex.slice(0, 4), 16);
      if (ok && code <= 0x10ffff) {
        this.offset = braced ? i + 1 : digitsStart + 4;
        return String.fromCodePoint(code);
      }
      const bad = this.text.slice(this.offset, Math.max(i, this.offset + 2));
      throw new ExpressionSyntaxError(`invalid unicode escape '${bad}' in string literal`, at, bad);
    }
    const bad = `\\${String.fromCodePoint(this.text.codePointAt(this.offset + 1) ?? 0)}`;
    throw new ExpressionSyntaxError(`invalid escape sequence '${bad}' in string literal`, at, bad);
  }
}

function isHexDigit(ch: string | undefined): boolean {
  return ch !== undefined && (isDigit(ch) || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F'));
}

/** All tokens of `text`, the final `end` token included (for tests and tools; the parser pulls lazily). */
export function tokenize(text: string): Token[] {
  const lexer = new Lexer(text);
  const tokens: Token[] = [];
  for (;;) {
    const token = lexer.next();
    tokens.push(token);
    if (token.kind === 'end') return tokens;
  }
}
