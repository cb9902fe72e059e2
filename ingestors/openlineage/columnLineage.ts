import { WHOLE_ASSET, type FieldEdgeAssertion, type TransformationType } from '../../graph-model/model.js';
import type { Facets } from './events.js';
import { facet, isObject, objects, text, type Json } from './facetValues.js';

export interface DatasetName {
  namespace: string;
  name: string;
}

/** One output field (or the whole output, `''`) depending on one input field through one transformation. */
export interface FieldDependency {
  input: DatasetName & { field: string };
  outputField: string;
  transformation: FieldEdgeAssertion['transformation'];
}

export interface OutputLineage {
  dependencies: FieldDependency[];
  /** Every dataset the output is said to derive from, with or without a field. */
  inputs: DatasetName[];
}

function transformationType(value: unknown): TransformationType | null {
  const type = text(value)?.toUpperCase();
  return type === 'DIRECT' || type === 'INDIRECT' ? type : null;
}

/**
 * The transformations of one input field: the current format lists them; the deprecated one
 * (1-0-x) puts `transformationType` IDENTITY|MASKED and a description on the output field.
 */
function transformations(inputField: Json, legacy: Json, fallback: TransformationType): FieldDependency['transformation'][] {
  const listed = objects(inputField.transformations).flatMap((t) => {
    const type = transformationType(t.type);
    if (!type) return [];
    const result: FieldDependency['transformation'] = { type, masking: t.masking === true };
    if (text(t.subtype)) result.subtype = text(t.subtype)!.toUpperCase();
    if (text(t.description)) result.description = text(t.description);
    return [result];
  });
  if (listed.length > 0) return listed;
  const legacyType = text(legacy.transformationType)?.toUpperCase();
  const description = text(legacy.transformationDescription);
  if (legacyType === 'MASKED') return [{ type: 'DIRECT', subtype: 'TRANSFORMATION', masking: true, ...(description ? { description } : {}) }];
  if (legacyType === 'IDENTITY') return [{ type: 'DIRECT', subtype: 'IDENTITY', masking: false, ...(description ? { description } : {}) }];
  return [{ type: fallback, masking: false, ...(description ? { description } : {}) }];
}

function inputName(value: Json): (DatasetName & { field?: string }) | null {
  // The explicit `lineage` facet may name jobs as sources; only datasets are inputs of an output.
  if (value.type !== undefined && value.type !== 'DATASET') return null;
  const namespace = text(value.namespace);
  const name = text(value.name);
  if (!namespace || !name) return null;
  const field = typeof value.field === 'string' ? value.field : undefined;
  return field === undefined ? { namespace, name } : { namespace, name, field };
}

/**
 * Field-level lineage of an output dataset from its `columnLineage` facet (and the explicit
 * `lineage` dataset facet, which has the same meaning). Dataset-level dependencies (`dataset`,
 * `inputs`: filters, joins, sorts) have the whole output asset (WHOLE_ASSET) as output field.
 */
export function outputLineage(facets: Facets): OutputLineage {
  const dependencies: FieldDependency[] = [];
  const inputs = new Map<string, DatasetName>();
  const add = (entry: Json, outputField: string, legacy: Json, fallback: TransformationType) => {
    const input = inputName(entry);
    if (!input) return;
    inputs.set(`${input.namespace}\u0000${input.name}`, { namespace: input.namespace, name: input.name });
    if (input.field === undefined) return;
    for (const transformation of transformations(entry, legacy, fallback)) {
      dependencies.push({ input: { namespace: input.namespace, name: input.name, field: input.field }, outputField, transformation });
    }
  };

  const columnLineage = facet(facets, 'columnLineage');
  if (columnLineage) {
    const fields = isObject(columnLineage.fields) ? columnLineage.fields : {};
    for (const [outputField, spec] of Object.entries(fields)) {
      if (!isObject(spec)) continue;
      for (const entry of objects(spec.inputFields)) add(entry, outputField, spec, 'DIRECT');
    }
    for (const entry of objects(columnLineage.dataset)) add(entry, WHOLE_ASSET, {}, 'INDIRECT');
  }

  const lineage = facet(facets, 'lineage');
  if (lineage) {
    const fields = isObject(lineage.fields) ? lineage.fields : {};
    for (const [outputField, spec] of Object.entries(fields)) {
      if (!isObject(spec)) continue;
      for (const entry of objects(spec.inputs)) add(entry, outputField, spec, 'DIRECT');
    }
    for (const entry of objects(lineage.inputs)) add(entry, WHOLE_ASSET, {}, 'INDIRECT');
  }
  return { dependencies, inputs: [...inputs.values()] };
}
