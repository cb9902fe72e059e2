/**
 * Position-free view of a tree: two expressions that differ only in layout, redundant parentheses
 * or keyword spelling have equal stripped trees (used by tests, and to tell a reformatted rule from a
 * changed one).
 */
import { unreachable } from '../../../graph-model/model.js';
import type { Expression } from './ast.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A node without `start`/`end`/`methodStart`, recursively. */
export type BareExpression = BareNode<Expression>;
type BareNode<T> = T extends Expression
  ? { [K in keyof DistributiveOmit<T, 'start' | 'end' | 'methodStart'>]: BareChild<DistributiveOmit<T, 'start' | 'end' | 'methodStart'>[K]> }
  : never;
type BareChild<V> = V extends Expression ? BareExpression : V extends readonly Expression[] ? BareExpression[] : V;

export function withoutPositions(node: Expression): BareExpression {
  switch (node.kind) {
    case 'Literal':
      return { kind: node.kind, value: node.value };
    case 'List':
      return { kind: node.kind, items: node.items.map(withoutPositions) };
    case 'Identifier':
      return { kind: node.kind, name: node.name };
    case 'Event':
      return { kind: node.kind };
    case 'Feature':
    case 'Model':
      return { kind: node.kind, name: node.name };
    case 'Member':
      return { kind: node.kind, object: withoutPositions(node.object), property: node.property };
    case 'Call':
      return { kind: node.kind, callee: node.callee, args: node.args.map(withoutPositions) };
    case 'MethodCall':
      return { kind: node.kind, receiver: withoutPositions(node.receiver), method: node.method, args: node.args.map(withoutPositions) };
    case 'Unary':
      return { kind: node.kind, op: node.op, operand: withoutPositions(node.operand) };
    case 'Binary':
      return { kind: node.kind, op: node.op, left: withoutPositions(node.left), right: withoutPositions(node.right) };
    case 'In':
      return { kind: node.kind, negated: node.negated, value: withoutPositions(node.value), collection: withoutPositions(node.collection) };
    case 'Between':
      return {
        kind: node.kind,
        negated: node.negated,
        value: withoutPositions(node.value),
        low: withoutPositions(node.low),
        high: withoutPositions(node.high),
      };
    case 'IsNull':
      return { kind: node.kind, negated: node.negated, value: withoutPositions(node.value) };
    default:
      return unreachable(node);
  }
}
