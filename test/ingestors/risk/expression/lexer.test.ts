import { describe, expect, it } from 'vitest';
import { ExpressionSyntaxError, tokenize } from '../../../../ingestors/risk/expression/index.js';

const kinds = (text: string): string[] => tokenize(text).map((t) => `${t.kind}:${t.text}`);

describe('rule-expression lexer', () => {
  it('splits operators greedily and keeps the source text', () => {
    expect(kinds('a<=b<>c!=!d==e=f&&g||h')).toEqual([
      'identifier:a', 'punctuator:<=', 'identifier:b', 'punctuator:<>', 'identifier:c', 'punctuator:!=',
      'punctuator:!', 'identifier:d', 'punctuator:==', 'identifier:e', 'punctuator:=', 'identifier:f',
      'punctuator:&&', 'identifier:g', 'punctuator:||', 'identifier:h', 'end:',
    ]);
  });

  it('normalizes keywords to lower case but keeps identifiers as written', () => {
    const tokens = tokenize('AND Not inX Event');
    expect(tokens.map((t) => (t.kind === 'end' ? 'end' : `${t.kind}:${String(t.value)}`))).toEqual([
      'keyword:and', 'keyword:not', 'identifier:inX', 'identifier:Event', 'end',
    ]);
  });

  it('reads a number followed by a member dot as two tokens', () => {
    expect(kinds('1.x 1.5.y')).toEqual(['number:1', 'punctuator:.', 'identifier:x', 'number:1.5', 'punctuator:.', 'identifier:y', 'end:']);
  });

  it('positions tokens on the right line and column', () => {
    const tokens = tokenize("a\n  'b'\n\n    c");
    expect(tokens.map((t) => [t.start.line, t.start.column, t.start.offset])).toEqual([
      [1, 1, 0],
      [2, 3, 4],
      [4, 5, 13],
      [4, 6, 14],
    ]);
  });

  it.each([
    ['a # b', 1, 3, "unexpected character '#'", '#'],
    ['a & b', 1, 3, "unexpected character '&' (did you mean '&&' or 'and'?)", '&'],
    ['a | b', 1, 3, "unexpected character '|' (did you mean '||' or 'or'?)", '|'],
    ['a\n\u0001', 2, 1, "unexpected character '\\u0001'", '\u0001'],
    ["x == 'abc", 1, 6, 'unterminated string literal', "'abc"],
    ['x == "abc\n"', 1, 6, 'unterminated string literal', '"abc'],
    ["x == 'abc\\", 1, 6, 'unterminated string literal', "'abc\\"],
    ["'a\\qb'", 1, 3, "invalid escape sequence '\\q' in string literal", '\\q'],
    ["'\\u12'", 1, 2, "invalid unicode escape '\\u12' in string literal", '\\u12'],
    ["'\\u{110000}'", 1, 2, "invalid unicode escape '\\u{110000' in string literal", '\\u{110000'],
    ['5000and', 1, 1, "invalid number '5000and'", '5000and'],
    ['0x1F', 1, 1, "invalid number '0x1F'", '0x1F'],
    ['1e999', 1, 1, "number '1e999' is out of range", '1e999'],
  ])('reports %j at line %i, column %i', (text, line, column, reason, token) => {
    let caught: unknown;
    try {
      tokenize(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExpressionSyntaxError);
    const error = caught as ExpressionSyntaxError;
    expect({ line: error.line, column: error.column, reason: error.reason, token: error.token }).toEqual({ line, column, reason, token });
    expect(error.message).toBe(`line ${line}, column ${column}: ${reason}`);
  });
});
