/**
 * The syntax tree of a rule expression. Every node records where it starts and ends in the source,
 * so references and later diagnostics (type errors, unknown features) can point at the text.
 *
 * The tree is deliberately "semantic at the leaves": `event`, `feature('x')` and `model('x')` are
 * their own node kinds instead of generic identifiers and calls, so nothing downstream has to
 * re-recognize them, and a `feature(...)` whose argument is not a literal can never be represented.
 */
import type { Position } from './tokens.js';

export type { Position } from './tokens.js';

interface NodeBase {
  /** Position of the first character of the node (an opening parenthesis around it included). */
  readonly start: Position;
  /** Position just after the node's last character. */
  readonly end: Position;
}

/** Numbers are finite and never negative: `-5` is a unary minus applied to `5`. */
export interface LiteralNode extends NodeBase {
  readonly kind: 'Literal';
  readonly value: string | number | boolean | null;
}

/** `[a, b]` anywhere, or `(a, b)` right after `in`. */
export interface ListNode extends NodeBase {
  readonly kind: 'List';
  readonly items: readonly Expression[];
}

/** A bare name that is neither a keyword, a reserved root nor a function call: a rule variable. */
export interface IdentifierNode extends NodeBase {
  readonly kind: 'Identifier';
  readonly name: string;
}

/** The `event` root; its fields are `Member` nodes above it. */
export interface EventNode extends NodeBase {
  readonly kind: 'Event';
}

/** `feature('name')`: always a string literal, so the reference is static. */
export interface FeatureNode extends NodeBase {
  readonly kind: 'Feature';
  readonly name: string;
}

/** `model('name')`: its output fields are `Member` nodes above it. */
export interface ModelNode extends NodeBase {
  readonly kind: 'Model';
  readonly name: string;
}

/** `object.property` */
export interface MemberNode extends NodeBase {
  readonly kind: 'Member';
  readonly object: Expression;
  readonly property: string;
}

/** `name(args)`: a call of a named (built-in or platform) function. */
export interface CallNode extends NodeBase {
  readonly kind: 'Call';
  readonly callee: string;
  readonly args: readonly Expression[];
}

/** `receiver.method(args)` */
export interface MethodCallNode extends NodeBase {
  readonly kind: 'MethodCall';
  readonly receiver: Expression;
  readonly method: string;
  /** Where the method name is written (the node itself starts at the receiver). */
  readonly methodStart: Position;
  readonly args: readonly Expression[];
}

/** `not x` / `!x` (both become 'not') and `-x`. */
export type UnaryOperator = 'not' | '-';
export interface UnaryNode extends NodeBase {
  readonly kind: 'Unary';
  readonly op: UnaryOperator;
  readonly operand: Expression;
}

export type LogicalOperator = 'and' | 'or';
/** `=` is written as `==`, `<>` as `!=`: the tree keeps one spelling per meaning. */
export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';
export type BinaryOperator = LogicalOperator | ComparisonOperator | ArithmeticOperator;

export interface BinaryNode extends NodeBase {
  readonly kind: 'Binary';
  readonly op: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
}

/**
 * What may follow `in`: a list literal, or a single postfix expression that yields a collection
 * (`event.device_id in feature('user_devices_30d')`). Anything looser would need parentheses, and
 * `in (...)` always means a list, so it is excluded by type rather than mis-printed.
 */
export type InCollection =
  | ListNode
  | IdentifierNode
  | EventNode
  | FeatureNode
  | ModelNode
  | MemberNode
  | CallNode
  | MethodCallNode;

/** `value in collection` / `value not in collection` */
export interface InNode extends NodeBase {
  readonly kind: 'In';
  readonly negated: boolean;
  readonly value: Expression;
  readonly collection: InCollection;
}

/** `value between low and high` (inclusive) / `value not between low and high` */
export interface BetweenNode extends NodeBase {
  readonly kind: 'Between';
  readonly negated: boolean;
  readonly value: Expression;
  readonly low: Expression;
  readonly high: Expression;
}

/** `value is null` / `value is not null` */
export interface IsNullNode extends NodeBase {
  readonly kind: 'IsNull';
  readonly negated: boolean;
  readonly value: Expression;
}

export type Expression =
  | LiteralNode
  | ListNode
  | IdentifierNode
  | EventNode
  | FeatureNode
  | ModelNode
  | MemberNode
  | CallNode
  | MethodCallNode
  | UnaryNode
  | BinaryNode
  | InNode
  | BetweenNode
  | IsNullNode;

export type ExpressionKind = Expression['kind'];
