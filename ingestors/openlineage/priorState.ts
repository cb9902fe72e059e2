import { nodeId } from '../../graph-model/ids.js';
import type { FieldEdgeAssertion, NodeDefinition, NodeRef, NodeVersion, Run } from '../../graph-model/model.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import type { DatasetName } from './columnLineage.js';

export interface Claim {
  kind: string;
  definition: NodeDefinition;
}

/** What the graph holds now that an event's mapping depends on. Read before mapping, so mapping stays pure. */
export interface PriorState {
  /** This source's own open claims on the nodes the event mentions, by node id. */
  ownClaims: Map<string, Claim>;
  /** The current (merged, all sources) versions of those nodes, by node id. */
  nodes: Map<string, NodeVersion>;
  /** Runs of the event's job, the event's own run among them when already recorded. */
  jobRuns: Run[];
  /** The job's current READS inputs and WRITES outputs. */
  jobInputs: DatasetName[];
  jobOutputs: DatasetName[];
  /** The job's current field edges. */
  jobFieldEdges: FieldEdgeAssertion[];
}

export function emptyPriorState(): PriorState {
  return { ownClaims: new Map(), nodes: new Map(), jobRuns: [], jobInputs: [], jobOutputs: [], jobFieldEdges: [] };
}

/** This source's own claims, so its partial events overlay what it said itself and never absorb
 *  what other sources say (see definitionOverlay.ts). */
async function loadOwnClaims(store: GraphStore, source: string, ids: string[]): Promise<Map<string, Claim>> {
  if (ids.length === 0) return new Map();
  const claims = await store.claims(ids, { source });
  return new Map(claims.map((claim) => [claim.nodeId, { kind: claim.kind, definition: claim.definition }]));
}

export async function loadPriorState(
  store: GraphStore,
  source: string,
  mentioned: NodeRef[],
  job: { namespace: string; name: string } | null,
): Promise<PriorState> {
  const ids = [...new Set(mentioned.map((ref) => nodeId(ref.type, ref.namespace, ref.name)))];
  const version = await store.currentVersion();
  const [ownClaims, nodes] = await Promise.all([loadOwnClaims(store, source, ids), store.nodes(ids, version)]);
  const state: PriorState = { ...emptyPriorState(), ownClaims, nodes: new Map(nodes.map((node) => [node.id, node])) };
  if (!job) return state;

  const jobId = nodeId('COMPUTATION', job.namespace, job.name);
  const [runs, edges, fieldEdges] = await Promise.all([
    store.runs(jobId, version),
    store.edges(jobId, { asOf: version }),
    store.fieldEdges(jobId, version),
  ]);
  const own = fieldEdges.filter((edge) => edge.computationId === jobId);
  const assetIds = new Set([...edges.map((e) => (e.kind === 'READS' ? e.from : e.to)), ...own.flatMap((e) => [e.inputId, e.outputId])]);
  const assets = new Map((await store.nodes([...assetIds], version)).map((node) => [node.id, node]));
  const nameOf = (id: string): DatasetName | null => {
    const node = assets.get(id);
    return node ? { namespace: node.namespace, name: node.name } : null;
  };
  state.jobRuns = runs;
  for (const edge of edges) {
    const asset = nameOf(edge.kind === 'READS' ? edge.from : edge.to);
    if (asset) (edge.kind === 'READS' ? state.jobInputs : state.jobOutputs).push(asset);
  }
  for (const edge of own) {
    const input = nameOf(edge.inputId);
    const output = nameOf(edge.outputId);
    if (!input || !output) continue;
    state.jobFieldEdges.push({
      computation: job,
      input: { ...input, field: edge.inputField },
      output: { ...output, field: edge.outputField },
      transformation: { type: edge.transformationType, subtype: edge.transformationSubtype, masking: edge.masking },
    });
  }
  return state;
}
