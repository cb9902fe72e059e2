import { datasetFacets } from './facets.js';
import { datasetFields, datasetType } from './datasetView.js';
import type { VersionEntry } from './nodeVersions.js';
import type { MarquezParts } from './parts.js';
import { tagNames } from './tagNames.js';

/** Marquez's DatasetVersion: the definition the asset had from that version on, with the tags it had then. */
export async function datasetVersionView(parts: MarquezParts, entry: VersionEntry): Promise<Record<string, unknown>> {
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
