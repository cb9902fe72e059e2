import { canonicalJson } from './canonical.js';
import type { FieldDef, NodeDefinition, Owner } from './model.js';

/**
 * The effective definition of a node asserted by several sources: later claims override earlier
 * ones key by key, except fields (merged by name, then attribute by attribute), owners (union) and
 * properties (merged key by key), which sources add to.
 */
export function mergeDefinitions(claimsOldestFirst: NodeDefinition[]): NodeDefinition {
  if (claimsOldestFirst.length === 1) return claimsOldestFirst[0]!;
  const merged: NodeDefinition = {};
  for (const claim of claimsOldestFirst) {
    for (const key of Object.keys(claim) as (keyof NodeDefinition)[]) {
      const value = claim[key];
      if (value === undefined) continue;
      if (key === 'fields') merged.fields = mergeFields(merged.fields ?? [], value as FieldDef[]);
      else if (key === 'owners') merged.owners = mergeOwners(merged.owners ?? [], value as Owner[]);
      else if (key === 'properties') merged.properties = { ...(merged.properties ?? {}), ...(value as Record<string, unknown>) };
      else (merged as Record<string, unknown>)[key] = value;
    }
  }
  return merged;
}

/** Fields merge by name, and a field's attributes key by key: a later claim that names a column
 *  without its type does not erase the type an earlier claim declared. */
function mergeFields(base: FieldDef[], next: FieldDef[]): FieldDef[] {
  const byName = new Map(base.map((field) => [field.name, field]));
  for (const field of next) {
    const earlier = byName.get(field.name);
    if (!earlier) {
      byName.set(field.name, field);
      continue;
    }
    const merged: FieldDef = { ...earlier };
    for (const key of Object.keys(field) as (keyof FieldDef)[]) {
      if (field[key] === undefined) continue;
      if (key === 'fields') merged.fields = mergeFields(earlier.fields ?? [], field.fields!);
      else (merged as unknown as Record<string, unknown>)[key] = field[key];
    }
    byName.set(field.name, merged);
  }
  return [...byName.values()];
}

function mergeOwners(base: Owner[], next: Owner[]): Owner[] {
  const seen = new Map(base.map((owner) => [canonicalJson(owner), owner]));
  for (const owner of next) seen.set(canonicalJson(owner), owner);
  return [...seen.values()];
}

/** Every addressable field name of a definition; nested fields as `parent.child`. */
export function fieldNames(definition: NodeDefinition | undefined): Set<string> {
  const names = new Set<string>();
  const walk = (fields: FieldDef[] | undefined, prefix: string) => {
    for (const field of fields ?? []) {
      const name = prefix + field.name;
      names.add(name);
      walk(field.fields, name + '.');
    }
  };
  walk(definition?.fields, '');
  return names;
}

export interface DefinitionDiff {
  kind?: { from: string | null; to: string | null };
  fieldsAdded: string[];
  fieldsRemoved: string[];
  fieldsChanged: string[];
  /** Other top-level keys of the definition whose value changed (description, code, owners, properties). */
  changed: string[];
}

function flattenFields(definition: NodeDefinition | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (fields: FieldDef[] | undefined, prefix: string) => {
    for (const field of fields ?? []) {
      const name = prefix + field.name;
      const { fields: nested, ...own } = field;
      out.set(name, canonicalJson(own));
      walk(nested, name + '.');
    }
  };
  walk(definition?.fields, '');
  return out;
}

/** What changed between two versions of a node, for history views and change feeds. */
export function diffDefinitions(
  before: { kind: string; definition: NodeDefinition } | null,
  after: { kind: string; definition: NodeDefinition } | null,
): DefinitionDiff {
  const diff: DefinitionDiff = { fieldsAdded: [], fieldsRemoved: [], fieldsChanged: [], changed: [] };
  if ((before?.kind ?? null) !== (after?.kind ?? null)) diff.kind = { from: before?.kind ?? null, to: after?.kind ?? null };
  const a = flattenFields(before?.definition);
  const b = flattenFields(after?.definition);
  for (const [name, value] of b) {
    if (!a.has(name)) diff.fieldsAdded.push(name);
    else if (a.get(name) !== value) diff.fieldsChanged.push(name);
  }
  for (const name of a.keys()) if (!b.has(name)) diff.fieldsRemoved.push(name);
  const keys = new Set([...Object.keys(before?.definition ?? {}), ...Object.keys(after?.definition ?? {})]);
  keys.delete('fields');
  for (const key of [...keys].sort()) {
    const x = (before?.definition as Record<string, unknown> | undefined)?.[key];
    const y = (after?.definition as Record<string, unknown> | undefined)?.[key];
    if (canonicalJson(x) !== canonicalJson(y)) diff.changed.push(key);
  }
  return diff;
}

/** One value of a definition that changed: `path` is `description`, `code`, `owners`, `properties.<key>` or `fields.<name>`. */
export interface ValueChange {
  path: string;
  /** The value before and after, as canonical JSON; null when absent. */
  from: string | null;
  to: string | null;
}

/**
 * What each changed value of a node's definition was and became, for history views: every
 * top-level key but `fields` and `properties` as a whole, each property key on its own (a rule's
 * `status` from "active" to "retired"), and each field added, removed or changed.
 */
export function definitionValueChanges(
  before: { kind: string; definition: NodeDefinition } | null,
  after: { kind: string; definition: NodeDefinition } | null,
): ValueChange[] {
  const out: ValueChange[] = [];
  const json = (value: unknown) => (value === undefined ? null : canonicalJson(value));
  const compare = (path: string, x: unknown, y: unknown) => {
    const from = json(x);
    const to = json(y);
    if (from !== to) out.push({ path, from, to });
  };
  if (before && after) compare('kind', before.kind, after.kind);
  const a = (before?.definition ?? {}) as Record<string, unknown>;
  const b = (after?.definition ?? {}) as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (key === 'fields') continue;
    if (key !== 'properties') {
      compare(key, a[key], b[key]);
      continue;
    }
    const p = (a.properties ?? {}) as Record<string, unknown>;
    const q = (b.properties ?? {}) as Record<string, unknown>;
    for (const name of [...new Set([...Object.keys(p), ...Object.keys(q)])].sort()) compare(`properties.${name}`, p[name], q[name]);
  }
  const fa = flattenFields(before?.definition);
  const fb = flattenFields(after?.definition);
  for (const name of [...new Set([...fa.keys(), ...fb.keys()])].sort()) {
    const from = fa.get(name) ?? null;
    const to = fb.get(name) ?? null;
    if (from !== to) out.push({ path: `fields.${name}`, from, to });
  }
  return out;
}
