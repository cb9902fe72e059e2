import { describe, expect, it } from 'vitest';
import {
  ExpressionSyntaxError,
  MAX_NESTING,
  parseRuleExpression,
  tryParseRuleExpression,
} from '../../../../ingestors/risk/expression/index.js';

function errorOf(text: string): ExpressionSyntaxError {
  const result = tryParseRuleExpression(text);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
  return result.error;
}

describe('rule-expression syntax errors', () => {
  it.each([
    // [input, line, column, message after the position, offending token]
    ["feature('user_7d_txn_cnt' and x", 1, 27, "expected ')' but found 'and'", 'and'],
    ['', 1, 1, 'expected an expression but found end of input', ''],
    ['  \n  ', 2, 3, 'expected an expression but found end of input', ''],
    ['a ==', 1, 5, 'expected an expression but found end of input', ''],
    ['a b', 1, 3, "expected end of input but found 'b'", 'b'],
    ['f(a))', 1, 5, "expected end of input but found ')'", ')'],
    ['(a', 1, 3, "expected ')' but found end of input", ''],
    ['f(a b)', 1, 5, "expected ',' or ')' but found 'b'", 'b'],
    ['f(a,)', 1, 5, "expected an expression but found ')'", ')'],
    ['x in [1, 2', 1, 11, "expected ',' or ']' but found end of input", ''],
    ['x in (1 2)', 1, 9, "expected ',' or ')' but found '2'", '2'],
    ['x in 5', 1, 6, "expected a list or a collection after 'in' but found '5'", '5'],
    ['a < b < c', 1, 7, "comparisons cannot be chained: found '<' after a comparison; add parentheses", '<'],
    ['a == b in [1]', 1, 8, "comparisons cannot be chained: found 'in' after a comparison; add parentheses", 'in'],
    ['a == not b', 1, 6, "'not' cannot be used as an operand here; wrap it in parentheses", 'not'],
    ['a + !b', 1, 5, "'!' cannot be used as an operand here; wrap it in parentheses", '!'],
    ['a not b', 1, 7, "expected 'in' or 'between' after 'not' but found 'b'", 'b'],
    ['a between 1 or 2', 1, 13, "expected 'and' in 'between … and …' but found 'or'", 'or'],
    ['a is 5', 1, 6, "expected 'null' or 'not null' after 'is' but found '5'", '5'],
    ['a is not 5', 1, 10, "expected 'null' after 'is not' but found '5'", '5'],
    ['event.', 1, 7, "expected a field name after '.' but found end of input", ''],
    ['event.5', 1, 7, "expected a field name after '.' but found '5'", '5'],
    ['and', 1, 1, "expected an expression but found 'and'", 'and'],
    ['+1', 1, 1, "expected an expression but found '+'", '+'],
    ['feature', 1, 8, "expected '(' but found end of input", ''],
    ['feature(event.name)', 1, 9, "feature() takes the name as a string literal (a reference must be static) but found 'event'", 'event'],
    ["model(1).score", 1, 7, "model() takes the name as a string literal (a reference must be static) but found '1'", '1'],
    ["Feature('a' + 'b')", 1, 13, "expected ')' but found '+'", '+'],
    ["feature('')", 1, 9, 'feature() name must not be empty', "''"],
    ["feature()", 1, 9, "feature() takes the name as a string literal (a reference must be static) but found ')'", ')'],
    ["x == 'a very long string literal that goes on and on' 1", 1, 55, "expected end of input but found '1'", '1'],
    ["x == 1 'a very long string literal that goes on and on'", 1, 8, "expected end of input but found string 'a very long string literal that goes on…", "'a very long string literal that goes on and on'"],
  ])('%j → line %i, column %i', (text, line, column, reason, token) => {
    const error = errorOf(text);
    expect({ line: error.line, column: error.column, reason: error.reason, token: error.token }).toEqual({ line, column, reason, token });
    expect(error.message).toBe(`line ${line}, column ${column}: ${reason}`);
  });

  it('reports the right line in a multi-line expression', () => {
    const error = errorOf(["event.amount > 5000", "  and feature('user_7d_txn_cnt') > 20", "  and model('fraud_gbdt_v3').score >> 0.92"].join('\n'));
    expect(error.message).toBe("line 3, column 37: expected an expression but found '>'");
    expect(error.offset).toBe(94);
  });

  it('reports the first error in source order (the lexer runs on demand)', () => {
    expect(errorOf('a == == b\n#').message).toBe("line 1, column 6: expected an expression but found '=='");
  });

  it('parseRuleExpression throws an ExpressionSyntaxError (also an Error) with name set', () => {
    expect(() => parseRuleExpression('a ==')).toThrow(ExpressionSyntaxError);
    const error = errorOf('a ==');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ExpressionSyntaxError');
  });

  it('refuses nesting deeper than MAX_NESTING instead of overflowing the stack', () => {
    const deepParens = `${'('.repeat(10_000)}a${')'.repeat(10_000)}`;
    expect(errorOf(deepParens).reason).toBe(`expression is nested too deeply (more than ${MAX_NESTING} levels)`);
    const longChain = Array.from({ length: 10_000 }, (_, i) => `a${i}`).join(' + ');
    expect(errorOf(longChain).reason).toBe(`expression is nested too deeply (more than ${MAX_NESTING} levels)`);
    const deepUnary = `${'-'.repeat(10_000)}1`;
    expect(errorOf(deepUnary).reason).toBe(`expression is nested too deeply (more than ${MAX_NESTING} levels)`);
    // Wide but shallow is fine: a long list is one level.
    const wideList = `x in [${Array.from({ length: 10_000 }, (_, i) => i).join(', ')}]`;
    expect(tryParseRuleExpression(wideList).ok).toBe(true);
  });
});
