/**
 * Rule-expression front end: parse a rule's condition, list what it reads. See
 * docs/rule-expressions.md for the language.
 */
import type { Expression } from './ast.js';
import { ExpressionSyntaxError } from './errors.js';
import { parseExpression } from './parser.js';
import { extractReferences, type ExpressionReference } from './references.js';

export type * from './ast.js';
export { ExpressionSyntaxError } from './errors.js';
export { formatExpression } from './format.js';
export { tokenize } from './lexer.js';
export { MAX_NESTING, parseExpression } from './parser.js';
export {
  REFERENCE_KINDS,
  extractReferences,
  referenceKey,
  type EventFieldReference,
  type ExpressionReference,
  type FeatureReference,
  type FunctionReference,
  type ModelReference,
  type ReferenceKind,
  type VariableReference,
} from './references.js';
export { withoutPositions, type BareExpression } from './structure.js';

export interface ParsedRuleExpression {
  readonly ast: Expression;
  readonly references: ExpressionReference[];
}

export type TryParseResult = ({ readonly ok: true } & ParsedRuleExpression) | { readonly ok: false; readonly error: ExpressionSyntaxError };

/** Parses `text` and extracts its references; throws ExpressionSyntaxError on bad input. */
export function parseRuleExpression(text: string): ParsedRuleExpression {
  const ast = parseExpression(text);
  return { ast, references: extractReferences(ast) };
}

/** Like parseRuleExpression but returns syntax errors as values (other errors are bugs and still throw). */
export function tryParseRuleExpression(text: string): TryParseResult {
  try {
    return { ok: true, ...parseRuleExpression(text) };
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return { ok: false, error };
    throw error;
  }
}
