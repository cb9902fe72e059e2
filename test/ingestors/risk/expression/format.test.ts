import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ExpressionSyntaxError,
  formatExpression,
  parseExpression,
  tryParseRuleExpression,
  withoutPositions,
  type Expression,
  type InCollection,
  type Position,
} from '../../../../ingestors/risk/expression/index.js';

const format = (text: string): string => formatExpression(parseExpression(text));

describe('formatExpression', () => {
  it.each([
    ["event.amount > 5000 AND Feature('x') > 20", "event.amount > 5000 and feature('x') > 20"],
    ['a && b || !c', 'a and b or not c'],
    ['a = 1 or b <> 2', 'a == 1 or b != 2'],
    ['((a or b)) and (c)', '(a or b) and c'],
    ['a or (b and c)', 'a or b and c'],
    ['(a or b) or c', 'a or b or c'],
    ['a or (b or c)', 'a or (b or c)'],
    ['a - (b - c)', 'a - (b - c)'],
    ['(a - b) - c', 'a - b - c'],
    ['(a * b) + c', 'a * b + c'],
    ['a * (b + c)', 'a * (b + c)'],
    ['-(a + b)', '-(a + b)'],
    ['- - a', '--a'],
    ['not (a and b)', 'not (a and b)'],
    ['(not a) == b', '(not a) == b'],
    ['(a == b) == c', '(a == b) == c'],
    ["x in ('a', \"b\")", "x in ['a', 'b']"],
    ['x not in feature("s")', "x not in feature('s')"],
    ['(x + 1) between (a) and b * 2', 'x + 1 between a and b * 2'],
    ['(x between 1 and 2) between 3 and 4', '(x between 1 and 2) between 3 and 4'],
    ['x IS NOT NULL', 'x is not null'],
    ['(a + b).c.d(1)', '(a + b).c.d(1)'],
    ["'it\\'s' == \"a\\\\b\\n\"", "'it\\'s' == 'a\\\\b\\n'"],
    ['1.50 + 2e3 + 1E21', '1.5 + 2000 + 1e+21'],
  ])('%s → %s', (input, expected) => {
    expect(format(input)).toBe(expected);
  });

  it('refuses trees the grammar cannot express rather than printing something else', () => {
    const at: Position = { offset: 0, line: 1, column: 1 };
    expect(() => formatExpression({ kind: 'Literal', value: -1, start: at, end: at })).toThrow(RangeError);
    expect(() => formatExpression({ kind: 'Identifier', name: 'and', start: at, end: at })).toThrow(RangeError);
    expect(() => formatExpression({ kind: 'Call', callee: 'feature', args: [], start: at, end: at })).toThrow(RangeError);
  });
});

// ---- property: random trees survive printing and re-parsing -------------------------------------

const AT: Position = { offset: 0, line: 0, column: 0 };
const at = { start: AT, end: AT };

const RESERVED = new Set(['and', 'or', 'not', 'in', 'between', 'is', 'true', 'false', 'null', 'event', 'feature', 'model']);
const word = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,7}$/);
/** Names usable for variables and functions (no keywords, no reserved roots, in any case). */
const plainName = word.filter((w) => !RESERVED.has(w.toLowerCase()));
/** Member names may be keywords: after a dot they are just names. */
const memberName = fc.oneof(word, fc.constantFrom('in', 'AND', 'null', 'event', 'Model'));
const refName = fc.string({ minLength: 1, maxLength: 12, unit: 'binary' });

const literal: fc.Arbitrary<Expression> = fc
  .oneof(
    fc.nat(),
    fc.double({ min: 0, max: 1e300, noNaN: true, noDefaultInfinity: true }).map((d) => (d === 0 ? 0 : d)),
    fc.string({ maxLength: 10, unit: 'binary' }),
    fc.string({ maxLength: 10 }),
    fc.constantFrom(true, false, null),
  )
  .map((value) => ({ kind: 'Literal', value, ...at }));

const leaf: fc.Arbitrary<Expression> = fc.oneof(
  literal,
  plainName.map((name): Expression => ({ kind: 'Identifier', name, ...at })),
  fc.constant<Expression>({ kind: 'Event', ...at }),
  refName.map((name): Expression => ({ kind: 'Feature', name, ...at })),
  refName.map((name): Expression => ({ kind: 'Model', name, ...at })),
);

const comparisonOps = fc.constantFrom('==', '!=', '<', '<=', '>', '>=' as const);
const otherOps = fc.constantFrom('and', 'or', '+', '-', '*', '/', '%' as const);

const { expr } = fc.letrec<{ expr: Expression; list: Expression; collection: Expression }>((tie) => {
  const e = tie('expr');
  const args = fc.array(e, { maxLength: 3 });
  return {
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      tie('list'),
      fc.record({ object: e, property: memberName }).map(({ object, property }): Expression => ({ kind: 'Member', object, property, ...at })),
      fc.record({ callee: plainName, args }).map(({ callee, args }): Expression => ({ kind: 'Call', callee, args, ...at })),
      fc
        .record({ receiver: e, method: memberName, args })
        .map(({ receiver, method, args }): Expression => ({ kind: 'MethodCall', receiver, method, methodStart: AT, args, ...at })),
      fc.record({ op: fc.constantFrom('not', '-' as const), operand: e }).map(({ op, operand }): Expression => ({ kind: 'Unary', op, operand, ...at })),
      fc
        .record({ op: fc.oneof(comparisonOps, otherOps), left: e, right: e })
        .map(({ op, left, right }): Expression => ({ kind: 'Binary', op, left, right, ...at })),
      fc
        .record({ negated: fc.boolean(), value: e, collection: tie('collection') })
        .map(({ negated, value, collection }): Expression => ({ kind: 'In', negated, value, collection: collection as InCollection, ...at })),
      fc
        .record({ negated: fc.boolean(), value: e, low: e, high: e })
        .map(({ negated, value, low, high }): Expression => ({ kind: 'Between', negated, value, low, high, ...at })),
      fc.record({ negated: fc.boolean(), value: e }).map(({ negated, value }): Expression => ({ kind: 'IsNull', negated, value, ...at })),
    ),
    list: fc.array(e, { maxLength: 4 }).map((items): Expression => ({ kind: 'List', items, ...at })),
    // What may follow `in`: a list or a postfix expression (see InCollection).
    collection: fc.oneof(
      tie('list'),
      leaf.filter((node) => node.kind !== 'Literal'),
      fc.record({ object: e, property: memberName }).map(({ object, property }): Expression => ({ kind: 'Member', object, property, ...at })),
      fc.record({ callee: plainName, args }).map(({ callee, args }): Expression => ({ kind: 'Call', callee, args, ...at })),
    ),
  };
});

describe('formatExpression round trip (property)', () => {
  it('parse(format(ast)) equals ast, positions aside', () => {
    fc.assert(
      fc.property(expr, (ast) => {
        const text = formatExpression(ast);
        expect(withoutPositions(parseExpression(text))).toEqual(withoutPositions(ast));
      }),
      { numRuns: 2000 },
    );
  });

  it('format is a fixed point: format(parse(format(ast))) == format(ast)', () => {
    fc.assert(
      fc.property(expr, (ast) => {
        const text = formatExpression(ast);
        expect(formatExpression(parseExpression(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('arbitrary text either parses or fails with an ExpressionSyntaxError, never anything else', () => {
    const alphabet = fc.constantFrom(
      ...'abe(),.[]\'"\\ \n=<>!&|+-*/%#0123456789'.split(''),
      ' and ', ' or ', ' not ', ' in ', ' between ', ' is ', ' null ', 'event', "feature('f')", "model('m')",
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }).map((parts) => parts.join('')), (text) => {
        const result = tryParseRuleExpression(text);
        if (!result.ok) {
          expect(result.error).toBeInstanceOf(ExpressionSyntaxError);
          expect(result.error.line).toBeGreaterThanOrEqual(1);
          expect(result.error.column).toBeGreaterThanOrEqual(1);
          expect(result.error.offset).toBeLessThanOrEqual(text.length);
        } else {
          // Whatever parses also round-trips through the printer.
          expect(withoutPositions(parseExpression(formatExpression(result.ast)))).toEqual(withoutPositions(result.ast));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
