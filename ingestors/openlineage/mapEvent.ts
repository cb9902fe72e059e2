import { fieldEdgeAssertionKey } from '../../graph-model/ids.js';
import {
  unreachable,
  type Changeset,
  type EdgeAssertion,
  type FieldEdgeAssertion,
  type NodeAssertion,
  type NodeRef,
} from '../../graph-model/model.js';
import { outputLineage, type DatasetName, type FieldDependency } from './columnLineage.js';
import { datasetDefinition, datasetKind, defaultDatasetKind, lifecycle } from './datasetFacets.js';
import { knownFields, overlayDefinition, withFields } from './definitionOverlay.js';
import type { DatasetEvent, Facets, OpenLineageDataset, OpenLineageEvent, RunEvent, JobEvent } from './events.js';
import { declaredInputSemantics } from './inputSemanticsFacet.js';
import { jobDefinition, jobKind } from './jobFacets.js';
import type { PriorState } from './priorState.js';
import { advanceRun, datasetKey, isTerminal, replacesEnd, sortedDatasets } from './runRecord.js';
import { parentRun } from './runFacets.js';
import { cachedNodeId } from './nodeIdCache.js';

export const OPENLINEAGE_SOURCE = 'openlineage';

/** A dataset as one event speaks of it: facets of all its mentions merged, and the fields lineage names. */
interface DatasetMention {
  name: DatasetName;
  facets: Facets;
  fieldsMentioned: Set<string>;
}

const asset = (d: DatasetName): NodeRef => ({ type: 'ASSET', namespace: d.namespace, name: d.name });
const computation = (j: { namespace: string; name: string }): NodeRef => ({ type: 'COMPUTATION', namespace: j.namespace, name: j.name });

/** The lineage of an event with a job: datasets by identity, its I/O, and field dependencies per output. */
interface JobLineage {
  datasets: Map<string, DatasetMention>;
  inputs: DatasetName[];
  outputs: DatasetName[];
  dependencies: { output: DatasetName; dependency: FieldDependency }[];
}

function jobLineage(event: RunEvent | JobEvent): JobLineage {
  const datasets = new Map<string, DatasetMention>();
  const mention = (d: DatasetName, facets: Facets): DatasetMention => {
    const key = datasetKey(d);
    const existing = datasets.get(key);
    if (existing) {
      // A dataset both read and written (or listed twice): later mentions' facets win facet by facet.
      Object.assign(existing.facets, facets);
      return existing;
    }
    const created = { name: { namespace: d.namespace, name: d.name }, facets: { ...facets }, fieldsMentioned: new Set<string>() };
    datasets.set(key, created);
    return created;
  };
  const inputs: DatasetName[] = event.inputs.map((d: OpenLineageDataset) => mention(d, d.facets).name);
  const outputs: DatasetName[] = [];
  const dependencies: JobLineage['dependencies'] = [];
  for (const output of event.outputs) {
    const target = mention(output, output.facets);
    outputs.push(target.name);
    const lineage = outputLineage(output.facets);
    // A dataset that column lineage derives from is read by the job, even when `inputs` omits it.
    for (const input of lineage.inputs) inputs.push(mention(input, {}).name);
    for (const dependency of lineage.dependencies) {
      mention(dependency.input, {}).fieldsMentioned.add(dependency.input.field);
      target.fieldsMentioned.add(dependency.outputField);
      dependencies.push({ output: target.name, dependency });
    }
  }
  return { datasets, inputs: sortedDatasets(inputs), outputs: sortedDatasets(outputs), dependencies };
}

/** The nodes an event mentions, whose current state its mapping needs. */
export function mentionedNodes(event: OpenLineageEvent): NodeRef[] {
  switch (event.type) {
    case 'DatasetEvent':
      return [asset(event.dataset)];
    case 'JobEvent':
    case 'RunEvent': {
      const refs = [computation(event.job), ...[...jobLineage(event).datasets.values()].map((d) => asset(d.name))];
      const parent = event.type === 'RunEvent' ? parentRun(event.run.facets) : null;
      if (parent) refs.push(computation(parent.job));
      return refs;
    }
    default:
      return unreachable(event);
  }
}

function assetAssertion(mention: DatasetMention, prior: PriorState): NodeAssertion {
  const id = cachedNodeId('ASSET', mention.name.namespace, mention.name.name);
  const own = prior.ownClaims.get(id);
  const definition = withFields(
    overlayDefinition(own?.definition, datasetDefinition(mention.facets)),
    mention.fieldsMentioned,
    knownFields(own?.definition, prior.otherSourcesFields.get(id)),
  );
  const kind = datasetKind(mention.facets) ?? own?.kind ?? prior.nodes.get(id)?.kind ?? defaultDatasetKind(mention.name.namespace);
  return { ...mention.name, kind, definition };
}

function jobAssertion(event: RunEvent | JobEvent, prior: PriorState): NodeAssertion {
  const id = cachedNodeId('COMPUTATION', event.job.namespace, event.job.name);
  const own = prior.ownClaims.get(id);
  const said = jobDefinition(event.job.facets, event.job);
  const parent = event.type === 'RunEvent' ? parentRun(event.run.facets) : null;
  // The parent job (e.g. the Airflow DAG of a task) is kept as a property: computations never link to computations.
  if (parent && !(parent.job.namespace === event.job.namespace && parent.job.name === event.job.name)) {
    said.properties = { ...said.properties, parent: parent.job };
  }
  const inputSemantics = declaredInputSemantics(event.inputs);
  if (inputSemantics) said.properties = { ...said.properties, inputSemantics };
  const kind = jobKind(event.job.facets) ?? own?.kind ?? prior.nodes.get(id)?.kind ?? 'BATCH_JOB';
  return { namespace: event.job.namespace, name: event.job.name, kind, definition: overlayDefinition(own?.definition, said) };
}

/** The parent job exists even if it never sends events of its own; asserted as this source knows it. */
function parentAssertion(event: RunEvent, prior: PriorState): NodeAssertion | null {
  const parent = parentRun(event.run.facets);
  if (!parent || (parent.job.namespace === event.job.namespace && parent.job.name === event.job.name)) return null;
  const id = cachedNodeId('COMPUTATION', parent.job.namespace, parent.job.name);
  const own = prior.ownClaims.get(id);
  return { ...parent.job, kind: own?.kind ?? prior.nodes.get(id)?.kind ?? 'BATCH_JOB', definition: own?.definition ?? {} };
}

function fieldEdgeOf(job: { namespace: string; name: string }, output: DatasetName, dependency: FieldDependency): FieldEdgeAssertion {
  return {
    computation: { namespace: job.namespace, name: job.name },
    input: dependency.input,
    output: { ...output, field: dependency.outputField },
    transformation: dependency.transformation,
  };
}

/**
 * What replacing the job's I/O by its latest completed run's retracts: edges to datasets the run
 * did not touch, and field edges from inputs it did not read or into outputs it did not write.
 * Not done when a run of the job that completed later is already recorded (events out of order).
 */
function replacedIo(
  event: RunEvent,
  prior: PriorState,
  io: { inputs: DatasetName[]; outputs: DatasetName[] },
  asserted: Set<string>,
): { edges: EdgeAssertion[]; fieldEdges: FieldEdgeAssertion[] } {
  const newerCompletion = prior.jobRuns.some(
    (run) => run.runId !== event.run.runId && run.state === 'COMPLETE' && run.endedAt !== null && run.endedAt > event.eventTime,
  );
  if (newerCompletion) return { edges: [], fieldEdges: [] };
  const inputs = new Set(io.inputs.map(datasetKey));
  const outputs = new Set(io.outputs.map(datasetKey));
  const job = computation(event.job);
  const edges: EdgeAssertion[] = [
    ...prior.jobInputs.filter((d) => !inputs.has(datasetKey(d))).map((d) => ({ from: asset(d), to: job })),
    ...prior.jobOutputs.filter((d) => !outputs.has(datasetKey(d))).map((d) => ({ from: job, to: asset(d) })),
  ];
  const fieldEdges = prior.jobFieldEdges.filter(
    (edge) => !asserted.has(fieldEdgeAssertionKey(edge)) && (!inputs.has(datasetKey(edge.input)) || !outputs.has(datasetKey(edge.output))),
  );
  return { edges, fieldEdges };
}

/**
 * Datasets a late event of a finished run may not speak of again: those the run already recorded.
 * A copy of an event sent twice, or a START arriving after its run's COMPLETE, would otherwise
 * re-assert them as they were then: a dataset dropped since (by this run or a later one) would
 * come back, an edge a later run's completion retracted would return, and an older schema would be
 * laid over the newer one. Datasets the run has not recorded are still added: out of order, the
 * late event may be the only one naming them.
 */
function settledDatasets(event: RunEvent | JobEvent, prior: PriorState): Set<string> {
  if (event.type !== 'RunEvent') return new Set();
  const run = prior.jobRuns.find((r) => r.runId === event.run.runId);
  if (!run || !isTerminal(run.state)) return new Set();
  const advances = isTerminal(event.eventType) && event.eventTime !== run.endedAt && replacesEnd(run, event);
  if (advances) return new Set();
  const recorded = ['inputs', 'outputs', 'dropped'].flatMap((key) => (Array.isArray(run.properties[key]) ? (run.properties[key] as DatasetName[]) : []));
  return new Set(recorded.map(datasetKey));
}

function withoutSettled(lineage: JobLineage, settled: Set<string>): JobLineage {
  if (settled.size === 0) return lineage;
  const fresh = (d: DatasetName) => !settled.has(datasetKey(d));
  return {
    datasets: new Map([...lineage.datasets].filter(([key]) => !settled.has(key))),
    inputs: lineage.inputs.filter(fresh),
    outputs: lineage.outputs.filter(fresh),
    dependencies: lineage.dependencies.filter(({ output, dependency }) => fresh(output) && fresh(dependency.input)),
  };
}

function mapJobEvent(event: RunEvent | JobEvent, prior: PriorState, source: string): Changeset {
  const lineage = withoutSettled(jobLineage(event), settledDatasets(event, prior));
  const dropped = new Set<string>();
  for (const [key, mention] of lineage.datasets) if (lifecycle(mention.facets)?.state === 'DROP') dropped.add(key);
  const alive = (d: DatasetName) => !dropped.has(datasetKey(d));
  const droppedNames = [...lineage.datasets.values()].filter((m) => !alive(m.name)).map((m) => m.name);

  const job = computation(event.job);
  const inputs = lineage.inputs.filter(alive);
  const outputs = lineage.outputs.filter(alive);
  const fieldEdges = lineage.dependencies
    .filter(({ output, dependency }) => alive(output) && alive(dependency.input))
    .map(({ output, dependency }) => fieldEdgeOf(event.job, output, dependency));
  const changeset: Changeset = {
    source,
    mode: 'delta',
    assets: [...lineage.datasets.values()].filter((m) => alive(m.name)).map((mention) => assetAssertion(mention, prior)),
    computations: [jobAssertion(event, prior)],
    edges: [...inputs.map((d) => ({ from: asset(d), to: job })), ...outputs.map((d) => ({ from: job, to: asset(d) }))],
    fieldEdges,
  };
  const retract: NonNullable<Changeset['retract']> = {};
  // A DROP ends the dataset (and with it every edge to it); it is not an input or output any more.
  if (droppedNames.length > 0) retract.nodes = droppedNames.map(asset);

  if (event.type === 'RunEvent') {
    const parent = parentAssertion(event, prior);
    if (parent) changeset.computations!.push(parent);
    const run = advanceRun(event, prior.jobRuns.find((r) => r.runId === event.run.runId) ?? null, { inputs, outputs, dropped: droppedNames });
    changeset.runs = [run.record];
    if (run.completedNow) {
      const replaced = replacedIo(event, prior, run, new Set(fieldEdges.map(fieldEdgeAssertionKey)));
      if (replaced.edges.length > 0) retract.edges = replaced.edges;
      if (replaced.fieldEdges.length > 0) retract.fieldEdges = replaced.fieldEdges;
    }
  }
  if (Object.keys(retract).length > 0) changeset.retract = retract;
  return changeset;
}

function mapDatasetEvent(event: DatasetEvent, prior: PriorState, source: string): Changeset {
  const mention: DatasetMention = { name: { namespace: event.dataset.namespace, name: event.dataset.name }, facets: event.dataset.facets, fieldsMentioned: new Set() };
  if (lifecycle(event.dataset.facets)?.state === 'DROP') return { source, mode: 'delta', retract: { nodes: [asset(mention.name)] } };
  // Dataset-level lineage without a job (`lineage`/`columnLineage` on a DatasetEvent) would be an
  // asset-to-asset edge, which the bipartite graph has no place for; only the dataset is kept.
  return { source, mode: 'delta', assets: [assetAssertion(mention, prior)] };
}

/**
 * One event as one delta changeset of the `openlineage` source. Pure: everything it needs from the
 * graph comes in `prior`, so the same event against the same graph gives the same changeset, and an
 * event sent twice changes nothing the second time.
 */
export function mapEvent(event: OpenLineageEvent, prior: PriorState, source = OPENLINEAGE_SOURCE): Changeset {
  switch (event.type) {
    case 'RunEvent':
    case 'JobEvent':
      return mapJobEvent(event, prior, source);
    case 'DatasetEvent':
      return mapDatasetEvent(event, prior, source);
    default:
      return unreachable(event);
  }
}
