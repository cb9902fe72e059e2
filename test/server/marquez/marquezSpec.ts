import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openapiSchemaToJsonSchema } from '@openapi-contrib/openapi-schema-to-json-schema';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/**
 * Marquez's published OpenAPI spec (test/fixtures/marquez/openapi.yml, version in SOURCES.md) as
 * JSON Schema validators of each path's 200 response, with the errata SOURCES.md lists applied:
 * the places where the spec contradicts what Marquez itself answers, or cannot be compiled.
 */
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/marquez');

type Schema = Record<string, any>;

/**
 * Every property of every schema may be null (in the JSON Schema the spec converts to): Marquez's
 * JSON carries nulls for absent values (the spec's own examples: `latestRun: null`).
 */
function nullableProperties(schema: unknown): void {
  if (Array.isArray(schema)) return schema.forEach(nullableProperties);
  if (typeof schema !== 'object' || schema === null) return;
  const s = schema as Schema;
  for (const value of Object.values(s)) nullableProperties(value);
  if (!s.properties) return;
  for (const [name, property] of Object.entries<Schema>(s.properties)) {
    if (property.$ref) s.properties[name] = { anyOf: [{ $ref: property.$ref }, { type: 'null' }] };
    else if (typeof property.type === 'string') property.type = [property.type, 'null'];
  }
}

/** The errata of SOURCES.md, each where it applies. */
function applyErrata(spec: Schema): void {
  const schemas = spec.components.schemas;
  // 1. SearchResult's name and updatedAt have an empty `type:` (YAML null), which no validator compiles.
  schemas.SearchResult.properties.name.type = 'string';
  schemas.SearchResult.properties.updatedAt = { type: 'string', format: 'date-time' };
  // 2. DatasetVersion.tags says string; Marquez answers a list of tag names, as Dataset.tags says.
  schemas.DatasetVersion.properties.tags = { type: 'array', items: { type: 'string' } };
  // 3. Column lineage answers DATASET_FIELD nodes (Marquez's ColumnLineageNodeData), which the spec's NodeType omits.
  schemas.NodeType.enum.push('DATASET_FIELD');
  schemas.ColumnLineageInputField = {
    type: 'object',
    required: ['namespace', 'dataset', 'field'],
    properties: {
      namespace: { type: 'string' }, dataset: { type: 'string' }, datasetVersion: { type: 'string', format: 'uuid' }, field: { type: 'string' },
      transformationDescription: { type: 'string' }, transformationType: { type: 'string' },
    },
  };
  schemas.ColumnLineageNodeData = {
    type: 'object',
    required: ['namespace', 'dataset', 'field', 'inputFields'],
    properties: {
      namespace: { type: 'string' }, dataset: { type: 'string' }, datasetVersion: { type: 'string', format: 'uuid' }, field: { type: 'string' },
      fieldType: { type: 'string' }, transformationDescription: { type: 'string' }, transformationType: { type: 'string' },
      inputFields: { type: 'array', items: { $ref: '#/components/schemas/ColumnLineageInputField' } },
    },
  };
  // 5. Run is `anyOf: [IncompleteRun, {jobVersion, inputDatasetVersions, ...}]`: any object passes the
  //    second branch, so nothing of a run would be checked. Marquez's Run has the fields of both: allOf.
  schemas.Run.allOf = schemas.Run.anyOf;
  delete schemas.Run.anyOf;
  // 4. GraphNode.data is `oneOf: [Dataset, Job]` with a discriminator on data.type mapping DATASET and JOB,
  //    but data.type is DB_TABLE or BATCH, and any object matches both (open) schemas, so oneOf fails for
  //    every node. The node's own `type` says which it is; the data is checked against that schema.
  const graphNode = schemas.GraphNode;
  delete graphNode.properties.data;
  graphNode.required = ['id', 'type', 'data', 'inEdges', 'outEdges'];
  graphNode.allOf = [
    ['DATASET', 'Dataset'],
    ['JOB', 'Job'],
    ['DATASET_FIELD', 'ColumnLineageNodeData'],
  ].map(([type, data]) => ({
    if: { properties: { type: { enum: [type] } }, required: ['type'] },
    then: { properties: { data: { $ref: `#/components/schemas/${data}` } } },
  }));
}

export interface MarquezSpec {
  /** The validator of a spec path's GET 200 response (`/namespaces/{namespace}/datasets`). */
  response(specPath: string): ValidateFunction;
  /** The spec's paths and their methods. */
  paths: Record<string, Record<string, unknown>>;
  version: string;
}

export function loadMarquezSpec(): MarquezSpec {
  const spec = parse(readFileSync(path.join(FIXTURES, 'openapi.yml'), 'utf8')) as Schema;
  applyErrata(spec);
  const components: Schema = {};
  for (const [name, schema] of Object.entries<Schema>(spec.components.schemas)) components[name] = openapiSchemaToJsonSchema(schema, { cloneSchema: true });
  nullableProperties(components);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addFormat('URL', true);
  ajv.addSchema({ $id: 'marquez', components: { schemas: components } });
  const cache = new Map<string, ValidateFunction>();
  return {
    paths: spec.paths,
    version: spec.info.version,
    response(specPath) {
      let validate = cache.get(specPath);
      if (!validate) {
        const ref: string | undefined = spec.paths[specPath]?.get?.responses?.['200']?.content?.['application/json']?.schema?.$ref;
        if (!ref) throw new Error(`the spec has no GET 200 JSON response for ${specPath}`);
        validate = ajv.compile({ $ref: `marquez${ref}` });
        cache.set(specPath, validate);
      }
      return validate;
    },
  };
}

/** Validation errors as one readable line each (path in the body, what the spec wanted). */
export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
