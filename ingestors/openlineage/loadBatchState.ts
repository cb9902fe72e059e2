import { fieldNames, mergeDefinitions } from '../../graph-model/definition.js';
import { fieldEdgeAssertionKey } from '../../graph-model/ids.js';
import type { FieldEdgeAssertion, NodeDefinition } from '../../graph-model/model.js';
import type { GraphReader } from '../../graph-model/store/graphReader.js';
import { BatchState, type JobState } from './batchState.js';
import type { DatasetName } from './columnLineage.js';
import type { OpenLineageEvent } from './events.js';
import { mentionedNodes } from './mapEvent.js';
import type { Claim } from './priorState.js';
import { datasetKey } from './runRecord.js';
import { cachedNodeId } from './nodeIdCache.js';

/**
 * Reads, in a fixed number of statements whatever the number of events, everything the mapping of
 * a batch of events depends on (priorState.ts says what one event's mapping reads): the nodes they mention with this
 * source's and other sources' claims, and the runs, edges and field edges of their jobs.
 */
export async function loadBatchState(store: GraphReader, source: string, events: OpenLineageEvent[]): Promise<BatchState> {
  const ids = new Set<string>();
  const jobs = new Map<string, { namespace: string; name: string }>();
  const runIds = new Set<string>();
  for (const event of events) {
    for (const ref of mentionedNodes(event)) ids.add(cachedNodeId(ref.type, ref.namespace, ref.name));
    if (event.type !== 'DatasetEvent') jobs.set(cachedNodeId('COMPUTATION', event.job.namespace, event.job.name), event.job);
    if (event.type === 'RunEvent') runIds.add(event.run.runId);
  }
  const version = await store.currentVersion();
  const [claims, nodes, facts] = await Promise.all([
    store.claims([...ids]),
    store.nodes([...ids], version),
    store.jobFacts([...jobs.keys()], [...runIds], version),
  ]);

  const ownClaims = new Map<string, Claim>();
  // Claims come oldest first, so the merge is the store's (definition.ts mergeDefinitions).
  const othersOldestFirst = new Map<string, NodeDefinition[]>();
  for (const claim of claims) {
    if (claim.source === source) ownClaims.set(claim.nodeId, { kind: claim.kind, definition: claim.definition });
    else othersOldestFirst.set(claim.nodeId, [...(othersOldestFirst.get(claim.nodeId) ?? []), { fields: claim.definition.fields ?? [] }]);
  }
  const otherSources = new Map<string, { fields: NonNullable<NodeDefinition['fields']>; names: Set<string> }>();
  for (const [id, definitions] of othersOldestFirst) {
    const merged = mergeDefinitions(definitions);
    otherSources.set(id, { fields: merged.fields ?? [], names: fieldNames(merged) });
  }
  const nodesById = new Map(nodes.map((node) => [node.id, node]));

  // The assets at the other end of the jobs' edges: their names, which events speak in.
  const jobIds = new Set(jobs.keys());
  const ownFieldEdges = facts.fieldEdges.filter((edge) => jobIds.has(edge.computationId));
  const assetIds = new Set<string>();
  for (const edge of facts.edges) assetIds.add(jobIds.has(edge.to) ? edge.from : edge.to);
  for (const edge of ownFieldEdges) assetIds.add(edge.inputId).add(edge.outputId);
  const missing = [...assetIds].filter((id) => !nodesById.has(id));
  const names = new Map<string, DatasetName>();
  for (const node of [...nodes, ...(await store.nodes(missing, version))]) names.set(node.id, { namespace: node.namespace, name: node.name });

  const states = new Map<string, JobState>();
  for (const id of jobIds) states.set(id, { runs: new Map(), inputs: new Map(), outputs: new Map(), fieldEdges: new Map() });
  for (const run of facts.runs) states.get(run.computationId)?.runs.set(run.runId, run);
  for (const edge of facts.edges) {
    const reads = edge.kind === 'READS';
    const dataset = names.get(reads ? edge.from : edge.to);
    const state = states.get(reads ? edge.to : edge.from);
    if (dataset && state) (reads ? state.inputs : state.outputs).set(datasetKey(dataset), dataset);
  }
  for (const edge of ownFieldEdges) {
    const input = names.get(edge.inputId);
    const output = names.get(edge.outputId);
    const job = jobs.get(edge.computationId)!;
    if (!input || !output) continue;
    const assertion: FieldEdgeAssertion = {
      computation: { namespace: job.namespace, name: job.name },
      input: { ...input, field: edge.inputField },
      output: { ...output, field: edge.outputField },
      transformation: { type: edge.transformationType, subtype: edge.transformationSubtype, masking: edge.masking },
    };
    states.get(edge.computationId)!.fieldEdges.set(fieldEdgeAssertionKey(assertion), assertion);
  }
  return new BatchState(source, { ownClaims, nodes: nodesById, otherSources, jobs: states });
}
