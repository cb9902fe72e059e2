import type { FieldDef, FieldEdgeAssertion, NodeDefinition, NodeVersion, Run } from '../../graph-model/model.js';
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
  /**
   * The current (merged, all sources) versions of those nodes, by node id, as the graph was before
   * the batch: a batch does not merge its own claims into them, so mapping reads them only for
   * what this source's claims cannot say (the kind of a node it has not claimed yet).
   */
  nodes: Map<string, NodeVersion>;
  /** The fields other sources declare on those nodes (their claims merged, oldest first), by node id. */
  otherSourcesFields: Map<string, FieldDef[]>;
  /** Runs of the event's job, the event's own run among them when already recorded. */
  jobRuns: Run[];
  /** The job's current READS inputs and WRITES outputs. */
  jobInputs: DatasetName[];
  jobOutputs: DatasetName[];
  /** The job's current field edges. */
  jobFieldEdges: FieldEdgeAssertion[];
}

export function emptyPriorState(): PriorState {
  return { ownClaims: new Map(), nodes: new Map(), otherSourcesFields: new Map(), jobRuns: [], jobInputs: [], jobOutputs: [], jobFieldEdges: [] };
}
