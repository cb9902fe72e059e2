import { nodeId } from './ids.js';

/**
 * Whether a computation needs an input to run (REQUIRED) or runs without it, worse (OPTIONAL).
 * Sources declare it in a computation's `properties.inputSemantics` (the risk catalog from its
 * files, OpenLineage from the `inputSemantics` input facet); what is not declared takes the default
 * of the computation's kind (graph-model/analyses/inputSemantics.ts, docs/impact.md).
 */
export type InputSemantics = 'REQUIRED' | 'OPTIONAL';

export interface DeclaredInput {
  namespace: string;
  name: string;
}

/** The shape of `properties.inputSemantics` in a computation's definition. */
export interface InputSemanticsProperty {
  optional?: DeclaredInput[];
  required?: DeclaredInput[];
}

/** The statuses of a rule or model that mean it no longer runs. */
export const INACTIVE_STATUSES: ReadonlySet<string> = new Set(['retired', 'disabled', 'inactive']);

/** Node ids of the inputs `property` declares optional and required; malformed entries are skipped. */
export function declaredInputIds(property: unknown): { optional: string[]; required: string[] } {
  const value = (property ?? {}) as InputSemanticsProperty;
  const ids = (list: unknown): string[] =>
    Array.isArray(list)
      ? list
          .filter((input): input is DeclaredInput => typeof input?.namespace === 'string' && typeof input?.name === 'string')
          .map((input) => nodeId('ASSET', input.namespace, input.name))
      : [];
  return { optional: ids(value.optional), required: ids(value.required) };
}
