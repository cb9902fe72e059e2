import { describe, expect, it } from 'vitest';
import { parseExpression, withoutPositions } from '../../../../ingestors/risk/expression/index.js';
import { sexpr } from './sexpr.js';

const tree = (text: string): string => sexpr(parseExpression(text));

describe('rule expressions: the examples from the issue', () => {
  it('parses amount, feature and model thresholds joined by and', () => {
    expect(tree("event.amount > 5000 and feature('user_7d_txn_cnt') > 20 and model('fraud_gbdt_v3').score > 0.92")).toBe(
      '(and (and (> (. event amount) 5000) (> feature:user_7d_txn_cnt 20)) (> (. model:fraud_gbdt_v3 score) 0.92))',
    );
  });

  it('parses in with a parenthesized list, or, and not over a parenthesized comparison', () => {
    expect(tree(`event.country in ('NG', 'RU') or not (feature("device_age_days") >= 7)`)).toBe(
      '(or (in (. event country) ["NG" "RU"]) (not (>= feature:device_age_days 7)))',
    );
  });

  it('parses a ratio and a function call with a feature and an event field', () => {
    expect(
      tree("(event.amount / feature('user_avg_amount_30d')) > 10 and list_contains(feature('user_devices_30d'), event.device_id)"),
    ).toBe(
      '(and (> (/ (. event amount) feature:user_avg_amount_30d) 10) (call list_contains feature:user_devices_30d (. event device_id)))',
    );
  });
});

describe('rule expressions: precedence and associativity', () => {
  it.each([
    ['a or b and c', '(or a (and b c))'],
    ['a and b or c', '(or (and a b) c)'],
    ['(a or b) and c', '(and (or a b) c)'],
    ['not a == b', '(not (== a b))'],
    ['not a and b', '(and (not a) b)'],
    ['not not a', '(not (not a))'],
    ['a or not b and c', '(or a (and (not b) c))'],
    ['!a == b', '(not (== a b))'],
    ['a + b * c', '(+ a (* b c))'],
    ['a - b - c', '(- (- a b) c)'],
    ['a - (b - c)', '(- a (- b c))'],
    ['a / b % c * d', '(* (% (/ a b) c) d)'],
    ['-a * b', '(* (- a) b)'],
    ['-a.b', '(- (. a b))'],
    ['- -a', '(- (- a))'],
    ['a - -1', '(- a (- 1))'],
    ['a + 1 > b * 2', '(> (+ a 1) (* b 2))'],
    ['a == b and c != d or e < f', '(or (and (== a b) (!= c d)) (< e f))'],
    ['a or b or c', '(or (or a b) c)'],
    ['a + b in [1, 2]', '(in (+ a b) [1 2])'],
    ['not a in (1)', '(not (in a [1]))'],
    ['x between 1 and 2 and y', '(and (between x 1 2) y)'],
    ['x between a + 1 and b * 2', '(between x (+ a 1) (* b 2))'],
  ])('%s', (text, expected) => {
    expect(tree(text)).toBe(expected);
  });
});

describe('rule expressions: operators and spellings', () => {
  it.each([
    ['a && b || c', '(or (and a b) c)'],
    ['a = 1', '(== a 1)'],
    ['a == 1', '(== a 1)'],
    ['a <> 1', '(!= a 1)'],
    ['a != 1', '(!= a 1)'],
    ['a < 1', '(< a 1)'],
    ['a <= 1', '(<= a 1)'],
    ['a > 1', '(> a 1)'],
    ['a >= 1', '(>= a 1)'],
    ['a % 2 == 0', '(== (% a 2) 0)'],
  ])('%s', (text, expected) => {
    expect(tree(text)).toBe(expected);
  });

  it('reads keywords and the reserved roots in any case', () => {
    expect(tree("EVENT.Amount > 1 AND Feature('f') NOT IN (1) Or NOT Model('m').score IS NOT NULL")).toBe(
      '(or (and (> (. event Amount) 1) (not-in feature:f [1])) (not (is-not-null (. model:m score))))',
    );
    expect(tree('TRUE or False or NULL')).toBe('(or (or true false) null)');
  });

  it('parses in / not in with brackets, parentheses and collection expressions', () => {
    expect(tree('x in [1, 2, 3]')).toBe('(in x [1 2 3])');
    expect(tree("x not in ('a')")).toBe('(not-in x ["a"])');
    expect(tree('x in ()')).toBe('(in x [])');
    expect(tree("event.device_id in feature('user_devices_30d')")).toBe('(in (. event device_id) feature:user_devices_30d)');
    expect(tree('x in high_risk_countries')).toBe('(in x high_risk_countries)');
    expect(tree('x in lists.get(1)')).toBe('(in x (method lists get 1))');
    // A parenthesized group after `in` is a list, unless a member follows (lists have no members).
    expect(tree('x in (a or b).c')).toBe('(in x (. (or a b) c))');
    expect(tree('x in (a).c(1)')).toBe('(in x (method a c 1))');
  });

  it('parses between, not between, is null and is not null', () => {
    expect(tree('event.hour between 0 and 5')).toBe('(between (. event hour) 0 5)');
    expect(tree('event.hour not between 8 and 20')).toBe('(not-between (. event hour) 8 20)');
    expect(tree('event.device is null')).toBe('(is-null (. event device))');
    expect(tree('event.device is not null')).toBe('(is-not-null (. event device))');
  });
});

describe('rule expressions: literals', () => {
  it.each([
    ['42', 42],
    ['0', 0],
    ['3.25', 3.25],
    ['1e3', 1000],
    ['2.5E-2', 0.025],
    ['1e+21', 1e21],
    ['007', 7],
  ])('number %s', (text, value) => {
    expect(withoutPositions(parseExpression(text))).toEqual({ kind: 'Literal', value });
  });

  it.each([
    [`'abc'`, 'abc'],
    [`"abc"`, 'abc'],
    [`'it\\'s'`, "it's"],
    [`"say \\"hi\\""`, 'say "hi"'],
    [`'a"b'`, 'a"b'],
    [`"a'b"`, "a'b"],
    [`'line\\nbreak\\ttab\\\\slash'`, 'line\nbreak\ttab\\slash'],
    [`'\\u00e9\\u{1F600}'`, 'é😀'],
    [`''`, ''],
    [`'北京'`, '北京'],
  ])('string %s', (text, value) => {
    expect(withoutPositions(parseExpression(text))).toEqual({ kind: 'Literal', value });
  });

  it('parses true, false and null', () => {
    expect(withoutPositions(parseExpression('true'))).toEqual({ kind: 'Literal', value: true });
    expect(withoutPositions(parseExpression('false'))).toEqual({ kind: 'Literal', value: false });
    expect(withoutPositions(parseExpression('null'))).toEqual({ kind: 'Literal', value: null });
  });
});

describe('rule expressions: names, members and calls', () => {
  it('parses event paths as member chains on the event root', () => {
    expect(tree('event.device.id')).toBe('(. (. event device) id)');
    expect(tree('event')).toBe('event');
  });

  it('allows keywords as member names after a dot', () => {
    expect(tree('event.in == event.not')).toBe('(== (. event in) (. event not))');
  });

  it('parses calls with zero, one and several arguments, and nested calls', () => {
    expect(tree('now()')).toBe('(call now)');
    expect(tree('abs(-1)')).toBe('(call abs (- 1))');
    expect(tree('coalesce(event.a, max(1, 2), [3])')).toBe('(call coalesce (. event a) (call max 1 2) [3])');
  });

  it('parses method calls on members and on their results', () => {
    expect(tree("event.email.lower().endsWith('@x.com')")).toBe('(method (method (. event email) lower) endsWith "@x.com")');
    expect(tree("model('m').scores.get('fraud')")).toBe('(method (. model:m scores) get "fraud")');
    expect(tree('f(x).y')).toBe('(. (call f x) y)');
    expect(tree("(a + b).c")).toBe('(. (+ a b) c)');
  });

  it('parses bare identifiers as variables', () => {
    expect(withoutPositions(parseExpression('threshold'))).toEqual({ kind: 'Identifier', name: 'threshold' });
  });

  it('ignores whitespace and line breaks between tokens, and redundant parentheses', () => {
    expect(tree('(( a ))\n\tand\r\n(b)')).toBe('(and a b)');
  });
});

describe('rule expressions: positions', () => {
  it('records 1-based line and column and 0-based offset for every node', () => {
    const ast = parseExpression('a and\n  (b + c)');
    expect(ast.kind).toBe('Binary');
    if (ast.kind !== 'Binary') return;
    expect(ast.start).toEqual({ offset: 0, line: 1, column: 1 });
    expect(ast.end).toEqual({ offset: 15, line: 2, column: 10 });
    // Parentheses make no node: the operand spans what is inside them, the enclosing node spans them.
    expect(ast.right.start).toEqual({ offset: 9, line: 2, column: 4 });
    expect(ast.right.end).toEqual({ offset: 14, line: 2, column: 9 });
    if (ast.right.kind !== 'Binary') throw new Error('expected a sum');
    expect(ast.right.right.start).toEqual({ offset: 13, line: 2, column: 8 });
    expect(ast.right.right.end).toEqual({ offset: 14, line: 2, column: 9 });
  });

  it('counts \\r\\n as one line break and a lone \\r as one', () => {
    expect(parseExpression('\r\n\r\n  x').start).toEqual({ offset: 6, line: 3, column: 3 });
    expect(parseExpression('\r\rx').start).toEqual({ offset: 2, line: 3, column: 1 });
  });

  it('starts an enclosing node at the opening parenthesis of its first operand', () => {
    expect(parseExpression('(a) + b').start).toEqual({ offset: 0, line: 1, column: 1 });
  });

  it('spans a model reference with its field from model to the field name', () => {
    const ast = parseExpression("  model('m').score");
    expect(ast.start.column).toBe(3);
    expect(ast.end.column).toBe(19);
  });
});
