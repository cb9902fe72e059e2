import { TEXT_LIMITS, tooLongReason } from '../../graph-model/storableText.js';
import { pointerSegment } from '../jsonPointer.js';
import type { Facets } from './events.js';
import { facet, isObject, objects, type Json } from './facetValues.js';

/** An issue at a JSON Pointer relative to the facets object. */
export interface FacetIssue {
  pointer: string;
  message: string;
}


/**
 * The strings of a dataset's facets that become indexed identities (storableText.ts TEXT_LIMITS):
 * schema field names, and the fields, datasets and transformation subtypes of column lineage.
 * Longer ones are refused here, naming the facet path, rather than by the database later.
 */
export function facetLimitIssues(facets: Facets): FacetIssue[] {
  const issues: FacetIssue[] = [];
  const limit = (value: unknown, maxBytes: number, pointer: string, what: string) => {
    if (typeof value !== 'string') return;
    const reason = tooLongReason(value, maxBytes);
    if (reason) issues.push({ pointer, message: `${what} ${reason}` });
  };
  const schema = facet(facets, 'schema');
  if (schema) {
    // Iterative: nested struct members may be deep (the event's nesting limit still applies).
    const pending: { fields: unknown; pointer: string }[] = [{ fields: schema.fields, pointer: '/schema/fields' }];
    while (pending.length > 0) {
      const { fields, pointer } = pending.pop()!;
      if (!Array.isArray(fields)) continue;
      fields.forEach((field: unknown, i) => {
        if (!isObject(field)) return;
        limit(field.name, TEXT_LIMITS.field, `${pointer}/${i}/name`, 'field name');
        pending.push({ fields: field.fields, pointer: `${pointer}/${i}/fields` });
      });
    }
  }
  const input = (entry: Json, pointer: string) => {
    limit(entry.namespace, TEXT_LIMITS.identity, `${pointer}/namespace`, 'namespace');
    limit(entry.name, TEXT_LIMITS.identity, `${pointer}/name`, 'name');
    limit(entry.field, TEXT_LIMITS.field, `${pointer}/field`, 'field');
    objects(entry.transformations).forEach((t, k) => limit(t.subtype, TEXT_LIMITS.subtype, `${pointer}/transformations/${k}/subtype`, 'subtype'));
  };
  for (const [name, inputsKey, datasetKey] of [['columnLineage', 'inputFields', 'dataset'], ['lineage', 'inputs', 'inputs']] as const) {
    const lineage = facet(facets, name);
    if (!lineage) continue;
    const fields = isObject(lineage.fields) ? lineage.fields : {};
    for (const [outputField, spec] of Object.entries(fields)) {
      const pointer = `/${name}/fields/${pointerSegment(outputField)}`;
      const reason = tooLongReason(outputField, TEXT_LIMITS.field);
      if (reason) issues.push({ pointer, message: `field name ${reason}` });
      if (isObject(spec) && Array.isArray(spec[inputsKey])) {
        (spec[inputsKey] as unknown[]).forEach((entry, j) => isObject(entry) && input(entry, `${pointer}/${inputsKey}/${j}`));
      }
    }
    if (Array.isArray(lineage[datasetKey])) (lineage[datasetKey] as unknown[]).forEach((entry, j) => isObject(entry) && input(entry, `/${name}/${datasetKey}/${j}`));
  }
  return issues;
}
