import { unreachable, type Run, type RunRecord, type RunState } from '../../graph-model/model.js';
import type { DatasetName } from './columnLineage.js';
import type { RunEvent } from './events.js';
import { errorMessage, parentRun, processingEngine, qualityAssertions } from './runFacets.js';

export function isTerminal(state: RunState): boolean {
  return state === 'COMPLETE' || state === 'ABORT' || state === 'FAIL';
}

/** How far along its life a state is; events may arrive out of order and must not move a run back. */
function progress(state: RunState): number {
  switch (state) {
    case 'OTHER':
      return -1;
    case 'START':
      return 0;
    case 'RUNNING':
      return 1;
    case 'COMPLETE':
    case 'ABORT':
    case 'FAIL':
      return 2;
    default:
      return unreachable(state);
  }
}

/**
 * Whether a terminal event replaces the terminal state a run already has. A failure outranks a
 * success whatever their order: the openlineage-spark listener ends a failed query with FAIL (the
 * job's end) and then COMPLETE (the SQL execution's end) for the same run, and a run that failed
 * did not succeed. Otherwise the later event wins (FAIL then ABORT; a re-sent COMPLETE with a new time).
 */
export function replacesEnd(prior: Pick<Run, 'state' | 'endedAt'>, event: Pick<RunEvent, 'eventType' | 'eventTime'>): boolean {
  const failedBefore = prior.state !== 'COMPLETE';
  const failsNow = event.eventType !== 'COMPLETE';
  if (failedBefore !== failsNow) return failsNow;
  return !prior.endedAt || event.eventTime >= prior.endedAt;
}

export function datasetKey(dataset: DatasetName): string {
  return `${dataset.namespace}\u0000${dataset.name}`;
}

/** Datasets without duplicates, sorted, so that the same I/O always hashes the same. */
export function sortedDatasets(datasets: Iterable<DatasetName>): DatasetName[] {
  const byKey = new Map<string, DatasetName>();
  for (const d of datasets) byKey.set(datasetKey(d), { namespace: d.namespace, name: d.name });
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
}

function datasetList(value: unknown): DatasetName[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (d): d is DatasetName => typeof d === 'object' && d !== null && typeof d.namespace === 'string' && typeof d.name === 'string',
  );
}

/** One input's checks in this run: the latest event's assertions per dataset win (a COMPLETE repeats the START's). */
export interface DatasetQuality extends DatasetName {
  assertions: ReturnType<typeof qualityAssertions>;
}

function dataQuality(event: RunEvent, prior: Run | null): DatasetQuality[] {
  const byDataset = new Map<string, DatasetQuality>();
  const earlier = Array.isArray(prior?.properties.dataQuality) ? (prior.properties.dataQuality as DatasetQuality[]) : [];
  for (const entry of earlier) byDataset.set(datasetKey(entry), entry);
  for (const input of event.inputs) {
    const assertions = qualityAssertions(input.ioFacets);
    if (assertions.length > 0) byDataset.set(datasetKey(input), { namespace: input.namespace, name: input.name, assertions });
  }
  return [...byDataset.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entry]) => entry);
}

export interface RunProgress {
  record: RunRecord;
  /** The union of the I/O of all events of the run so far. */
  inputs: DatasetName[];
  outputs: DatasetName[];
  /** True when this event is the one that completed the run (state COMPLETE taken from it). */
  completedNow: boolean;
}

/**
 * The run after this event: state moves forward only (a late START does not reopen a finished
 * run; between two terminal events the later one wins), startedAt is the START event's time,
 * endedAt the terminal event's, and the run's I/O (kept in properties) is the union over its events.
 */
export function advanceRun(
  event: RunEvent,
  prior: Run | null,
  io: { inputs: DatasetName[]; outputs: DatasetName[]; dropped: DatasetName[] },
): RunProgress {
  const time = event.eventTime;
  let state: RunState = prior?.state ?? event.eventType;
  let takeEvent = !prior;
  if (prior) {
    const a = progress(event.eventType);
    const b = progress(prior.state);
    if (a > b) takeEvent = true;
    else if (a === 2 && b === 2) takeEvent = replacesEnd(prior, event);
  }
  if (takeEvent) state = event.eventType;

  let startedAt = prior?.startedAt ?? undefined;
  if (event.eventType === 'START' && (!startedAt || time < startedAt)) startedAt = time;
  let endedAt = prior?.endedAt ?? undefined;
  if (takeEvent && isTerminal(event.eventType)) endedAt = time;

  const inputs = sortedDatasets([...datasetList(prior?.properties.inputs), ...io.inputs]);
  const outputs = sortedDatasets([...datasetList(prior?.properties.outputs), ...io.outputs]);
  const properties: Record<string, unknown> = { ...(prior?.properties ?? {}), inputs, outputs };
  // Datasets the run dropped are no longer nodes to link to; the run remembers them.
  const dropped = sortedDatasets([...datasetList(prior?.properties.dropped), ...io.dropped]);
  if (dropped.length > 0) properties.dropped = dropped;
  const parent = parentRun(event.run.facets);
  if (parent) properties.parent = { namespace: parent.job.namespace, name: parent.job.name, ...(parent.runId ? { runId: parent.runId } : {}) };
  const error = errorMessage(event.run.facets);
  if (error) properties.errorMessage = error;
  const engine = processingEngine(event.run.facets);
  if (engine) properties.processingEngine = engine;
  const quality = dataQuality(event, prior);
  if (quality.length > 0) properties.dataQuality = quality;

  const record: RunRecord = { runId: event.run.runId, computation: { namespace: event.job.namespace, name: event.job.name }, state, properties };
  if (startedAt) record.startedAt = startedAt;
  if (endedAt) record.endedAt = endedAt;
  // A copy of the COMPLETE already recorded completes nothing: replacing the job's I/O again would
  // undo what runs recorded since (an older run completing late adds its inputs back).
  const repeat = prior?.state === 'COMPLETE' && prior.endedAt !== null && prior.endedAt === time;
  return { record, inputs, outputs, completedNow: takeEvent && event.eventType === 'COMPLETE' && !repeat };
}
