/**
 * Canonical printer: lower-case keywords, `and`/`or`/`not`, `==`, single-quoted strings, `[...]`
 * lists, and only the parentheses precedence requires. parse(format(ast)) gives back `ast` (positions
 * aside), which the property test checks; that also makes it the normal form for comparing rules.
 */
import { unreachable } from '../../../graph-model/model.js';
import type { Expression } from './ast.js';
import { PRECEDENCE, binaryPrecedence, nodePrecedence } from './precedence.js';
import { asKeyword, asReservedRoot, isValidIdentifier } from './tokens.js';

export function formatExpression(ast: Expression): string {
  return print(ast);
}

/** Prints `node` in a slot that needs at least `min` precedence, adding parentheses if it binds looser. */
function operand(node: Expression, min: number): string {
  const text = print(node);
  return nodePrecedence(node) < min ? `(${text})` : text;
}

function print(node: Expression): string {
  switch (node.kind) {
    case 'Literal':
      return literal(node.value);
    case 'List':
      return `[${node.items.map((item) => print(item)).join(', ')}]`;
    case 'Identifier':
      return name(node.name, 'variable');
    case 'Event':
      return 'event';
    case 'Feature':
      return `feature(${quote(node.name)})`;
    case 'Model':
      return `model(${quote(node.name)})`;
    case 'Member':
      return `${operand(node.object, PRECEDENCE.postfix)}.${memberName(node.property)}`;
    case 'Call':
      return `${name(node.callee, 'function')}(${node.args.map((arg) => print(arg)).join(', ')})`;
    case 'MethodCall':
      return `${operand(node.receiver, PRECEDENCE.postfix)}.${memberName(node.method)}(${node.args.map((arg) => print(arg)).join(', ')})`;
    case 'Unary':
      return node.op === 'not'
        ? `not ${operand(node.operand, PRECEDENCE.not)}`
        : `-${operand(node.operand, PRECEDENCE.unary)}`;
    case 'Binary': {
      const precedence = binaryPrecedence(node.op);
      // Comparisons are non-associative: both sides must bind tighter. The others are
      // left-associative: the left side may be the same operator, the right side may not.
      const leftMin = precedence === PRECEDENCE.comparison ? PRECEDENCE.additive : precedence;
      const rightMin = precedence === PRECEDENCE.comparison ? PRECEDENCE.additive : precedence + 1;
      return `${operand(node.left, leftMin)} ${node.op} ${operand(node.right, rightMin)}`;
    }
    case 'In':
      // The collection is a list or a postfix expression by type, so it never needs parentheses
      // (which after `in` would mean a list).
      return `${operand(node.value, PRECEDENCE.additive)} ${node.negated ? 'not in' : 'in'} ${print(node.collection)}`;
    case 'Between':
      return `${operand(node.value, PRECEDENCE.additive)} ${node.negated ? 'not between' : 'between'} ${operand(node.low, PRECEDENCE.additive)} and ${operand(node.high, PRECEDENCE.additive)}`;
    case 'IsNull':
      return `${operand(node.value, PRECEDENCE.additive)} ${node.negated ? 'is not null' : 'is null'}`;
    default:
      return unreachable(node);
  }
}

function literal(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return quote(value);
  // The grammar has no negative or non-finite number literals; printing one would change the tree.
  if (!Number.isFinite(value) || value < 0 || Object.is(value, -0)) {
    throw new RangeError(`cannot format number literal ${String(value)}: write it as unary minus or avoid it`);
  }
  // JavaScript's shortest round-trip form; the lexer reads its exponent notation (1e+21, 5e-7).
  return String(value);
}

/** Single-quoted, with escapes for the quote, backslash and every control or line-separator character. */
function quote(value: string): string {
  let out = "'";
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "'") out += "\\'";
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}'`;
}

/** A variable or function name: must lex as an identifier and not be claimed by the grammar. */
function name(value: string, what: string): string {
  if (!isValidIdentifier(value) || asKeyword(value) !== null || asReservedRoot(value) !== null) {
    throw new RangeError(`cannot format ${what} name '${value}': not a plain identifier`);
  }
  return value;
}

/** After '.', keywords and reserved roots are fine; only the identifier shape matters. */
function memberName(value: string): string {
  if (!isValidIdentifier(value)) throw new RangeError(`cannot format member name '${value}': not a plain identifier`);
  return value;
}
