/**
 * Recursive-descent parser with precedence climbing for the binary operators. Grammar and
 * precedence are documented in docs/rule-expressions.md; the precedence numbers live in
 * precedence.ts so the printer agrees with this file by construction.
 */
import { unreachable } from '../../../graph-model/model.js';
import type {
  ArithmeticOperator,
  BinaryOperator,
  ComparisonOperator,
  Expression,
  InCollection,
  ListNode,
  LogicalOperator,
} from './ast.js';
import { ExpressionSyntaxError, describeToken } from './errors.js';
import { Lexer } from './lexer.js';
import { PRECEDENCE, binaryPrecedence } from './precedence.js';
import { asReservedRoot, type Position, type Punctuator, type Token } from './tokens.js';

/**
 * Deepest nesting accepted, counted both as parser recursion (parentheses) and as tree depth (long
 * `a + b + c ...` chains). It keeps the parser, the printer and every tree walk far from the stack
 * limit whatever a rule author (or an attacker posting rules) writes.
 */
export const MAX_NESTING = 256;

const PUNCTUATOR_OPERATORS: Partial<Record<Punctuator, BinaryOperator>> = {
  '&&': 'and',
  '||': 'or',
  '==': '==',
  '=': '==',
  '!=': '!=',
  '<>': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '+': '+',
  '-': '-',
  '*': '*',
  '/': '/',
  '%': '%',
};

/** What the climbing loop may find after an operand. */
type InfixOperator =
  | { readonly kind: 'binary'; readonly op: LogicalOperator | ArithmeticOperator; readonly precedence: number }
  | { readonly kind: 'comparison' };

class Parser {
  private readonly lexer: Lexer;
  /** Look-ahead buffer: tokens scanned but not yet consumed (at most two are ever needed). */
  private readonly buffer: Token[] = [];
  /** The last consumed token, whose end closes the node being built. */
  private previous: Token | null = null;
  private nesting = 0;
  /** Tree depth of each node built so far (nodes are immutable, so computing once is enough). */
  private readonly depths = new WeakMap<Expression, number>();

  constructor(text: string) {
    this.lexer = new Lexer(text);
  }

  parseAll(): Expression {
    if (this.peek().kind === 'end') this.fail('expected an expression', this.peek());
    const expr = this.expression();
    const extra = this.peek();
    if (extra.kind !== 'end') this.fail('expected end of input', extra);
    return expr;
  }

  // ---- token plumbing -------------------------------------------------------------------------

  private peek(ahead = 0): Token {
    while (this.buffer.length <= ahead) this.buffer.push(this.lexer.next());
    return this.buffer[ahead]!;
  }

  private advance(): Token {
    const token = this.peek();
    this.buffer.shift();
    this.previous = token;
    return token;
  }

  private endPosition(): Position {
    // Only called after consuming at least one token for the node being closed.
    return this.previous!.end;
  }

  private isPunctuator(token: Token, value: Punctuator): boolean {
    return token.kind === 'punctuator' && token.value === value;
  }

  private isKeyword(token: Token, value: string): boolean {
    return token.kind === 'keyword' && token.value === value;
  }

  private expectPunctuator(value: Punctuator): Token {
    const token = this.peek();
    if (!this.isPunctuator(token, value)) this.fail(`expected '${value}'`, token);
    return this.advance();
  }

  /** Throws "<expected> but found <token>" at the token. */
  private fail(expected: string, token: Token): never {
    throw new ExpressionSyntaxError(`${expected} but found ${describeToken(token)}`, token.start, token.text);
  }

  /** Registers a node's depth and refuses trees deeper than MAX_NESTING. */
  private node<T extends Expression>(node: T, children: readonly Expression[]): T {
    let depth = 1;
    for (const child of children) depth = Math.max(depth, (this.depths.get(child) ?? 1) + 1);
    if (depth > MAX_NESTING) this.tooDeep(node.start);
    this.depths.set(node, depth);
    return node;
  }

  private tooDeep(at: Position): never {
    throw new ExpressionSyntaxError(`expression is nested too deeply (more than ${MAX_NESTING} levels)`, at, '');
  }

  private enter(): void {
    if (++this.nesting > MAX_NESTING) this.tooDeep(this.peek().start);
  }

  // ---- expressions ----------------------------------------------------------------------------

  private expression(): Expression {
    return this.climb(PRECEDENCE.or);
  }

  /**
   * Precedence climbing: parses an operand, then keeps absorbing operators that bind at least as
   * tightly as `minPrecedence`. Binary operators are left-associative (the right side is parsed one
   * level tighter); comparisons are handled by `comparisonTail` and may not be chained.
   */
  private climb(minPrecedence: number): Expression {
    this.enter();
    const start = this.peek().start;
    let left = this.prefix(minPrecedence);
    for (;;) {
      const infix = this.infixAt(this.peek());
      if (infix === null) break;
      if (infix.kind === 'comparison') {
        if (PRECEDENCE.comparison < minPrecedence) break;
        left = this.comparisonTail(left, start);
        const next = this.peek();
        if (this.infixAt(next)?.kind === 'comparison') {
          throw new ExpressionSyntaxError(
            `comparisons cannot be chained: found ${describeToken(next)} after a comparison; add parentheses`,
            next.start,
            next.text,
          );
        }
        continue;
      }
      if (infix.precedence < minPrecedence) break;
      this.advance();
      const right = this.climb(infix.precedence + 1);
      left = this.node({ kind: 'Binary', op: infix.op, left, right, start, end: this.endPosition() }, [left, right]);
    }
    this.nesting--;
    return left;
  }

  private infixAt(token: Token): InfixOperator | null {
    if (token.kind === 'keyword') {
      switch (token.value) {
        case 'and':
          return { kind: 'binary', op: 'and', precedence: PRECEDENCE.and };
        case 'or':
          return { kind: 'binary', op: 'or', precedence: PRECEDENCE.or };
        // After an operand, `not` can only start `not in` / `not between`.
        case 'in':
        case 'not':
        case 'between':
        case 'is':
          return { kind: 'comparison' };
        default:
          return null;
      }
    }
    if (token.kind !== 'punctuator') return null;
    const op = PUNCTUATOR_OPERATORS[token.value];
    if (op === undefined) return null;
    if (op === 'and' || op === 'or') return { kind: 'binary', op, precedence: binaryPrecedence(op) };
    if (isComparison(op)) return { kind: 'comparison' };
    return { kind: 'binary', op, precedence: binaryPrecedence(op) };
  }

  /** The operand of a comparison, a `between` bound, or the right side of a comparison operator. */
  private comparisonOperand(): Expression {
    return this.climb(PRECEDENCE.additive);
  }

  private comparisonTail(left: Expression, start: Position): Expression {
    const token = this.advance();
    if (token.kind === 'punctuator') {
      const op = PUNCTUATOR_OPERATORS[token.value];
      if (op === undefined || !isComparison(op)) this.fail('expected a comparison operator', token);
      const right = this.comparisonOperand();
      return this.node({ kind: 'Binary', op, left, right, start, end: this.endPosition() }, [left, right]);
    }
    let negated = false;
    let keyword: Token = token;
    if (this.isKeyword(token, 'not')) {
      negated = true;
      keyword = this.advance();
      if (!this.isKeyword(keyword, 'in') && !this.isKeyword(keyword, 'between')) {
        this.fail("expected 'in' or 'between' after 'not'", keyword);
      }
    }
    if (this.isKeyword(keyword, 'in')) {
      const collection = this.inCollection();
      return this.node({ kind: 'In', negated, value: left, collection, start, end: this.endPosition() }, [left, collection]);
    }
    if (this.isKeyword(keyword, 'between')) {
      const low = this.comparisonOperand();
      const and = this.peek();
      if (!this.isKeyword(and, 'and')) this.fail("expected 'and' in 'between … and …'", and);
      this.advance();
      const high = this.comparisonOperand();
      return this.node({ kind: 'Between', negated, value: left, low, high, start, end: this.endPosition() }, [left, low, high]);
    }
    // Only `is` is left (infixAt classifies nothing else as a comparison keyword).
    if (this.isKeyword(this.peek(), 'not')) {
      this.advance();
      negated = true;
    }
    const nullToken = this.peek();
    if (!this.isKeyword(nullToken, 'null')) this.fail(negated ? "expected 'null' after 'is not'" : "expected 'null' or 'not null' after 'is'", nullToken);
    this.advance();
    return this.node({ kind: 'IsNull', negated, value: left, start, end: this.endPosition() }, [left]);
  }

  /** After `in`: `(a, b)` or `[a, b]` as a list, or one postfix expression yielding a collection. */
  private inCollection(): InCollection {
    const token = this.peek();
    if (this.isPunctuator(token, '(')) {
      this.advance();
      const list = this.listRest(token.start, ')');
      // `(x).field` after `in` is a parenthesized receiver, not a one-item list: a list has no
      // members. The printer relies on this for collections like `(a or b).items`.
      const [only] = list.items;
      if (only !== undefined && list.items.length === 1 && this.isPunctuator(this.peek(), '.')) {
        return this.inCollectionKind(this.postfixRest(only, token.start), token);
      }
      return list;
    }
    return this.inCollectionKind(this.postfix(), token);
  }

  private inCollectionKind(collection: Expression, token: Token): InCollection {
    switch (collection.kind) {
      case 'List':
      case 'Identifier':
      case 'Event':
      case 'Feature':
      case 'Model':
      case 'Member':
      case 'Call':
      case 'MethodCall':
        return collection;
      default:
        throw new ExpressionSyntaxError(
          `expected a list or a collection after 'in' but found ${describeToken(token)}`,
          token.start,
          token.text,
        );
    }
  }

  /** `not` is a prefix of the `not` level: allowed where an operand of `and`/`or`/`not` is expected. */
  private prefix(minPrecedence: number): Expression {
    const token = this.peek();
    if (this.isKeyword(token, 'not') || this.isPunctuator(token, '!')) {
      if (minPrecedence > PRECEDENCE.not) {
        throw new ExpressionSyntaxError(
          `'${token.text}' cannot be used as an operand here; wrap it in parentheses`,
          token.start,
          token.text,
        );
      }
      this.advance();
      const operand = this.climb(PRECEDENCE.not);
      return this.node({ kind: 'Unary', op: 'not', operand, start: token.start, end: this.endPosition() }, [operand]);
    }
    return this.unary();
  }

  private unary(): Expression {
    const token = this.peek();
    if (this.isPunctuator(token, '-')) {
      this.enter();
      this.advance();
      const operand = this.unary();
      this.nesting--;
      return this.node({ kind: 'Unary', op: '-', operand, start: token.start, end: this.endPosition() }, [operand]);
    }
    return this.postfix();
  }

  /** A primary followed by any number of `.name` and `.name(args)`. */
  private postfix(): Expression {
    const start = this.peek().start;
    return this.postfixRest(this.primary(), start);
  }

  private postfixRest(primary: Expression, start: Position): Expression {
    let expr = primary;
    while (this.isPunctuator(this.peek(), '.')) {
      this.advance();
      const name = this.peek();
      // Keywords are fine as member names (`event.in`): after '.', nothing else could be meant.
      if (name.kind !== 'identifier' && name.kind !== 'keyword') this.fail("expected a field name after '.'", name);
      this.advance();
      if (this.isPunctuator(this.peek(), '(')) {
        this.advance();
        const args = this.argumentsRest();
        expr = this.node(
          { kind: 'MethodCall', receiver: expr, method: name.text, methodStart: name.start, args, start, end: this.endPosition() },
          [expr, ...args],
        );
      } else {
        expr = this.node({ kind: 'Member', object: expr, property: name.text, start, end: this.endPosition() }, [expr]);
      }
    }
    return expr;
  }

  private primary(): Expression {
    const token = this.peek();
    const start = token.start;
    switch (token.kind) {
      case 'number':
      case 'string':
        this.advance();
        return this.node({ kind: 'Literal', value: token.value, start, end: token.end }, []);
      case 'keyword':
        if (token.value === 'true' || token.value === 'false' || token.value === 'null') {
          this.advance();
          const value = token.value === 'null' ? null : token.value === 'true';
          return this.node({ kind: 'Literal', value, start, end: token.end }, []);
        }
        return this.fail('expected an expression', token);
      case 'identifier':
        return this.named(token);
      case 'punctuator':
        if (token.value === '(') {
          this.advance();
          const inner = this.expression();
          this.expectPunctuator(')');
          // Parentheses make no node: the tree is the same with or without redundant ones. An
          // enclosing node still starts at the '(' because `climb` records its first token.
          return inner;
        }
        if (token.value === '[') {
          this.advance();
          return this.listRest(start, ']');
        }
        return this.fail('expected an expression', token);
      case 'end':
        return this.fail('expected an expression', token);
      default:
        return unreachable(token);
    }
  }

  /** An identifier: `event`, `feature('…')`, `model('…')`, a call `f(…)`, or a rule variable. */
  private named(token: Token & { kind: 'identifier' }): Expression {
    this.advance();
    const start = token.start;
    const root = asReservedRoot(token.value);
    if (root === 'event') return this.node({ kind: 'Event', start, end: token.end }, []);
    if (root === 'feature' || root === 'model') {
      const name = this.staticName(token.text);
      const end = this.endPosition();
      return this.node(root === 'feature' ? { kind: 'Feature', name, start, end } : { kind: 'Model', name, start, end }, []);
    }
    if (this.isPunctuator(this.peek(), '(')) {
      this.advance();
      const args = this.argumentsRest();
      return this.node({ kind: 'Call', callee: token.value, args, start, end: this.endPosition() }, args);
    }
    return this.node({ kind: 'Identifier', name: token.value, start, end: token.end }, []);
  }

  /**
   * `( 'name' )` after `feature` or `model`. The argument must be one non-empty string literal: a
   * reference computed at run time could not be put in the lineage graph.
   */
  private staticName(what: string): string {
    this.expectPunctuator('(');
    const arg = this.peek();
    if (arg.kind !== 'string') {
      this.fail(`${what}() takes the name as a string literal (a reference must be static)`, arg);
    }
    if (arg.value === '') {
      throw new ExpressionSyntaxError(`${what}() name must not be empty`, arg.start, arg.text);
    }
    this.advance();
    this.expectPunctuator(')');
    return arg.value;
  }

  /** After '(': `expr, expr, …)` or `)`. */
  private argumentsRest(): Expression[] {
    return this.itemsUntil(')');
  }

  private listRest(start: Position, close: ')' | ']'): ListNode {
    const items = this.itemsUntil(close);
    return this.node({ kind: 'List', items, start, end: this.endPosition() }, items);
  }

  /** Comma-separated expressions up to and including `close`; no trailing comma. */
  private itemsUntil(close: ')' | ']'): Expression[] {
    this.enter();
    const items: Expression[] = [];
    if (this.isPunctuator(this.peek(), close)) {
      this.advance();
      this.nesting--;
      return items;
    }
    for (;;) {
      items.push(this.expression());
      const token = this.peek();
      if (this.isPunctuator(token, ',')) {
        this.advance();
        continue;
      }
      if (this.isPunctuator(token, close)) {
        this.advance();
        this.nesting--;
        return items;
      }
      this.fail(`expected ',' or '${close}'`, token);
    }
  }
}

function isComparison(op: BinaryOperator): op is ComparisonOperator {
  return op === '==' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=';
}

/** Parses a rule expression into its tree; throws ExpressionSyntaxError on bad input. */
export function parseExpression(text: string): Expression {
  return new Parser(text).parseAll();
}
