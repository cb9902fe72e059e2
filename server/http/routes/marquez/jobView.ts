import type { VersionedGraph } from '../../../../graph-model/index/versionedGraph.js';
import type { NodeDefinition } from '../../../../graph-model/model.js';
import { neighbours } from '../../../graphql/graphNodes.js';
import { jobFacets, jobLocation } from './facets.js';
import { currentVersionUuid } from './marquezIds.js';
import { nodeSpan, timeOf, type NodeFacts } from './nodeFacts.js';
import { newestFirst, runView } from './runView.js';
import { tagNames } from './tagNames.js';

/** How many of a job's latest runs `latestRuns` lists (Marquez's web UI shows the last 10). */
const LATEST_RUNS = 10;

/** Marquez's job types: streaming jobs are STREAM, service calls SERVICE, the rest BATCH. */
export function jobType(kind: string): 'BATCH' | 'STREAM' | 'SERVICE' {
  if (kind === 'STREAM_JOB') return 'STREAM';
  if (kind === 'SERVICE_CALL') return 'SERVICE';
  return 'BATCH';
}

/** The datasets a job reads (`in`) or writes (`out`) at a version, as Marquez's DatasetIds. */
export function jobDatasets(graph: VersionedGraph, id: string, version: number, direction: 'in' | 'out'): { namespace: string; name: string }[] {
  return neighbours(graph, id, version, direction).map((d) => ({ namespace: d.namespace, name: d.name }));
}

/** Marquez's Job of computation `n` at the facts' version, with its latest runs. */
export function jobView(graph: VersionedGraph, n: number, facts: NodeFacts): Record<string, unknown> {
  const id = graph.nodes.id(n);
  const namespace = graph.nodes.namespace(n);
  const name = graph.nodes.name(n);
  const node = facts.definitions.get(id);
  const definition: NodeDefinition = node?.definition ?? {};
  const span = nodeSpan(graph, n, facts.version);
  const runs = newestFirst(facts.runs.get(id) ?? []).slice(0, LATEST_RUNS).map((run) => runView(graph, run, timeOf(facts, run.fromVersion)));
  const dot = name.lastIndexOf('.');
  return {
    id: { namespace, name },
    type: jobType(node?.kind ?? graph.nodes.versionAt(n, facts.version)?.kind ?? ''),
    name,
    simpleName: dot >= 0 ? name.slice(dot + 1) : name,
    parentJobName: null,
    parentJobUuid: null,
    createdAt: timeOf(facts, span.created),
    updatedAt: timeOf(facts, span.updated),
    namespace,
    inputs: jobDatasets(graph, id, facts.version, 'in'),
    outputs: jobDatasets(graph, id, facts.version, 'out'),
    location: jobLocation(definition),
    description: definition.description ?? null,
    latestRun: runs[0] ?? null,
    latestRuns: runs,
    facets: jobFacets(definition),
    currentVersion: currentVersionUuid(graph, n, facts.version),
    tags: tagNames(facts.tags.get(id)),
  };
}
