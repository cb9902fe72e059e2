/* Helpers over dt-sql-parser's ANTLR parse trees (antlr4ng). A node is a rule context whose class
 * name (`InsertSimpleStatementContext`) says which grammar rule or labelled alternative it is; the
 * readers go by those names, the one thing the three grammars' trees have in common. */

/** A parse tree node: a rule context with children, or a terminal (token) without. */
export interface TreeNode {
  children?: TreeNode[] | null;
  getText(): string;
  symbol?: { text?: string | null; line: number; column: number };
  start?: { line: number; column: number } | null;
}

/** The rule (or labelled alternative) a node stands for: its class name without `Context`. */
export function rule(node: TreeNode): string {
  return node.children ? node.constructor.name.replace(/Context$/, '') : '';
}

export function kids(node: TreeNode): TreeNode[] {
  return node.children ?? [];
}

export function isToken(node: TreeNode, text?: string): boolean {
  if (node.children) return false;
  return text === undefined || node.getText().toUpperCase() === text;
}

/** The first child (not descendant) for one of the rules. */
export function child(node: TreeNode, ...rules: string[]): TreeNode | undefined {
  return kids(node).find((c) => rules.includes(rule(c)));
}

export function childrenOf(node: TreeNode, ...rules: string[]): TreeNode[] {
  return kids(node).filter((c) => rules.includes(rule(c)));
}

/**
 * The descendants matching `match`, in order, not looking inside a match nor inside a node `stop`
 * accepts (the root itself is always entered): how a reader finds, say, the WHERE clause of a
 * SELECT without taking that of a subquery.
 */
export function findAll(root: TreeNode, match: (node: TreeNode) => boolean, stop: (node: TreeNode) => boolean = () => false): TreeNode[] {
  const found: TreeNode[] = [];
  const visit = (node: TreeNode) => {
    for (const c of kids(node)) {
      if (match(c)) found.push(c);
      else if (!stop(c)) visit(c);
    }
  };
  visit(root);
  return found;
}

export function findFirst(root: TreeNode, match: (node: TreeNode) => boolean, stop?: (node: TreeNode) => boolean): TreeNode | undefined {
  return findAll(root, match, stop)[0];
}

export const named =
  (...rules: string[]) =>
  (node: TreeNode): boolean =>
    rules.includes(rule(node));

/** Every token under a node, in order (the empty ones ANTLR adds for error capture left out). */
export function tokens(node: TreeNode): string[] {
  if (!node.children) {
    const text = node.getText();
    return text === '' || text === '<EOF>' ? [] : [text];
  }
  return node.children.flatMap(tokens);
}

/** An identifier as the engines see it: unquoted (`ods`, "ods", 'ods') and lower-cased. */
export function unquote(text: string): string {
  const quoted = /^([`"'])(.*)\1$/s.exec(text);
  return (quoted ? quoted[2]!.replace(/``/g, '`') : text).toLowerCase();
}

/** A dotted name's parts (`ods`.`t` -> ['ods', 't']). */
export function nameParts(node: TreeNode): string[] {
  return tokens(node)
    .filter((t) => t !== '.')
    .map(unquote);
}

/** A string literal's value ('kafka' -> kafka), as written (case kept). */
export function stringValue(text: string): string {
  const quoted = /^(['"])(.*)\1$/s.exec(text.trim());
  return quoted ? quoted[2]!.replace(/''/g, "'").replace(/\\(.)/g, '$1') : text.trim();
}
