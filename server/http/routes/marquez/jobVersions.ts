import { jobFacets, jobLocation } from './facets.js';
import { jobDatasets, jobType } from './jobView.js';
import type { VersionEntry } from './nodeVersions.js';
import type { MarquezParts } from './parts.js';

/** Marquez's JobVersion: the job's definition from that version on, and the datasets it read and wrote then. */
export function jobVersionView(parts: MarquezParts, entry: VersionEntry): Record<string, unknown> {
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
