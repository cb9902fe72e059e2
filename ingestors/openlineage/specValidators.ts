import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import core from './spec/OpenLineage.json' with { type: 'json' };
import columnLineageFacet from './spec/ColumnLineageDatasetFacet.json' with { type: 'json' };
import lineageFacet from './spec/LineageFacet.json' with { type: 'json' };
import schemaFacet from './spec/SchemaDatasetFacet.json' with { type: 'json' };

/**
 * The official OpenLineage JSON Schemas (spec/, version in spec/SOURCES.md) compiled once, when this
 * module loads: each event is then checked by generated code, cheap per event. The errata SOURCES.md
 * lists are applied to a copy before compiling: the places where this catalog deliberately accepts
 * more than the spec (facets without `_producer`/`_schemaURL`, an eventTime without offset).
 */

type Schema = Record<string, any>;

function withErrata(schema: Schema): Schema {
  const copy: Schema = structuredClone(schema);
  // Erratum 1: facets are kept without _producer/_schemaURL (producers omit them; nothing here reads them).
  delete copy.$defs.BaseFacet.required;
  // Erratum 2: eventTime without offset is read as UTC (the Python client's examples): validateEvent parses it.
  delete copy.$defs.BaseEvent.properties.eventTime.format;
  return copy;
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
ajv.addSchema(withErrata(core));
for (const facet of [schemaFacet, columnLineageFacet, lineageFacet]) ajv.addSchema(facet);

const compile = (ref: string): ValidateFunction => ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
const CORE = core.$id;

export const EVENT_VALIDATORS = {
  RunEvent: compile(`${CORE}#/$defs/RunEvent`),
  JobEvent: compile(`${CORE}#/$defs/JobEvent`),
  DatasetEvent: compile(`${CORE}#/$defs/DatasetEvent`),
} as const;

/** The dataset facets whose content this catalog refuses on (facetLimits.ts reads them), by facet key. */
export const DATASET_FACET_VALIDATORS: Readonly<Record<string, ValidateFunction>> = {
  schema: compile(`${schemaFacet.$id}#/$defs/SchemaDatasetFacet`),
  columnLineage: compile(`${columnLineageFacet.$id}#/$defs/ColumnLineageDatasetFacet`),
  lineage: compile(`${lineageFacet.$id}#/$defs/LineageDatasetFacet`),
};

/** A schema error as a JSON Pointer (relative to what was validated) and a sentence naming the field. */
export function describeSchemaError(error: ErrorObject): { pointer: string; message: string } {
  const segments = error.instancePath.split('/').slice(1);
  if (error.keyword === 'required') {
    const missing = String(error.params.missingProperty);
    return { pointer: `${error.instancePath}/${missing}`, message: `${missing} is required` };
  }
  const field = segments.at(-1)?.replace(/~1/g, '/').replace(/~0/g, '~') ?? 'the event';
  const detail = error.keyword === 'enum' ? `must be one of ${(error.params.allowedValues as unknown[]).join(', ')}` : error.message ?? 'is invalid';
  return { pointer: error.instancePath, message: `${field} ${detail} (OpenLineage spec)` };
}
