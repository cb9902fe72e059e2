/** A feature, model or rule as decision time names it. */
export interface FeatureRefValue {
  id: string;
  namespace: string;
  name: string;
}

export interface RuleFeaturesValue {
  rule: FeatureRefValue;
  version: number;
  direct: readonly FeatureRefValue[];
  transitive: readonly FeatureRefValue[];
  models: readonly (FeatureRefValue & { inputs: readonly FeatureRefValue[] })[];
}

/** Precomputed answers of decision time (graph-model/decision), as the GraphQL layer reads them. */
export interface RuleFeatureSource {
  /** The rule's answer, or null when no rule has this id at the latest version. */
  featuresForRule(id: string): RuleFeaturesValue | null;
}
