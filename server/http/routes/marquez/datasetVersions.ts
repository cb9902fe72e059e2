import type { Router } from '../../router.js';
import { sendJson } from '../../sendJson.js';
import { datasetFacets } from './facets.js';
import { datasetFields, datasetType } from './datasetView.js';
import { nodeVersions, versionNamed, type VersionEntry } from './nodeVersions.js';
import { API, type MarquezParts } from './parts.js';
import { pageParams, paged, readVersion } from './query.js';
import { tagNames } from './tagNames.js';

/** Marquez's DatasetVersion: the definition the asset had from that version on, with the tags it had then. */
async function datasetVersionView(parts: MarquezParts, entry: VersionEntry): Promise<Record<string, unknown>> {
  const { node } = entry;
  const tags = await parts.store.tagsOf([node.id], node.fromVersion);
  return {
    id: { namespace: node.namespace, name: node.name, version: entry.uuid },
    type: datasetType(node.kind),
    name: node.name,
    physicalName: node.name,
    createdAt: entry.committedAt,
    version: entry.uuid,
    namespace: node.namespace,
    sourceName: node.namespace,
    fields: datasetFields(node.definition, tags),
    tags: tagNames(tags),
    lifecycleState: null,
    description: node.definition.description ?? null,
    createdByRunUuid: null,
    createdByRun: null,
    facets: datasetFacets(node.definition),
  };
}

/** `GET .../datasets/{dataset}/versions` (newest first) and `.../versions/{version}`. */
export function datasetVersionRoutes(router: Router, parts: MarquezParts): void {
  router.on('GET', `${API}/namespaces/{namespace}/datasets/{dataset}/versions`, async (_req, res, { url, params }) => {
    const version = await readVersion(parts, url);
    const page = pageParams(parts, url);
    const entries = await nodeVersions(parts, 'ASSET', params.namespace!, params.dataset!, version);
    const versions = await Promise.all(paged(entries, page).map((entry) => datasetVersionView(parts, entry)));
    sendJson(res, 200, { versions, totalCount: entries.length });
  }, { scope: 'read', name: 'marquez.datasetVersions' });

  router.on('GET', `${API}/namespaces/{namespace}/datasets/{dataset}/versions/{version}`, async (_req, res, { url, params }) => {
    const version = await readVersion(parts, url);
    const entries = await nodeVersions(parts, 'ASSET', params.namespace!, params.dataset!, version);
    const entry = versionNamed(entries, params.version!, `dataset ${params.dataset} in namespace ${params.namespace}`);
    sendJson(res, 200, await datasetVersionView(parts, entry));
  }, { scope: 'read', name: 'marquez.datasetVersion' });
}
