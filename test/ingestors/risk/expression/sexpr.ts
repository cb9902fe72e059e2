import { unreachable } from '../../../../graph-model/model.js';
import type { Expression } from '../../../../ingestors/risk/expression/index.js';

/** A compact, position-free rendering of a tree that makes grouping visible: `(and a (or b c))`. */
export function sexpr(node: Expression): string {
  switch (node.kind) {
    case 'Literal':
      return typeof node.value === 'string' ? JSON.stringify(node.value) : String(node.value);
    case 'List':
      return `[${node.items.map(sexpr).join(' ')}]`;
    case 'Identifier':
      return node.name;
    case 'Event':
      return 'event';
    case 'Feature':
      return `feature:${node.name}`;
    case 'Model':
      return `model:${node.name}`;
    case 'Member':
      return `(. ${sexpr(node.object)} ${node.property})`;
    case 'Call':
      return `(call ${node.callee}${node.args.map((a) => ` ${sexpr(a)}`).join('')})`;
    case 'MethodCall':
      return `(method ${sexpr(node.receiver)} ${node.method}${node.args.map((a) => ` ${sexpr(a)}`).join('')})`;
    case 'Unary':
      return `(${node.op} ${sexpr(node.operand)})`;
    case 'Binary':
      return `(${node.op} ${sexpr(node.left)} ${sexpr(node.right)})`;
    case 'In':
      return `(${node.negated ? 'not-in' : 'in'} ${sexpr(node.value)} ${sexpr(node.collection)})`;
    case 'Between':
      return `(${node.negated ? 'not-between' : 'between'} ${sexpr(node.value)} ${sexpr(node.low)} ${sexpr(node.high)})`;
    case 'IsNull':
      return `(${node.negated ? 'is-not-null' : 'is-null'} ${sexpr(node.value)})`;
    default:
      return unreachable(node);
  }
}
