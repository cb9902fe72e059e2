import { changesetShape, type FieldShape } from './changesetShape.js';
import { ChangesetRejectedError, formatPath, type ChangesetIssue } from './errors.js';
import {
  ASSET_KINDS,
  COMPUTATION_KINDS,
  edgeKindOf,
  type Changeset,
  type NodeRef,
} from './model.js';
import { MAX_NESTING, TEXT_LIMITS, isStorableJson, isStorableText, jsonTextIssues, tooLongReason, unstorableReason } from './storableText.js';
import { parseTimestamp } from './timestamp.js';

export { changesetShape };

/** The changeset's shape, checked (the fast path for large lists, else zod): what zod accepts, returns and says. */
export function parseChangesetShape(input: unknown): Changeset {
  const fast = shapeOfLargeLists(input);
  if (fast) return fast;
  // zod walks nested field lists recursively: hostile nesting must be refused before it can
  // overflow the stack (the precise check, relative to each definition, comes after the shape).
  const tooDeep = jsonTextIssues(input, { maxDepth: MAX_NESTING + 8, limit: 1, depthOnly: true });
  if (tooDeep.length > 0) throw new ChangesetRejectedError(tooDeep.map((issue) => ({ code: 'TOO_DEEP', path: formatPath(issue.path), message: issue.message })));
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

const storable = isStorableText;

function storableFields(fields: FieldShape[], depth: number): boolean {
  if (depth > MAX_NESTING) return false;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (!storable(f.name) || tooLongReason(f.name, TEXT_LIMITS.field) !== null) return false;
    if (f.type !== undefined && !storable(f.type)) return false;
    if (f.description !== undefined && !storable(f.description)) return false;
    if (f.fields !== undefined && !storableFields(f.fields, depth + 1)) return false;
  }
  return true;
}

/**
 * A definition every string of which can be stored, with field names within their limit: the
 * check every node of a large changeset takes, by its known shape (only `properties` is free-form);
 * the issues are spelled out only when it says no.
 */
function storableDefinition(d: NonNullable<Changeset['assets']>[number]['definition'] & object): boolean {
  if (d.description !== undefined && !storable(d.description)) return false;
  if (d.code && (!storable(d.code.language) || !storable(d.code.text))) return false;
  if (d.owners) for (const o of d.owners) if (!storable(o.name) || (o.type !== undefined && !storable(o.type))) return false;
  if (d.fields && !storableFields(d.fields as FieldShape[], 2)) return false;
  return d.properties === undefined || isStorableJson(d.properties, MAX_NESTING - 1);
}

const assetKinds = new Set<string>(ASSET_KINDS);
const computationKinds = new Set<string>(COMPUTATION_KINDS);

/**
 * Checks what can be checked without the database: shape, non-empty identities, known kinds and
 * edge direction, and that every string can be stored (storableText.ts: no NUL, no lone surrogate,
 * indexed strings within their limits, free-form JSON not too deep). References to nodes and
 * fields are checked by the store against the graph.
 */
export function parseChangeset(input: unknown): Changeset {
  const changeset = parseChangesetShape(input);
  const issues: ChangesetIssue[] = [];
  // Paths are spelled out only for issues: building one per item costs more than the checks at 300k edges.
  // `path` is `list[i]` followed by `key` (a top-level field when `list` is '').
  const text = (value: string, maxBytes: number | undefined, list: string, i: number, key: string) => {
    const invalid = unstorableReason(value);
    const long = invalid || maxBytes === undefined ? null : tooLongReason(value, maxBytes);
    if (!invalid && !long) return;
    const path = list === '' ? key : `${list}[${i}]${key}`;
    const what = key.slice(key.lastIndexOf('.') + 1);
    issues.push({ code: invalid ? 'INVALID_TEXT' : 'TOO_LONG', path, message: `${what} ${invalid ?? long}` });
  };
  // Most references share their namespace with the one before: it needs checking once.
  let lastGoodNamespace: string | undefined;
  const checkIdentity = (ref: { namespace: string; name: string }, list: string, i: number, suffix: string) => {
    if (ref.namespace !== lastGoodNamespace) {
      const before = issues.length;
      if (ref.namespace.trim() === '') issues.push({ code: 'EMPTY_IDENTITY', path: `${list}[${i}]${suffix}.namespace`, message: 'namespace is empty' });
      else text(ref.namespace, TEXT_LIMITS.identity, list, i, `${suffix}.namespace`);
      if (issues.length === before) lastGoodNamespace = ref.namespace;
    }
    if (ref.name.trim() === '') issues.push({ code: 'EMPTY_IDENTITY', path: `${list}[${i}]${suffix}.name`, message: 'name is empty' });
    else text(ref.name, TEXT_LIMITS.identity, list, i, `${suffix}.name`);
  };
  // Free-form JSON: every string and key storable, not nested too deep.
  const checkJson = (value: unknown, path: string) => {
    if (value === undefined || issues.length >= 100) return;
    for (const issue of jsonTextIssues(value)) {
      const where = formatPath(issue.path);
      issues.push({
        code: issue.kind === 'depth' ? 'TOO_DEEP' : 'INVALID_TEXT',
        path: where === '(root)' ? path : `${path}${where.startsWith('[') ? '' : '.'}${where}`,
        message: issue.message,
      });
    }
  };
  const checkFieldNames = (fields: FieldShape[] | undefined, path: string) => {
    fields?.forEach((field, i) => {
      const reason = tooLongReason(field.name, TEXT_LIMITS.field);
      if (reason) issues.push({ code: 'TOO_LONG', path: `${path}[${i}].name`, message: `field name ${reason}` });
      checkFieldNames(field.fields, `${path}[${i}].fields`);
    });
  };
  const checkNode = (node: Changeset['assets'] extends (infer N)[] | undefined ? N : never, list: string, i: number) => {
    checkIdentity(node, list, i, '');
    if (node.definition && !storableDefinition(node.definition)) {
      checkJson(node.definition, `${list}[${i}].definition`);
      checkFieldNames(node.definition.fields, `${list}[${i}].definition.fields`);
    }
  };
  text(changeset.source, TEXT_LIMITS.identity, '', 0, 'source');
  if (changeset.actor !== undefined) text(changeset.actor, TEXT_LIMITS.identity, '', 0, 'actor');
  changeset.assets?.forEach((asset, i) => {
    checkNode(asset, 'assets', i);
    if (!assetKinds.has(asset.kind)) {
      issues.push({ code: 'UNKNOWN_KIND', path: `assets[${i}].kind`, message: `unknown asset kind ${JSON.stringify(asset.kind)}; expected one of ${ASSET_KINDS.join(', ')}` });
    }
  });
  changeset.computations?.forEach((computation, i) => {
    checkNode(computation, 'computations', i);
    if (!computationKinds.has(computation.kind)) {
      issues.push({
        code: 'UNKNOWN_KIND',
        path: `computations[${i}].kind`,
        message: `unknown computation kind ${JSON.stringify(computation.kind)}; expected one of ${COMPUTATION_KINDS.join(', ')}`,
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
  const checkTag = (t: NonNullable<Changeset['tags']>[number], list: string, i: number) => {
    checkIdentity(t.target, list, i, '.target');
    if (t.field !== undefined) text(t.field, TEXT_LIMITS.field, list, i, '.field');
    text(t.key, TEXT_LIMITS.tagKey, list, i, '.key');
    text(t.value, TEXT_LIMITS.tagValue, list, i, '.value');
  };
  const checkFieldEdge = (f: NonNullable<Changeset['fieldEdges']>[number], list: string, i: number) => {
    checkIdentity(f.computation, list, i, '.computation');
    checkIdentity(f.input, list, i, '.input');
    checkIdentity(f.output, list, i, '.output');
    text(f.input.field, TEXT_LIMITS.field, list, i, '.input.field');
    text(f.output.field, TEXT_LIMITS.field, list, i, '.output.field');
    if (f.transformation.subtype !== undefined) text(f.transformation.subtype, TEXT_LIMITS.subtype, list, i, '.transformation.subtype');
    if (f.transformation.description !== undefined) text(f.transformation.description, undefined, list, i, '.transformation.description');
  };
  changeset.edges?.forEach((e, i) => checkEdge(e, 'edges', i));
  changeset.retract?.edges?.forEach((e, i) => checkEdge(e, 'retract.edges', i));
  changeset.retract?.nodes?.forEach((n, i) => checkIdentity(n, 'retract.nodes', i, ''));
  changeset.tags?.forEach((t, i) => checkTag(t, 'tags', i));
  changeset.retract?.tags?.forEach((t, i) => checkTag(t, 'retract.tags', i));
  changeset.fieldEdges?.forEach((f, i) => checkFieldEdge(f, 'fieldEdges', i));
  changeset.retract?.fieldEdges?.forEach((f, i) => checkFieldEdge(f, 'retract.fieldEdges', i));
  changeset.runs?.forEach((r, i) => {
    checkIdentity(r.computation, 'runs', i, '.computation');
    text(r.runId, TEXT_LIMITS.identity, 'runs', i, '.runId');
    for (const key of ['startedAt', 'endedAt'] as const) {
      const value = r[key];
      if (value === undefined) continue;
      const time = parseTimestamp(value);
      if (!time.ok) issues.push({ code: 'INVALID_TIME', path: `runs[${i}].${key}`, message: `${key} ${time.reason}` });
    }
    checkJson(r.properties, `runs[${i}].properties`);
  });
  if (changeset.mode === 'full' && changeset.retract) {
    issues.push({ code: 'RETRACT_IN_FULL', path: 'retract', message: 'a full changeset retracts by omission; "retract" is only for delta changesets' });
  }
  if (issues.length > 0) throw new ChangesetRejectedError(issues.slice(0, 100));
  return changeset;
}
