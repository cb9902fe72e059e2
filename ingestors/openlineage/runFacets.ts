import type { Facets } from './events.js';
import { facet, isObject, text } from './facetValues.js';

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

/** The `errorMessage` run facet's message, kept on failed runs. */
export function errorMessage(facets: Facets): string | undefined {
  return text(facet(facets, 'errorMessage')?.message);
}
