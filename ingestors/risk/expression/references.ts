/**
 * What a rule expression reads. These are the READS edges of the rule's RULE_EVALUATION computation
 * (features, model outputs, event fields), plus the functions it calls (for auditing) and the bare
 * variables it uses (for the ingestor to resolve or flag).
 */
import { unreachable } from '../../../graph-model/model.js';
import type { Expression, Position } from './ast.js';

export const REFERENCE_KINDS = ['FEATURE', 'MODEL', 'EVENT_FIELD', 'FUNCTION', 'VARIABLE'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

interface ReferenceBase {
  /** Where the reference is first written (its first occurrence when it appears several times). */
  readonly position: Position;
  readonly end: Position;
}

/** `feature('name')`; member access on a feature's value is not part of the reference. */
export interface FeatureReference extends ReferenceBase {
  readonly kind: 'FEATURE';
  readonly name: string;
}

/**
 * `model('name').field` (a dotted path for nested outputs). `model('name')` without a field reads
 * the model's default output and has `field: null`; it is a different reference from any named field.
 */
export interface ModelReference extends ReferenceBase {
  readonly kind: 'MODEL';
  readonly name: string;
  readonly field: string | null;
}

/** `event.a.b` has path 'a.b'; a bare `event` (the whole event, e.g. passed to a function) has path ''. */
export interface EventFieldReference extends ReferenceBase {
  readonly kind: 'EVENT_FIELD';
  readonly path: string;
}

/** `f(...)` or `x.f(...)`: the function or method name, as written. */
export interface FunctionReference extends ReferenceBase {
  readonly kind: 'FUNCTION';
  readonly name: string;
}

/** A bare identifier: a rule variable (list, threshold, parameter) the parser cannot resolve itself. */
export interface VariableReference extends ReferenceBase {
  readonly kind: 'VARIABLE';
  readonly name: string;
}

export type ExpressionReference =
  | FeatureReference
  | ModelReference
  | EventFieldReference
  | FunctionReference
  | VariableReference;

/**
 * Every reference of `ast`, in source order, each listed once (at its first occurrence).
 * Identity: kind + name (+ field for models, path for event fields).
 */
export function extractReferences(ast: Expression): ExpressionReference[] {
  const found: ExpressionReference[] = [];
  collect(ast, found);
  // Walk order is already close to source order; sorting makes "first position" exact anyway.
  found.sort((a, b) => a.position.offset - b.position.offset);
  const seen = new Set<string>();
  return found.filter((ref) => {
    const key = referenceKey(ref);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A stable identity string for a reference (positions excluded). */
export function referenceKey(ref: ExpressionReference): string {
  switch (ref.kind) {
    case 'FEATURE':
    case 'FUNCTION':
    case 'VARIABLE':
      return `${ref.kind}\u0000${ref.name}`;
    case 'MODEL':
      return `${ref.kind}\u0000${ref.name}\u0000${ref.field ?? '\u0001default'}`;
    case 'EVENT_FIELD':
      return `${ref.kind}\u0000${ref.path}`;
    default:
      return unreachable(ref);
  }
}

function collect(node: Expression, out: ExpressionReference[]): void {
  switch (node.kind) {
    case 'Literal':
      return;
    case 'List':
      for (const item of node.items) collect(item, out);
      return;
    case 'Identifier':
      out.push({ kind: 'VARIABLE', name: node.name, position: node.start, end: node.end });
      return;
    case 'Event':
      out.push({ kind: 'EVENT_FIELD', path: '', position: node.start, end: node.end });
      return;
    case 'Feature':
      out.push({ kind: 'FEATURE', name: node.name, position: node.start, end: node.end });
      return;
    case 'Model':
      out.push({ kind: 'MODEL', name: node.name, field: null, position: node.start, end: node.end });
      return;
    case 'Member': {
      // A chain of members rooted at `event` or `model(...)` is one reference with a dotted path;
      // members of anything else (a feature's value, a call's result) are just values.
      const path: string[] = [];
      let root: Expression = node;
      while (root.kind === 'Member') {
        path.unshift(root.property);
        root = root.object;
      }
      if (root.kind === 'Event') {
        out.push({ kind: 'EVENT_FIELD', path: path.join('.'), position: node.start, end: node.end });
      } else if (root.kind === 'Model') {
        out.push({ kind: 'MODEL', name: root.name, field: path.join('.'), position: node.start, end: node.end });
      } else {
        collect(root, out);
      }
      return;
    }
    case 'Call':
      out.push({ kind: 'FUNCTION', name: node.callee, position: node.start, end: calleeEnd(node.start, node.callee) });
      for (const arg of node.args) collect(arg, out);
      return;
    case 'MethodCall':
      collect(node.receiver, out);
      out.push({ kind: 'FUNCTION', name: node.method, position: node.methodStart, end: calleeEnd(node.methodStart, node.method) });
      for (const arg of node.args) collect(arg, out);
      return;
    case 'Unary':
      collect(node.operand, out);
      return;
    case 'Binary':
      collect(node.left, out);
      collect(node.right, out);
      return;
    case 'In':
      collect(node.value, out);
      collect(node.collection, out);
      return;
    case 'Between':
      collect(node.value, out);
      collect(node.low, out);
      collect(node.high, out);
      return;
    case 'IsNull':
      collect(node.value, out);
      return;
    default:
      unreachable(node);
  }
}

/** A function reference spans its name only (names never contain line breaks). */
function calleeEnd(start: Position, name: string): Position {
  return { offset: start.offset + name.length, line: start.line, column: start.column + name.length };
}
