import { nodeId } from '../../../../graph-model/ids.js';
import type { VersionedGraph } from '../../../../graph-model/index/versionedGraph.js';
import { unreachable, type Run, type RunState } from '../../../../graph-model/model.js';
import { runFacets } from './facets.js';
import { currentVersionUuid } from './marquezIds.js';

/** Marquez's run states; an OTHER event does not start a run there, so a run seen only so is NEW. */
export function marquezRunState(state: RunState): 'NEW' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'ABORTED' {
  switch (state) {
    case 'START':
    case 'RUNNING':
      return 'RUNNING';
    case 'COMPLETE':
      return 'COMPLETED';
    case 'FAIL':
      return 'FAILED';
    case 'ABORT':
      return 'ABORTED';
    case 'OTHER':
      return 'NEW';
    default:
      return unreachable(state);
  }
}

/** Runs newest first as Marquez lists them: by start time, runs never started last, then by their latest record. */
export function newestFirst(runs: readonly Run[]): Run[] {
  return [...runs].sort((a, b) => {
    if (a.startedAt !== b.startedAt) {
      if (a.startedAt === null) return 1;
      if (b.startedAt === null) return -1;
      return a.startedAt < b.startedAt ? 1 : -1;
    }
    return b.fromVersion - a.fromVersion;
  });
}

interface DatasetName {
  namespace: string;
  name: string;
}

function datasetNames(value: unknown): DatasetName[] {
  if (!Array.isArray(value)) return [];
  return value.filter((d): d is DatasetName => typeof d?.namespace === 'string' && typeof d?.name === 'string');
}

/** The versions of the datasets a run read or wrote, as they were when the run was last recorded. */
function datasetVersions(graph: VersionedGraph, value: unknown, at: number): Record<string, unknown>[] {
  return datasetNames(value).flatMap((d) => {
    const n = graph.nodeAt(nodeId('ASSET', d.namespace, d.name), at);
    const version = n === undefined ? null : currentVersionUuid(graph, n, at);
    return version ? [{ datasetVersionId: { namespace: d.namespace, name: d.name, version }, facets: {} }] : [];
  });
}

/**
 * Marquez's Run: state, times, the job version and dataset versions it ran with (at the graph
 * version its record was last written), and the facets the graph keeps of it (parent, errorMessage).
 * `committedAt` is when that record was committed: Marquez's updatedAt.
 */
export function runView(graph: VersionedGraph, run: Run, committedAt: string): Record<string, unknown> {
  const job = graph.nodes.indexOf(run.computationId);
  const jobVersion = job === undefined ? null : currentVersionUuid(graph, job, run.fromVersion);
  const started = run.startedAt ? Date.parse(run.startedAt) : NaN;
  const ended = run.endedAt ? Date.parse(run.endedAt) : NaN;
  return {
    id: run.runId,
    createdAt: run.startedAt ?? committedAt,
    updatedAt: committedAt,
    nominalStartTime: null,
    nominalEndTime: null,
    state: marquezRunState(run.state),
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    durationMs: Number.isFinite(started) && Number.isFinite(ended) ? ended - started : null,
    args: {},
    jobVersion:
      job === undefined || jobVersion === null
        ? null
        : { namespace: graph.nodes.namespace(job), name: graph.nodes.name(job), version: jobVersion },
    inputDatasetVersions: datasetVersions(graph, run.properties.inputs, run.fromVersion),
    outputDatasetVersions: datasetVersions(graph, run.properties.outputs, run.fromVersion),
    context: {},
    facets: runFacets(run),
  };
}
