import type { Router } from '../../router.js';
import { sendJson } from '../../sendJson.js';
import { jobFacets, jobLocation } from './facets.js';
import { jobDatasets, jobType } from './jobView.js';
import { nodeVersions, versionNamed, type VersionEntry } from './nodeVersions.js';
import { API, type MarquezParts } from './parts.js';
import { pageParams, paged, readVersion } from './query.js';

/** Marquez's JobVersion: the job's definition from that version on, and the datasets it read and wrote then. */
function jobVersionView(parts: MarquezParts, entry: VersionEntry): Record<string, unknown> {
  const { node } = entry;
  return {
    id: { namespace: node.namespace, name: node.name, version: entry.uuid },
    type: jobType(node.kind),
    name: node.name,
    version: entry.uuid,
    createdAt: entry.committedAt,
    updatedAt: entry.committedAt,
    namespace: node.namespace,
    inputs: jobDatasets(parts.index, node.id, node.fromVersion, 'in'),
    outputs: jobDatasets(parts.index, node.id, node.fromVersion, 'out'),
    location: jobLocation(node.definition),
    description: node.definition.description ?? null,
    latestRun: null,
    facets: jobFacets(node.definition),
  };
}

/** `GET .../jobs/{job}/versions` (newest first) and `.../versions/{version}`. */
export function jobVersionRoutes(router: Router, parts: MarquezParts): void {
  router.on('GET', `${API}/namespaces/{namespace}/jobs/{job}/versions`, async (_req, res, { url, params }) => {
    const version = await readVersion(parts, url);
    const page = pageParams(parts, url);
    const entries = await nodeVersions(parts, 'COMPUTATION', params.namespace!, params.job!, version);
    sendJson(res, 200, { versions: paged(entries, page).map((entry) => jobVersionView(parts, entry)), totalCount: entries.length });
  }, { scope: 'read', name: 'marquez.jobVersions' });

  router.on('GET', `${API}/namespaces/{namespace}/jobs/{job}/versions/{version}`, async (_req, res, { url, params }) => {
    const version = await readVersion(parts, url);
    const entries = await nodeVersions(parts, 'COMPUTATION', params.namespace!, params.job!, version);
    sendJson(res, 200, jobVersionView(parts, versionNamed(entries, params.version!, `job ${params.job} in namespace ${params.namespace}`)));
  }, { scope: 'read', name: 'marquez.jobVersion' });
}
