import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';
import { ErrorCode } from './errors.js';

/**
 * Refuses operations nested deeper than `maxDepth` fields (fragments expanded; introspection's own
 * fields count like any other). Deep queries multiply work per level even when each list is small.
 */
export function depthLimitRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    const depthOf = (set: SelectionSetNode | undefined, visiting: Set<string>): number => {
      if (!set) return 0;
      let deepest = 0;
      for (const selection of set.selections) {
        switch (selection.kind) {
          case Kind.FIELD:
            deepest = Math.max(deepest, selection.selectionSet ? 1 + depthOf(selection.selectionSet, visiting) : 1);
            break;
          case Kind.INLINE_FRAGMENT:
            deepest = Math.max(deepest, depthOf(selection.selectionSet, visiting));
            break;
          case Kind.FRAGMENT_SPREAD: {
            const name = selection.name.value;
            // A fragment cycle is reported by graphql's own NoFragmentCycles rule.
            if (visiting.has(name)) break;
            visiting.add(name);
            deepest = Math.max(deepest, depthOf(fragments.get(name)?.selectionSet, visiting));
            visiting.delete(name);
            break;
          }
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, new Set());
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`query depth ${depth} exceeds the limit of ${maxDepth}`, {
              nodes: [node],
              extensions: { code: ErrorCode.LIMIT_EXCEEDED, limit: maxDepth, depth },
            }),
          );
        }
      },
    };
  };
}
