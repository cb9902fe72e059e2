import type { FieldEdgeAssertion, NodeDefinition, NodeVersion, Run } from '../../graph-model/model.js';
import type { DatasetName } from './columnLineage.js';

export interface Claim {
  kind: string;
  definition: NodeDefinition;
}

/**
 * What the graph holds that an event's mapping depends on, read before mapping so that mapping stays
 * pure. A batch reads it for all its events at once (loadBatchState.ts) and hands each event its
 * part, as the events before it left it (BatchState.priorFor).
 */
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
