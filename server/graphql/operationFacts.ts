import {
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Scope } from '../auth/scopes.js';
import { scopeOf } from './fieldScopes.js';

/** What the guard needs to know of an operation, once its fragments are resolved. */
export interface OperationFacts {
  /** Each scope some field of the operation needs, with the first such field. */
  scopes: ReadonlyMap<Scope, string>;
  /** The metric label: the one root field the operation runs (aliases aside), else `other`. */
  label: string;
}

export const OTHER_OPERATION = 'other';

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  return fragments;
}

/**
 * Scopes are checked on every field the operation can reach: in the operation itself and in each
 * fragment it spreads, directly or through other fragments, inline fragments and aliases included.
 * A field under `@include(if: false)` or `@skip(if: true)` still counts (the check does not depend
 * on variables, and a token lacking the scope has no business asking). Each fragment is read once.
 */
function scopesNeeded(schema: GraphQLSchema, fragments: Map<string, FragmentDefinitionNode>, operation: OperationDefinitionNode): Map<Scope, string> {
  const needed = new Map<Scope, string>();
  const pending: ASTNode[] = [operation];
  const seen = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field() {
      const field = typeInfo.getFieldDef();
      const scope = field ? scopeOf(field) : undefined;
      if (scope && !needed.has(scope)) needed.set(scope, field!.name);
    },
    FragmentSpread(spread) {
      const fragment = fragments.get(spread.name.value);
      if (fragment && !seen.has(fragment.name.value)) {
        seen.add(fragment.name.value);
        pending.push(fragment);
      }
    },
  });
  for (let i = 0; i < pending.length; i++) visit(pending[i]!, visitor);
  return needed;
}

/** The distinct root fields an operation selects, through fragments at the root. */
function rootFields(fragments: Map<string, FragmentDefinitionNode>, operation: OperationDefinitionNode): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return names;
}

// Apollo hands the same parsed document, hence the same operation node, for the same query text.
const known = new WeakMap<OperationDefinitionNode, OperationFacts>();

export function operationFacts(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): OperationFacts {
  let facts = known.get(operation);
  if (!facts) {
    const fragments = fragmentsOf(document);
    const roots = rootFields(fragments, operation);
    const [only] = roots;
    const label = roots.size === 1 && schema.getQueryType()?.getFields()[only!] ? only! : OTHER_OPERATION;
    facts = { scopes: scopesNeeded(schema, fragments, operation), label };
    known.set(operation, facts);
  }
  return facts;
}
