import { fieldNames, mergeDefinitions } from '../../graph-model/definition.js';
import type { FieldDef, NodeDefinition } from '../../graph-model/model.js';

/**
 * An event's facets are a partial view: a START may carry the schema and the COMPLETE not. The
 * definition this source asserts is its previous one with what the event says laid over it, key by
 * key (properties merged by key), so a facet-less event never erases what an earlier one said.
 */
export function overlayDefinition(previous: NodeDefinition | undefined, said: NodeDefinition): NodeDefinition {
  const result: NodeDefinition = { ...(previous ?? {}) };
  for (const key of Object.keys(said) as (keyof NodeDefinition)[]) {
    if (said[key] === undefined) continue;
    if (key === 'properties') result.properties = { ...(previous?.properties ?? {}), ...said.properties };
    else (result as Record<string, unknown>)[key] = said[key];
  }
  return result;
}

/**
 * What is known of a node's fields apart from what an event says: this source's previous claim laid
 * over what other sources declare. Both are claims, which a batch keeps current event by event;
 * the merged node version is not (batchState.ts), so reading types from it gave a field one type
 * when events were committed one by one and none when they were committed as one batch.
 */
export function knownFields(previous: NodeDefinition | undefined, otherSources: FieldDef[] | undefined): FieldDef[] {
  return mergeDefinitions([{ fields: otherSources ?? [] }, { fields: previous?.fields ?? [] }]).fields ?? [];
}

/**
 * Adds the fields that column lineage mentions but the definition lacks: the store refuses field
 * edges to undeclared fields. A field known otherwise (`knownFields`: declared by this source
 * before, e.g. by a schema facet a later event sent empty, or by another source) is copied with
 * its type, so this claim does not blank the type in the merged definition.
 */
export function withFields(definition: NodeDefinition, names: Iterable<string>, known: FieldDef[] | undefined): NodeDefinition {
  const declared = fieldNames(definition);
  const added: FieldDef[] = [];
  for (const name of names) {
    if (name === '' || declared.has(name)) continue;
    declared.add(name);
    added.push(known?.find((field) => field.name === name) ?? { name });
  }
  return added.length === 0 ? definition : { ...definition, fields: [...(definition.fields ?? []), ...added] };
}
