import { HttpError } from '../../httpError.js';
import type { Router } from '../../router.js';
import { API } from './parts.js';

/**
 * Marquez's endpoints this API does not serve (docs/marquez.md says why for each): they answer 501
 * with a JSON error rather than 404 or a body of another shape, so a client learns at once that
 * the call is Marquez's and not served here. Writes other than OpenLineage events are not taken:
 * the graph is fed by its ingestors.
 */
export const UNSUPPORTED: readonly [method: string, path: string, why: string][] = [
  ['PUT', '/namespaces/{namespace}', 'namespaces exist where nodes are; send OpenLineage events to POST /api/v1/lineage'],
  ['DELETE', '/namespaces/{namespace}', 'nothing is deleted from the versioned graph; a full changeset retracts what a source no longer asserts'],
  ['GET', '/events/lineage', 'the raw events are not kept: they are mapped into the graph (GET /api/v1/lineage reads it)'],
  ['GET', '/sources', 'the graph has no source objects; a dataset\'s sourceName is its namespace'],
  ['GET', '/sources/{source}', 'the graph has no source objects; a dataset\'s sourceName is its namespace'],
  ['PUT', '/sources/{source}', 'the graph has no source objects'],
  ['PUT', '/namespaces/{namespace}/datasets/{dataset}', 'datasets are written by ingest (OpenLineage events, dbt, SQL, catalogs), not by this API'],
  ['DELETE', '/namespaces/{namespace}/datasets/{dataset}', 'nothing is deleted from the versioned graph; a DROP lifecycle facet ends a dataset'],
  ['POST', '/namespaces/{namespace}/datasets/{dataset}/tags/{tag}', 'tags are written by the metrics-and-tags ingestor (dctx ingest metrics)'],
  ['POST', '/namespaces/{namespace}/datasets/{dataset}/fields/{field}/tags/{tag}', 'tags are written by the metrics-and-tags ingestor (dctx ingest metrics)'],
  ['PUT', '/namespaces/{namespace}/jobs/{job}', 'jobs are written by ingest; send OpenLineage events to POST /api/v1/lineage'],
  ['DELETE', '/namespaces/{namespace}/jobs/{job}', 'nothing is deleted from the versioned graph'],
  ['POST', '/namespaces/{namespace}/jobs/{job}/runs', 'runs are recorded from OpenLineage run events (POST /api/v1/lineage)'],
  ['POST', '/jobs/runs/{id}/start', 'runs are recorded from OpenLineage run events (eventType START)'],
  ['POST', '/jobs/runs/{id}/complete', 'runs are recorded from OpenLineage run events (eventType COMPLETE)'],
  ['POST', '/jobs/runs/{id}/fail', 'runs are recorded from OpenLineage run events (eventType FAIL)'],
  ['POST', '/jobs/runs/{id}/abort', 'runs are recorded from OpenLineage run events (eventType ABORT)'],
  ['GET', '/runlineage/upstream', 'run-level lineage is not served; GET /api/v1/lineage answers dataset and job lineage'],
  ['GET', '/tags', 'tags here are key=value facts on nodes and fields, not a registry of names; they appear on datasets and jobs'],
  ['PUT', '/tags/{tag}', 'tags are written by the metrics-and-tags ingestor (dctx ingest metrics)'],
];

export function unsupportedRoutes(router: Router): void {
  for (const [method, path, why] of UNSUPPORTED) {
    router.on(method, `${API}${path}`, () => {
      throw new HttpError('NOT_IMPLEMENTED', `${method} ${API}${path} (Marquez) is not served: ${why} (docs/marquez.md)`, { method, path: `${API}${path}` });
    }, { scope: 'read', name: 'marquez.unsupported' });
  }
}
