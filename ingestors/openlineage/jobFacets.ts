import type { ComputationKind, NodeDefinition } from '../../graph-model/model.js';
import type { Facets } from './events.js';
import { documentation, facet, objects, owners, text } from './facetValues.js';

/**
 * The computation kind the `jobType` facet says, or null when it says nothing specific (then the
 * kind already known, or BATCH_JOB, applies). Streaming wins over the integration's job type.
 */
export function jobKind(facets: Facets): ComputationKind | null {
  const jobType = facet(facets, 'jobType');
  if (!jobType) return null;
  if (text(jobType.processingType)?.toUpperCase() === 'STREAMING') return 'STREAM_JOB';
  switch (text(jobType.jobType)?.toUpperCase()) {
    case 'QUERY':
      return 'QUERY';
    case 'VIEW':
      return 'VIEW_DEFINITION';
    default:
      return null;
  }
}

/** What a job's facets say about its definition; keys the event does not speak of are absent. */
export function jobDefinition(facets: Facets, job: { namespace: string; name: string }): NodeDefinition {
  const definition: NodeDefinition = {};
  const description = documentation(facets);
  if (description) definition.description = description;
  const sql = text(facet(facets, 'sql')?.query);
  const sourceCode = facet(facets, 'sourceCode');
  if (sql) definition.code = { language: 'sql', text: sql };
  else if (text(sourceCode?.sourceCode)) {
    definition.code = { language: text(sourceCode?.language)?.toLowerCase() ?? 'unknown', text: text(sourceCode?.sourceCode)! };
  }
  const jobOwners = owners(facets);
  if (jobOwners) definition.owners = jobOwners;
  const properties: Record<string, unknown> = {};
  const location = facet(facets, 'sourceCodeLocation');
  if (location && text(location.url)) properties.sourceCodeLocation = { type: text(location.type) ?? 'unknown', url: text(location.url) };
  const upstream = upstreamJobs(facets, job);
  if (upstream) properties.upstreamJobs = upstream;
  if (Object.keys(properties).length > 0) definition.properties = properties;
  return definition;
}

/**
 * Job-to-job lineage (the `lineage` job facet) cannot be an edge: computations never connect to
 * computations. The jobs feeding this job are kept as a property instead.
 */
function upstreamJobs(facets: Facets, job: { namespace: string; name: string }): { namespace: string; name: string }[] | undefined {
  const lineage = facet(facets, 'lineage');
  if (!lineage) return undefined;
  const upstream = new Map<string, { namespace: string; name: string }>();
  for (const entry of objects(lineage.entries)) {
    if (text(entry.type) !== 'JOB') continue;
    const targetsThisJob =
      (entry.namespace === undefined && entry.name === undefined) || (entry.namespace === job.namespace && entry.name === job.name);
    if (!targetsThisJob) continue;
    for (const input of objects(entry.inputs)) {
      const namespace = text(input.namespace);
      const name = text(input.name);
      if (text(input.type) === 'JOB' && namespace && name) upstream.set(`${namespace}\u0000${name}`, { namespace, name });
    }
  }
  return upstream.size > 0 ? [...upstream.values()] : undefined;
}
