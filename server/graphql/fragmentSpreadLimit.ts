import { Kind, type ASTVisitor, type OperationDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

/**
 * The fragment spreads an operation holds once its fragments are expanded, counted in time linear in
 * the document: each fragment's own count is computed once and reused wherever it is spread, so
 * `fragment F2 on Query { ...F1 ...F1 }` chains that double at every step cost nothing to count.
 */
export function expandedSpreadCount(context: ValidationContext, operation: OperationDefinitionNode): number {
  const perFragment = new Map<string, number>();
  const count = (set: SelectionSetNode | undefined): number => {
    let spreads = 0;
    for (const selection of set?.selections ?? []) {
      if (selection.kind !== Kind.FRAGMENT_SPREAD) {
        spreads += count(selection.selectionSet);
        continue;
      }
      const name = selection.name.value;
      let inside = perFragment.get(name);
      if (inside === undefined) {
        // A fragment cycle is graphql's NoFragmentCycles rule's to report: count it once, as empty.
        perFragment.set(name, 0);
        inside = count(context.getFragment(name)?.selectionSet);
        perFragment.set(name, inside);
      }
      spreads += 1 + inside;
    }
    return spreads;
  };
  return count(operation.selectionSet);
}

/** A validation rule calling `refuse` with an operation's expanded spread count when it exceeds `max`. */
export function maxFragmentSpreadsRule(max: number, refuse: (context: ValidationContext, found: number) => void) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const found = expandedSpreadCount(context, operation);
      if (found > max) refuse(context, found);
    },
  });
}
