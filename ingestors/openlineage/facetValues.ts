import type { FieldDef, Owner } from '../../graph-model/model.js';
import type { Facets } from './events.js';

/**
 * Lenient readers of facet values: a facet whose shape is not what the spec says is ignored
 * (the event still commits), never refused, because producers vary widely in what they send.
 */

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The facet `name` when it is an object and not marked `_deleted`. */
export function facet(facets: Facets, name: string): Json | null {
  const value = facets[name];
  return isObject(value) && value._deleted !== true ? value : null;
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function objects(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** `documentation.description` of a job or dataset. */
export function documentation(facets: Facets): string | undefined {
  return text(facet(facets, 'documentation')?.description);
}

/** `ownership.owners` of a job or dataset. */
export function owners(facets: Facets): Owner[] | undefined {
  const ownership = facet(facets, 'ownership');
  if (!ownership) return undefined;
  return objects(ownership.owners).flatMap((owner) => {
    const name = text(owner.name);
    if (!name) return [];
    const type = text(owner.type);
    return [type ? { name, type } : { name }];
  });
}

/** Schema facet fields, nested struct members included. */
export function schemaFields(facets: Facets): FieldDef[] | undefined {
  const schema = facet(facets, 'schema');
  if (!schema || !Array.isArray(schema.fields)) return undefined;
  const convert = (fields: unknown): FieldDef[] =>
    objects(fields).flatMap((field) => {
      const name = text(field.name);
      if (!name) return [];
      const def: FieldDef = { name };
      const type = text(field.type);
      const description = text(field.description);
      if (type) def.type = type;
      if (description) def.description = description;
      const nested = convert(field.fields);
      if (nested.length > 0) def.fields = nested;
      return [def];
    });
  return convert(schema.fields);
}
