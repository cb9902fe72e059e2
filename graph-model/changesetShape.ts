import { z } from 'zod';
import { NODE_TYPES, RUN_STATES, TRANSFORMATION_TYPES } from './model.js';

/*
 * The changeset's shape, defined once: the types in model.ts (NodeRef, NodeAssertion, Changeset...)
 * are inferred from these schemas, and parseChangeset validates with them.
 */

/** Namespace and name: a node's identity within its type, following OpenLineage naming. */
const identity = { namespace: z.string(), name: z.string() };
export const nodeRef = z.object({ type: z.enum(NODE_TYPES), ...identity });

export type FieldShape = { name: string; type?: string; description?: string; fields?: FieldShape[] };
const field: z.ZodType<FieldShape> = z.lazy(() =>
  z.object({
    name: z.string().min(1),
    type: z.string().optional(),
    description: z.string().optional(),
    fields: z.array(field).optional(),
  }),
);

/** Everything that defines a node version; its canonical JSON is what the content hash covers. */
export const definition = z.object({
  description: z.string().optional(),
  fields: z.array(field).optional(),
  /** SQL, a rule expression, a feature expression... */
  code: z.object({ language: z.string(), text: z.string() }).optional(),
  owners: z.array(z.object({ name: z.string().min(1), type: z.string().optional() })).optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});

export const node = z.object({ ...identity, kind: z.string(), definition: definition.optional() });
/** An edge between an asset and a computation; the direction gives its kind. */
export const edge = z.object({ from: nodeRef, to: nodeRef });
export const fieldEdge = z.object({
  computation: z.object(identity),
  input: z.object({ ...identity, field: z.string() }),
  output: z.object({ ...identity, field: z.string() }),
  transformation: z.object({
    type: z.enum(TRANSFORMATION_TYPES),
    subtype: z.string().optional(),
    masking: z.boolean().optional(),
    description: z.string().optional(),
  }),
});
export const tag = z.object({
  target: nodeRef,
  /** A field of the target; omitted or `''` for the node itself. */
  field: z.string().optional(),
  key: z.string().min(1),
  value: z.string(),
});
export const run = z.object({
  runId: z.string().min(1),
  computation: z.object(identity),
  state: z.enum(RUN_STATES),
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
  /** Compute cost of this run, in the platform's cost unit. */
  cost: z.number().finite().nonnegative().optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});

export const retractions = z.object({
  nodes: z.array(nodeRef).optional(),
  edges: z.array(edge).optional(),
  fieldEdges: z.array(fieldEdge).optional(),
  tags: z.array(tag).optional(),
});

/**
 * One atomic write to the graph, as ingestors and clients send it: the one definition of its shape
 * (model.ts infers the types from it). parseChangeset checks the rest (kinds, text, edge direction).
 */
export const changesetShape = z.object({
  source: z.string().min(1),
  actor: z.string().min(1).optional(),
  mode: z.enum(['full', 'delta']),
  assets: z.array(node).optional(),
  computations: z.array(node).optional(),
  edges: z.array(edge).optional(),
  fieldEdges: z.array(fieldEdge).optional(),
  tags: z.array(tag).optional(),
  runs: z.array(run).optional(),
  retract: retractions.optional(),
});
