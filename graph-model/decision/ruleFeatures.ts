/**
 * The decision-time answer for one rule, as the rule engine and the HTTP endpoint receive it.
 * Every object is frozen and shared: a feature that feeds 500 rules is one object, and a call
 * returns the precomputed answer itself, never a copy.
 */

/** A node as answers name it (its kind is implied by the list it is in). */
export interface DecisionNode {
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
}

/** A MODEL asset the rule reads, with the FEATURE assets its TRAINING/INFERENCE computations read. */
export interface ModelInputs extends DecisionNode {
  readonly inputs: readonly DecisionNode[];
}

export interface RuleFeatures {
  readonly rule: DecisionNode;
  /** The graph version the answer reflects: the latest version the decision index holds. */
  readonly version: number;
  /** FEATURE assets read by the computations that write the rule (its RULE_EVALUATION). */
  readonly direct: readonly DecisionNode[];
  /**
   * Every FEATURE asset upstream of the rule, at any distance: the direct ones, the inputs of the
   * models it reads, and the features those features are derived from. A superset of `direct`.
   */
  readonly transitive: readonly DecisionNode[];
  /** MODEL assets read by the computations that write the rule, with their input features. */
  readonly models: readonly ModelInputs[];
}

/** How a caller names a rule without its id. */
export interface RuleName {
  namespace: string;
  name: string;
}

/** Sorted by namespace, then name (then id): answers are deterministic, whatever the load order. */
export function compareNodes(a: DecisionNode, b: DecisionNode): number {
  return compare(a.namespace, b.namespace) || compare(a.name, b.name) || compare(a.id, b.id);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
