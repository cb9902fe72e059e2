import { DctxError } from '../../../graph-model/dctxError.js';
import { unreachable } from '../../../graph-model/model.js';
import type { Position, Token } from './tokens.js';

/**
 * The one error the expression front end throws for bad input. It carries the 1-based line and
 * column so an editor or an ingest-error record can point at the spot, and the offending token so
 * callers can highlight it without re-lexing.
 */
export class ExpressionSyntaxError extends DctxError<'BAD_USER_INPUT'> {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  /** The offending source text (a token or a character); '' at end of input. */
  readonly token: string;
  /** The message without the position prefix. */
  readonly reason: string;

  constructor(reason: string, at: Position, token: string) {
    super('BAD_USER_INPUT', `line ${at.line}, column ${at.column}: ${reason}`);
    this.line = at.line;
    this.column = at.column;
    this.offset = at.offset;
    this.token = token;
    this.reason = reason;
  }
}

const MAX_SHOWN = 40;

/** How a token is named in messages: `'and'`, `string 'abc'`, `end of input`. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'end of input';
    case 'string':
      return `string ${shorten(token.text)}`;
    case 'number':
    case 'identifier':
    case 'keyword':
    case 'punctuator':
      return `'${shorten(token.text)}'`;
    default:
      return unreachable(token);
  }
}

/** Shows a character in a message; control characters become `\uXXXX` so the message stays readable. */
export function describeCharacter(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) {
    return `'\\u${code.toString(16).padStart(4, '0')}'`;
  }
  return `'${ch}'`;
}

function shorten(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}
