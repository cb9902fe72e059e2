/**
 * The model of docs/design.md: assets (A) and computations (B) joined only by READS (asset -> computation)
 * and WRITES (computation -> asset) edges, field-level edges, tags and runs, all versioned by
 * changesets (C). Types here are the vocabulary shared by the store, the ingestors and the analyses.
 */
import type { z } from 'zod';
import type * as shape from './changesetShape.js';

export const ASSET_KINDS = [
  'TABLE', 'VIEW', 'STREAM', 'KV_TABLE', 'FILE', 'FEATURE', 'MODEL', 'RULE', 'SERVICE', 'EVENT', 'GRAPH', 'DATASET',
] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

export const COMPUTATION_KINDS = [
  'BATCH_JOB', 'STREAM_JOB', 'QUERY', 'VIEW_DEFINITION', 'FEATURE_PIPELINE', 'TRAINING', 'INFERENCE',
  'RULE_EVALUATION', 'SERVICE_CALL', 'TRANSFER', 'OTHER',
] as const;
export type ComputationKind = (typeof COMPUTATION_KINDS)[number];

export const NODE_TYPES = ['ASSET', 'COMPUTATION'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export type EdgeKind = 'READS' | 'WRITES';

/** OpenLineage column-lineage transformation types. */
export const TRANSFORMATION_TYPES = ['DIRECT', 'INDIRECT'] as const;
export type TransformationType = (typeof TRANSFORMATION_TYPES)[number];

/** Identity of a node: (namespace, name) within its node type, following OpenLineage naming. */
export type NodeRef = z.infer<typeof shape.nodeRef>;

/** A field; nested fields (struct members) are addressed as `parent.child`. */
export type FieldDef = shape.FieldShape;

export type Owner = NonNullable<NodeDefinition['owners']>[number];

/** Everything that defines a node version; its canonical JSON is what the content hash covers. */
export type NodeDefinition = z.infer<typeof shape.definition>;

export type NodeAssertion = z.infer<typeof shape.node>;

/** An edge between an asset and a computation; the direction gives its kind. */
export type EdgeAssertion = z.infer<typeof shape.edge>;

/** The field `''` stands for the asset as a whole (OpenLineage's dataset-level dependencies). */
export const WHOLE_ASSET = '';

export type FieldEdgeAssertion = z.infer<typeof shape.fieldEdge>;

export type TagAssertion = z.infer<typeof shape.tag>;

export const RUN_STATES = ['START', 'RUNNING', 'COMPLETE', 'ABORT', 'FAIL', 'OTHER'] as const;
export type RunState = (typeof RUN_STATES)[number];

export type RunRecord = z.infer<typeof shape.run>;

export type Retractions = z.infer<typeof shape.retractions>;

/**
 * One atomic write to the graph. A `full` changeset is everything its source asserts now: what
 * the source asserted before and no longer asserts is retracted. A `delta` adds what it asserts and
 * retracts what it lists under `retract`. Its shape is defined once, in changesetShape.ts.
 */
export type Changeset = z.infer<typeof shape.changesetShape>;

export interface ChangeStats {
  nodesCreated: number;
  nodesUpdated: number;
  nodesDeleted: number;
  edgesAdded: number;
  edgesRemoved: number;
  fieldEdgesAdded: number;
  fieldEdgesRemoved: number;
  tagsAdded: number;
  tagsRemoved: number;
  runsRecorded: number;
}

export interface ApplyResult {
  /** The graph version after the call: the new one, or the current one when nothing changed. */
  version: number;
  /**
   * Whether a version was created. False when the changeset matched what is current, and when it
   * only recorded runs (`stats.runsRecorded`): those are recorded at the current version.
   */
  changed: boolean;
  stats: ChangeStats;
}

/** A read of the graph "as of" a graph version, or a timestamp (the last version committed at or before it). */
export type AsOf = number | string | Date | undefined;

export interface NodeVersion {
  id: string;
  type: NodeType;
  namespace: string;
  name: string;
  kind: string;
  definition: NodeDefinition;
  contentHash: string;
  fromVersion: number;
  toVersion: number | null;
}

export interface Edge {
  from: string;
  to: string;
  kind: EdgeKind;
  fromVersion: number;
  toVersion: number | null;
}

export interface FieldEdge {
  computationId: string;
  inputId: string;
  inputField: string;
  outputId: string;
  outputField: string;
  transformationType: TransformationType;
  transformationSubtype: string;
  masking: boolean;
  fromVersion: number;
  toVersion: number | null;
}

export interface Tag {
  nodeId: string;
  field: string;
  key: string;
  value: string;
  fromVersion: number;
  toVersion: number | null;
}

export interface Run {
  runId: string;
  computationId: string;
  state: RunState;
  startedAt: string | null;
  endedAt: string | null;
  cost: number | null;
  properties: Record<string, unknown>;
  fromVersion: number;
  toVersion: number | null;
}

export interface ChangesetInfo {
  version: number;
  committedAt: string;
  source: string;
  actor: string;
  mode: 'full' | 'delta';
  stats: ChangeStats;
}

export function edgeKindOf(from: NodeType, to: NodeType): EdgeKind | null {
  if (from === 'ASSET' && to === 'COMPUTATION') return 'READS';
  if (from === 'COMPUTATION' && to === 'ASSET') return 'WRITES';
  return null;
}

/** Compile-time exhaustiveness check for `switch` over kinds. */
export function unreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}
