import { z } from 'zod';
import { ChangesetRejectedError, formatPath, type ChangesetIssue } from './errors.js';
import {
  ASSET_KINDS,
  COMPUTATION_KINDS,
  edgeKindOf,
  type Changeset,
  type NodeRef,
} from './model.js';

const identity = { namespace: z.string(), name: z.string() };
const nodeRef = z.object({ type: z.enum(['ASSET', 'COMPUTATION']), ...identity });

type FieldShape = { name: string; type?: string; description?: string; fields?: FieldShape[] };
const field: z.ZodType<FieldShape> = z.lazy(() =>
  z.object({
    name: z.string().min(1),
    type: z.string().optional(),
    description: z.string().optional(),
    fields: z.array(field).optional(),
  }),
);

const definition = z.object({
  description: z.string().optional(),
  fields: z.array(field).optional(),
  code: z.object({ language: z.string(), text: z.string() }).optional(),
  owners: z.array(z.object({ name: z.string().min(1), type: z.string().optional() })).optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});

const node = z.object({ ...identity, kind: z.string(), definition: definition.optional() });
const edge = z.object({ from: nodeRef, to: nodeRef });
const fieldEdge = z.object({
  computation: z.object(identity),
  input: z.object({ ...identity, field: z.string() }),
  output: z.object({ ...identity, field: z.string() }),
  transformation: z.object({
    type: z.enum(['DIRECT', 'INDIRECT']),
    subtype: z.string().optional(),
    masking: z.boolean().optional(),
    description: z.string().optional(),
  }),
});
const tag = z.object({ target: nodeRef, field: z.string().optional(), key: z.string().min(1), value: z.string() });
const run = z.object({
  runId: z.string().min(1),
  computation: z.object(identity),
  state: z.enum(['START', 'RUNNING', 'COMPLETE', 'ABORT', 'FAIL', 'OTHER']),
  startedAt: z.iso.datetime({ offset: true }).optional(),
  endedAt: z.iso.datetime({ offset: true }).optional(),
  cost: z.number().finite().nonnegative().optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});

const changesetShape = z.object({
  source: z.string().min(1),
  actor: z.string().min(1).optional(),
  mode: z.enum(['full', 'delta']),
  assets: z.array(node).optional(),
  computations: z.array(node).optional(),
  edges: z.array(edge).optional(),
  fieldEdges: z.array(fieldEdge).optional(),
  tags: z.array(tag).optional(),
  runs: z.array(run).optional(),
  retract: z
    .object({
      nodes: z.array(nodeRef).optional(),
      edges: z.array(edge).optional(),
      fieldEdges: z.array(fieldEdge).optional(),
      tags: z.array(tag).optional(),
    })
    .optional(),
});

const assetKinds = new Set<string>(ASSET_KINDS);
const computationKinds = new Set<string>(COMPUTATION_KINDS);

/**
 * Checks what can be checked without the database: shape, non-empty identities, known kinds and
 * edge direction. References to nodes and fields are checked by the store against the graph.
 */
export function parseChangeset(input: unknown): Changeset {
  const parsed = changesetShape.safeParse(input);
  if (!parsed.success) {
    throw new ChangesetRejectedError(
      parsed.error.issues.slice(0, 50).map((issue) => ({ code: 'INVALID_SHAPE', path: formatPath(issue.path), message: issue.message })),
    );
  }
  const changeset = parsed.data as Changeset;
  const issues: ChangesetIssue[] = [];
  const checkIdentity = (ref: { namespace: string; name: string }, path: string) => {
    if (ref.namespace.trim() === '') issues.push({ code: 'EMPTY_IDENTITY', path: `${path}.namespace`, message: 'namespace is empty' });
    if (ref.name.trim() === '') issues.push({ code: 'EMPTY_IDENTITY', path: `${path}.name`, message: 'name is empty' });
  };
  changeset.assets?.forEach((asset, i) => {
    checkIdentity(asset, `assets[${i}]`);
    if (!assetKinds.has(asset.kind)) {
      issues.push({ code: 'UNKNOWN_KIND', path: `assets[${i}].kind`, message: `unknown asset kind "${asset.kind}"; expected one of ${ASSET_KINDS.join(', ')}` });
    }
  });
  changeset.computations?.forEach((computation, i) => {
    checkIdentity(computation, `computations[${i}]`);
    if (!computationKinds.has(computation.kind)) {
      issues.push({
        code: 'UNKNOWN_KIND',
        path: `computations[${i}].kind`,
        message: `unknown computation kind "${computation.kind}"; expected one of ${COMPUTATION_KINDS.join(', ')}`,
      });
    }
  });
  const checkEdge = (e: { from: NodeRef; to: NodeRef }, path: string) => {
    checkIdentity(e.from, `${path}.from`);
    checkIdentity(e.to, `${path}.to`);
    if (!edgeKindOf(e.from.type, e.to.type)) {
      issues.push({
        code: 'INVALID_EDGE',
        path,
        message: `an edge joins an asset and a computation; ${e.from.type.toLowerCase()}-to-${e.to.type.toLowerCase()} edges are not allowed`,
      });
    }
  };
  changeset.edges?.forEach((e, i) => checkEdge(e, `edges[${i}]`));
  changeset.retract?.edges?.forEach((e, i) => checkEdge(e, `retract.edges[${i}]`));
  changeset.tags?.forEach((t, i) => checkIdentity(t.target, `tags[${i}].target`));
  changeset.fieldEdges?.forEach((f, i) => {
    checkIdentity(f.computation, `fieldEdges[${i}].computation`);
    checkIdentity(f.input, `fieldEdges[${i}].input`);
    checkIdentity(f.output, `fieldEdges[${i}].output`);
  });
  changeset.runs?.forEach((r, i) => checkIdentity(r.computation, `runs[${i}].computation`));
  if (changeset.mode === 'full' && changeset.retract) {
    issues.push({ code: 'RETRACT_IN_FULL', path: 'retract', message: 'a full changeset retracts by omission; "retract" is only for delta changesets' });
  }
  if (issues.length > 0) throw new ChangesetRejectedError(issues);
  return changeset;
}
