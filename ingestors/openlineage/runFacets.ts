import type { Facets } from './events.js';
import { facet, isObject, objects, text } from './facetValues.js';

export interface ParentRun {
  job: { namespace: string; name: string };
  runId?: string;
}

/** The `parent` run facet: the run (and job) that spawned this run, e.g. an Airflow DAG run. */
export function parentRun(facets: Facets): ParentRun | null {
  const parent = facet(facets, 'parent');
  if (!parent || !isObject(parent.job)) return null;
  const namespace = text(parent.job.namespace);
  const name = text(parent.job.name);
  if (!namespace || !name) return null;
  const runId = isObject(parent.run) ? text(parent.run.runId) : undefined;
  return runId ? { job: { namespace, name }, runId } : { job: { namespace, name } };
}

/**
 * The `errorMessage` run facet's message, kept on failed runs; else openlineage-spark's own
 * `spark.exception` facet (`{ message, stackTrace }`), which is what its listener (1.53) sends for
 * a failed job: it never sends `errorMessage`.
 */
export function errorMessage(facets: Facets): string | undefined {
  return text(facet(facets, 'errorMessage')?.message) ?? text(facet(facets, 'spark.exception')?.message);
}

/** The `processing_engine` run facet: which engine (and adapter) ran it, e.g. dbt 1.11 with openlineage-dbt. */
export function processingEngine(facets: Facets): { name?: string; version?: string; openlineageAdapterVersion?: string } | undefined {
  const engine = facet(facets, 'processing_engine');
  if (!engine) return undefined;
  const result: { name?: string; version?: string; openlineageAdapterVersion?: string } = {};
  for (const key of ['name', 'version', 'openlineageAdapterVersion'] as const) {
    const value = text(engine[key]);
    if (value) result[key] = value;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

export interface DatasetAssertion {
  assertion: string;
  success: boolean;
  column?: string;
}

/**
 * The `dataQualityAssertions` input facet (dbt tests, Great Expectations): which checks ran on an
 * input and whether they passed. Kept on the run, per dataset: the checks are facts of that run.
 */
export function qualityAssertions(ioFacets: Facets): DatasetAssertion[] {
  const quality = facet(ioFacets, 'dataQualityAssertions');
  if (!quality) return [];
  return objects(quality.assertions).flatMap((entry) => {
    const assertion = text(entry.assertion);
    if (!assertion || typeof entry.success !== 'boolean') return [];
    const column = text(entry.column);
    return [column ? { assertion, success: entry.success, column } : { assertion, success: entry.success }];
  });
}
