/**
 * Operator precedence, shared by the parser (precedence climbing) and the printer (minimal
 * parentheses), so the two can never disagree. Higher binds tighter.
 */
import { unreachable } from '../../../graph-model/model.js';
import type { BinaryOperator, Expression } from './ast.js';

export const PRECEDENCE = {
  or: 1,
  and: 2,
  /** Prefix `not` sits between `and` and the comparisons, as in SQL: `not a == b` is `not (a == b)`. */
  not: 3,
  /** Comparisons, `in`, `between`, `is null`; non-associative (`a < b < c` is an error). */
  comparison: 4,
  additive: 5,
  multiplicative: 6,
  /** Unary minus. */
  unary: 7,
  /** Member access, calls and primaries. */
  postfix: 8,
} as const;

export function binaryPrecedence(op: BinaryOperator): number {
  switch (op) {
    case 'or':
      return PRECEDENCE.or;
    case 'and':
      return PRECEDENCE.and;
    case '==':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return PRECEDENCE.comparison;
    case '+':
    case '-':
      return PRECEDENCE.additive;
    case '*':
    case '/':
    case '%':
      return PRECEDENCE.multiplicative;
    default:
      return unreachable(op);
  }
}

/** How tightly a node binds when printed; a child binding looser than its slot needs parentheses. */
export function nodePrecedence(node: Expression): number {
  switch (node.kind) {
    case 'Binary':
      return binaryPrecedence(node.op);
    case 'Unary':
      return node.op === 'not' ? PRECEDENCE.not : PRECEDENCE.unary;
    case 'In':
    case 'Between':
    case 'IsNull':
      return PRECEDENCE.comparison;
    case 'Literal':
    case 'List':
    case 'Identifier':
    case 'Event':
    case 'Feature':
    case 'Model':
    case 'Member':
    case 'Call':
    case 'MethodCall':
      return PRECEDENCE.postfix;
    default:
      return unreachable(node);
  }
}
