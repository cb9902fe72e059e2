/** Builders of OpenLineage events for tests: the smallest valid envelope, with what a test varies. */
import { validateEvent, type OpenLineageEvent } from '../../../ingestors/openlineage/index.js';

export const PRODUCER = 'https://github.com/OpenLineage/OpenLineage/tree/1.20.0/client/python';
export const RUN_SCHEMA = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
export const JOBS_NS = 'airflow://risk';
export const WAREHOUSE = 'postgres://warehouse:5432';

export type Json = Record<string, unknown>;

export function dataset(name: string, facets?: Json): Json {
  return facets ? { namespace: WAREHOUSE, name, facets } : { namespace: WAREHOUSE, name };
}

export function schema(...fields: string[]): Json {
  return { schema: { _producer: PRODUCER, _schemaURL: 'https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json', fields: fields.map((name) => ({ name, type: 'text' })) } };
}

export function runEvent(options: {
  runId: string;
  eventType: string;
  eventTime: string;
  job?: string;
  jobFacets?: Json;
  runFacets?: Json;
  inputs?: Json[];
  outputs?: Json[];
}): Json {
  return {
    eventType: options.eventType,
    eventTime: options.eventTime,
    run: { runId: options.runId, ...(options.runFacets ? { facets: options.runFacets } : {}) },
    job: { namespace: JOBS_NS, name: options.job ?? 'score_features', ...(options.jobFacets ? { facets: options.jobFacets } : {}) },
    inputs: options.inputs ?? [],
    outputs: options.outputs ?? [],
    producer: PRODUCER,
    schemaURL: RUN_SCHEMA,
  };
}

export function datasetEvent(name: string, facets: Json, eventTime = '2026-03-01T08:00:00Z'): Json {
  return {
    eventTime,
    dataset: dataset(name, facets),
    producer: PRODUCER,
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent',
  };
}

export const RUN_1 = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a51';
export const RUN_2 = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a52';
export const RUN_3 = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a53';

/** Events a test knows are valid, validated (a test's own mistake fails loudly). */
export function validEvents(json: unknown[]): OpenLineageEvent[] {
  return json.map((item) => {
    const result = validateEvent(item);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    return result.event;
  });
}
