import type { InputSemanticsProperty } from '../../graph-model/inputSemantics.js';
import type { OpenLineageDataset } from './events.js';

/**
 * The custom input dataset facet `inputSemantics` (OpenLineage `inputs[].inputFacets`, like the
 * spec's input statistics): `{ "_producer": ..., "_schemaURL": ..., "required": false }` says the
 * job runs, worse, without that input (docs/impact.md). Collected into the job's
 * `properties.inputSemantics`; inputs without the facet (or with `required` not a boolean) take
 * the default of the job's kind.
 */
export const INPUT_SEMANTICS_FACET = 'inputSemantics';

export function declaredInputSemantics(inputs: readonly OpenLineageDataset[]): InputSemanticsProperty | undefined {
  const optional: { namespace: string; name: string }[] = [];
  const required: { namespace: string; name: string }[] = [];
  for (const input of inputs) {
    const facet = input.ioFacets[INPUT_SEMANTICS_FACET] as { required?: unknown } | undefined;
    if (typeof facet?.required !== 'boolean') continue;
    (facet.required ? required : optional).push({ namespace: input.namespace, name: input.name });
  }
  if (optional.length === 0 && required.length === 0) return undefined;
  return { ...(optional.length > 0 ? { optional } : {}), ...(required.length > 0 ? { required } : {}) };
}
