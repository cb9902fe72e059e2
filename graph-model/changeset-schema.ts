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
  retract: z
    .object({
      nodes: z.array(nodeRef).optional(),
      edges: z.array(edge).optional(),
      fieldEdges: z.array(fieldEdge).optional(),
      tags: z.array(tag).optional(),
    })
    .optional(),
});

function parseShape(input: unknown): Changeset {
  const fast = shapeOfLargeLists(input);
  if (fast) return fast;
  const parsed = changesetShape.safeParse(input);
  if (!parsed.success) {
    throw new ChangesetRejectedError(
      parsed.error.issues.slice(0, 50).map((issue) => ({ code: 'INVALID_SHAPE', path: formatPath(issue.path), message: issue.message })),
    );
  }
  return parsed.data as Changeset;
}

/*
 * A changeset of 100k nodes and 300k edges costs zod about a second. The large lists (assets,
 * computations, edges) are checked here instead when they are plain JSON-shaped data of exactly the
 * schema's shape, which zod would return unchanged (no unknown keys to strip); the rest of the
 * changeset still goes through zod. Anything else, valid or not, is left to zod over the whole
 * changeset, so what is accepted, what is returned and every error message and path stay zod's.
 */
const LARGE_LISTS = ['assets', 'computations', 'edges'] as const;

function shapeOfLargeLists(input: unknown): Changeset | null {
  if (!isPlainObject(input)) return null;
  const rest: Record<string, unknown> = { ...input };
  for (const list of LARGE_LISTS) {
    const items = input[list];
    if (items === undefined) continue;
    if (!Array.isArray(items)) return null;
    const check = list === 'edges' ? isEdge : isNode;
    for (let i = 0; i < items.length; i++) if (!check(items[i])) return null;
    delete rest[list];
  }
  const parsed = changesetShape.safeParse(rest);
  if (!parsed.success) return null;
  const out = parsed.data as Changeset;
  for (const list of LARGE_LISTS) if (input[list] !== undefined) (out as unknown as Record<string, unknown>)[list] = input[list];
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Every own key is one of `allowed` (`allowed` is small: a linear scan beats a Set). */
function onlyKeys(value: Record<string, unknown>, allowed: readonly string[]): boolean {
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) return false;
    if (!allowed.includes(key)) return false;
  }
  return true;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const optionalString = (value: unknown) => value === undefined || typeof value === 'string';

const NODE_REF_KEYS = ['type', 'namespace', 'name'] as const;
function isNodeRef(value: unknown): boolean {
  return (
    isPlainObject(value) &&
    (value.type === 'ASSET' || value.type === 'COMPUTATION') &&
    isString(value.namespace) &&
    isString(value.name) &&
    onlyKeys(value, NODE_REF_KEYS)
  );
}

const EDGE_KEYS = ['from', 'to'] as const;
function isEdge(value: unknown): boolean {
  return isPlainObject(value) && isNodeRef(value.from) && isNodeRef(value.to) && onlyKeys(value, EDGE_KEYS);
}

const NODE_KEYS = ['namespace', 'name', 'kind', 'definition'] as const;
function isNode(value: unknown): boolean {
  return (
    isPlainObject(value) &&
    isString(value.namespace) &&
    isString(value.name) &&
    isString(value.kind) &&
    (value.definition === undefined || isDefinition(value.definition)) &&
    onlyKeys(value, NODE_KEYS)
  );
}

const DEFINITION_KEYS = ['description', 'fields', 'code', 'owners', 'properties'] as const;
const CODE_KEYS = ['language', 'text'] as const;
const OWNER_KEYS = ['name', 'type'] as const;
function isDefinition(value: unknown): boolean {
  if (!isPlainObject(value) || !onlyKeys(value, DEFINITION_KEYS) || !optionalString(value.description)) return false;
  if (value.fields !== undefined && !isFieldList(value.fields)) return false;
  const code = value.code;
  if (code !== undefined && !(isPlainObject(code) && isString(code.language) && isString(code.text) && onlyKeys(code, CODE_KEYS))) {
    return false;
  }
  const owners = value.owners;
  if (owners !== undefined) {
    if (!Array.isArray(owners)) return false;
    for (let i = 0; i < owners.length; i++) {
      const owner: unknown = owners[i];
      if (!(isPlainObject(owner) && isString(owner.name) && owner.name.length > 0 && optionalString(owner.type) && onlyKeys(owner, OWNER_KEYS))) {
        return false;
      }
    }
  }
  // A record of unknown values: zod would copy it key by key; a plain object of own keys is the same.
  if (value.properties !== undefined && !(isPlainObject(value.properties) && onlyOwnKeys(value.properties))) return false;
  return true;
}

function onlyOwnKeys(value: Record<string, unknown>): boolean {
  for (const key in value) if (!Object.prototype.hasOwnProperty.call(value, key)) return false;
  return true;
}

const FIELD_KEYS = ['name', 'type', 'description', 'fields'] as const;
function isFieldList(value: unknown, depth = 0): boolean {
  if (!Array.isArray(value) || depth > 64) return false;
  for (let i = 0; i < value.length; i++) {
    const field: unknown = value[i];
    if (
      !(
        isPlainObject(field) &&
        isString(field.name) &&
        field.name.length > 0 &&
        optionalString(field.type) &&
        optionalString(field.description) &&
        (field.fields === undefined || isFieldList(field.fields, depth + 1)) &&
        onlyKeys(field, FIELD_KEYS)
      )
    ) {
      return false;
    }
  }
  return true;
}

const assetKinds = new Set<string>(ASSET_KINDS);
const computationKinds = new Set<string>(COMPUTATION_KINDS);

/**
 * Checks what can be checked without the database: shape, non-empty identities, known kinds and
 * edge direction. References to nodes and fields are checked by the store against the graph.
 */
export function parseChangeset(input: unknown): Changeset {
  const changeset = parseShape(input);
  const issues: ChangesetIssue[] = [];
  // Paths are spelled out only for issues: building one per item costs more than the checks at 300k edges.
  const checkIdentity = (ref: { namespace: string; name: string }, list: string, i: number, suffix: string) => {
    if (ref.namespace.trim() === '') issues.push({ code: 'EMPTY_IDENTITY', path: `${list}[${i}]${suffix}.namespace`, message: 'namespace is empty' });
    if (ref.name.trim() === '') issues.push({ code: 'EMPTY_IDENTITY', path: `${list}[${i}]${suffix}.name`, message: 'name is empty' });
  };
  changeset.assets?.forEach((asset, i) => {
    checkIdentity(asset, 'assets', i, '');
    if (!assetKinds.has(asset.kind)) {
      issues.push({ code: 'UNKNOWN_KIND', path: `assets[${i}].kind`, message: `unknown asset kind "${asset.kind}"; expected one of ${ASSET_KINDS.join(', ')}` });
    }
  });
  changeset.computations?.forEach((computation, i) => {
    checkIdentity(computation, 'computations', i, '');
    if (!computationKinds.has(computation.kind)) {
      issues.push({
        code: 'UNKNOWN_KIND',
        path: `computations[${i}].kind`,
        message: `unknown computation kind "${computation.kind}"; expected one of ${COMPUTATION_KINDS.join(', ')}`,
      });
    }
  });
  const checkEdge = (e: { from: NodeRef; to: NodeRef }, list: string, i: number) => {
    checkIdentity(e.from, list, i, '.from');
    checkIdentity(e.to, list, i, '.to');
    if (!edgeKindOf(e.from.type, e.to.type)) {
      issues.push({
        code: 'INVALID_EDGE',
        path: `${list}[${i}]`,
        message: `an edge joins an asset and a computation; ${e.from.type.toLowerCase()}-to-${e.to.type.toLowerCase()} edges are not allowed`,
      });
    }
  };
  changeset.edges?.forEach((e, i) => checkEdge(e, 'edges', i));
  changeset.retract?.edges?.forEach((e, i) => checkEdge(e, 'retract.edges', i));
  changeset.tags?.forEach((t, i) => checkIdentity(t.target, 'tags', i, '.target'));
  changeset.fieldEdges?.forEach((f, i) => {
    checkIdentity(f.computation, 'fieldEdges', i, '.computation');
    checkIdentity(f.input, 'fieldEdges', i, '.input');
    checkIdentity(f.output, 'fieldEdges', i, '.output');
  });
  changeset.runs?.forEach((r, i) => checkIdentity(r.computation, 'runs', i, '.computation'));
  if (changeset.mode === 'full' && changeset.retract) {
    issues.push({ code: 'RETRACT_IN_FULL', path: 'retract', message: 'a full changeset retracts by omission; "retract" is only for delta changesets' });
  }
  if (issues.length > 0) throw new ChangesetRejectedError(issues);
  return changeset;
}
