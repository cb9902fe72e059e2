/**
 * An in-memory replay of changesets with the semantics of docs/design.md, written independently of the
 * store and of graph-model's helpers (maps and sets, no intervals, its own keys, merge and canonical
 * form): the oracle the property tests compare the store with. Nodes are named by identity
 * (`identity(type, namespace, name)`), not by the store's opaque ids; the test maps the store's
 * rows to identities before comparing.
 */
import type { Changeset, FieldDef, NodeDefinition, NodeType } from '../../graph-model/model.js';

const SEP = '\u001f';

/** A node's identity, the reference's name for it. */
export function identity(type: NodeType, namespace: string, name: string): string {
  return `${type}\u0000${namespace}\u0000${name}`;
}
export const edgeFact = (from: string, to: string) => [from, to].join(SEP);
export const fieldEdgeFact = (computation: string, input: string, inputField: string, output: string, outputField: string, type: string, subtype: string, masking: boolean) =>
  [computation, input, inputField, output, outputField, type, subtype, masking ? 'masked' : 'clear'].join(SEP);
export const tagFact = (node: string, field: string, key: string, value: string) => [node, field, key, value].join(SEP);

/** JSON with keys in order and undefined dropped: two definitions are the same claim when these match. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : stable(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** docs/changesets.md: fields merge by name (their attributes key by key, nested fields alike). */
function mergedFields(older: FieldDef[], newer: FieldDef[]): FieldDef[] {
  const out: FieldDef[] = older.map((f) => ({ ...f }));
  for (const field of newer) {
    const at = out.findIndex((f) => f.name === field.name);
    if (at < 0) {
      out.push(field);
      continue;
    }
    const into: Record<string, unknown> = { ...out[at]! };
    for (const [key, value] of Object.entries(field)) {
      if (value === undefined) continue;
      into[key] = key === 'fields' ? mergedFields((out[at]!.fields ?? []) as FieldDef[], value as FieldDef[]) : value;
    }
    out[at] = into as unknown as FieldDef;
  }
  return out;
}

/**
 * docs/changesets.md: the effective definition merges the open claims oldest first — later claims
 * override key by key, fields merge by name, owners are a union, properties merge key by key.
 */
function merged(claims: NodeDefinition[]): NodeDefinition {
  if (claims.length === 1) return claims[0]!;
  const out: Record<string, unknown> = {};
  for (const claim of claims) {
    for (const [key, value] of Object.entries(claim)) {
      if (value === undefined) continue;
      if (key === 'fields') out.fields = mergedFields((out.fields ?? []) as FieldDef[], value as FieldDef[]);
      else if (key === 'owners') {
        const owners = [...((out.owners ?? []) as unknown[])];
        for (const owner of value as unknown[]) {
          const at = owners.findIndex((o) => stable(o) === stable(owner));
          if (at < 0) owners.push(owner);
          else owners[at] = owner;
        }
        out.owners = owners;
      } else if (key === 'properties') out.properties = { ...((out.properties ?? {}) as object), ...(value as object) };
      else out[key] = value;
    }
  }
  return out as NodeDefinition;
}

/** Every field a definition addresses, nested ones as `parent.child`. */
function addressable(definition: NodeDefinition): Set<string> {
  const out = new Set<string>();
  const visit = (fields: FieldDef[] | undefined, prefix: string) => {
    for (const f of fields ?? []) {
      out.add(`${prefix}${f.name}`);
      visit(f.fields as FieldDef[] | undefined, `${prefix}${f.name}.`);
    }
  };
  visit(definition.fields as FieldDef[] | undefined, '');
  return out;
}

interface Claim {
  kind: string;
  definition: NodeDefinition;
  content: string;
  since: number;
}

export interface Snapshot {
  nodes: Map<string, { kind: string; definition: NodeDefinition }>;
  edges: Set<string>;
  fieldEdges: Set<string>;
  tags: Set<string>;
}

type FactSets = { edges: Set<string>; fieldEdges: Set<string>; tags: Set<string> };

export class ReferenceGraph {
  version = 0;
  readonly snapshots: Snapshot[] = [{ nodes: new Map(), edges: new Set(), fieldEdges: new Set(), tags: new Set() }];
  private claims = new Map<string, Map<string, Claim>>();
  private facts = new Map<string, FactSets>();

  apply(cs: Changeset): number {
    const next = this.version + 1;
    const oldClaims = this.claims.get(cs.source) ?? new Map<string, Claim>();
    const newClaims = cs.mode === 'full' ? new Map<string, Claim>() : new Map(oldClaims);
    if (cs.mode === 'delta') for (const ref of cs.retract?.nodes ?? []) newClaims.delete(identity(ref.type, ref.namespace, ref.name));
    const assert = (type: 'ASSET' | 'COMPUTATION', n: { namespace: string; name: string; kind: string; definition?: NodeDefinition }) => {
      const id = identity(type, n.namespace, n.name);
      const definition = JSON.parse(JSON.stringify(n.definition ?? {})) as NodeDefinition;
      const content = stable({ kind: n.kind, definition });
      const old = oldClaims.get(id);
      newClaims.set(id, { kind: n.kind, definition, content, since: old && old.content === content ? old.since : next });
    };
    cs.assets?.forEach((n) => assert('ASSET', n));
    cs.computations?.forEach((n) => assert('COMPUTATION', n));

    const asserted = this.factSetsOf(cs, false);
    const oldFacts = this.facts.get(cs.source) ?? { edges: new Set(), fieldEdges: new Set(), tags: new Set() };
    let newFacts: FactSets;
    if (cs.mode === 'full') newFacts = asserted;
    else {
      const retracted = this.factSetsOf(cs, true);
      newFacts = {
        edges: union(minus(oldFacts.edges, retracted.edges), asserted.edges),
        fieldEdges: union(minus(oldFacts.fieldEdges, retracted.fieldEdges), asserted.fieldEdges),
        tags: union(minus(oldFacts.tags, retracted.tags), asserted.tags),
      };
    }

    const claimsChanged = !sameClaims(oldClaims, newClaims);
    const factsChanged = !(same(oldFacts.edges, newFacts.edges) && same(oldFacts.fieldEdges, newFacts.fieldEdges) && same(oldFacts.tags, newFacts.tags));
    if (!claimsChanged && !factsChanged) return this.version;

    this.claims.set(cs.source, newClaims);
    this.facts.set(cs.source, newFacts);
    const before = this.snapshots[this.version]!;
    const nodes = this.effectiveNodes();
    // Facts on dead nodes or removed fields end for every source.
    const dead = new Set([...before.nodes.keys()].filter((id) => !nodes.has(id)));
    const removed = new Set<string>();
    for (const [id, node] of nodes) {
      const was = before.nodes.get(id);
      if (!was) continue;
      const now = addressable(node.definition);
      for (const f of addressable(was.definition)) if (!now.has(f)) removed.add(`${id}${SEP}${f}`);
    }
    for (const sets of this.facts.values()) {
      for (const key of [...sets.edges]) if (key.split(SEP).some((id) => dead.has(id))) sets.edges.delete(key);
      for (const key of [...sets.fieldEdges]) {
        const [c, i, fi, o, fo] = key.split(SEP) as [string, string, string, string, string];
        if (dead.has(c) || dead.has(i) || dead.has(o) || removed.has(`${i}${SEP}${fi}`) || removed.has(`${o}${SEP}${fo}`)) sets.fieldEdges.delete(key);
      }
      for (const key of [...sets.tags]) {
        const [n, f] = key.split(SEP) as [string, string];
        if (dead.has(n) || removed.has(`${n}${SEP}${f}`)) sets.tags.delete(key);
      }
    }
    const all = [...this.facts.values()];
    this.version = next;
    this.snapshots.push({
      nodes,
      edges: union(...all.map((s) => s.edges)),
      fieldEdges: union(...all.map((s) => s.fieldEdges)),
      tags: union(...all.map((s) => s.tags)),
    });
    return next;
  }

  private effectiveNodes(): Snapshot['nodes'] {
    const bySource = [...this.claims.entries()];
    const ids = new Set(bySource.flatMap(([, claims]) => [...claims.keys()]));
    const out: Snapshot['nodes'] = new Map();
    for (const id of ids) {
      const claims = bySource
        .filter(([, c]) => c.has(id))
        .map(([source, c]) => ({ source, ...c.get(id)! }))
        .sort((a, b) => a.since - b.since || a.source.localeCompare(b.source));
      out.set(id, { kind: claims[claims.length - 1]!.kind, definition: merged(claims.map((c) => c.definition)) });
    }
    return out;
  }

  private factSetsOf(cs: Changeset, retracted: boolean): FactSets {
    const src = retracted ? cs.retract ?? {} : cs;
    const edges = new Set(
      (src.edges ?? []).map((e) => {
        // READS joins an asset to a computation, WRITES a computation to an asset: never two of a type.
        if (e.from.type === e.to.type) throw new Error('generator made a bad edge');
        return edgeFact(identity(e.from.type, e.from.namespace, e.from.name), identity(e.to.type, e.to.namespace, e.to.name));
      }),
    );
    const fieldEdges = new Set(
      (src.fieldEdges ?? []).map((f) =>
        fieldEdgeFact(
          identity('COMPUTATION', f.computation.namespace, f.computation.name),
          identity('ASSET', f.input.namespace, f.input.name),
          f.input.field,
          identity('ASSET', f.output.namespace, f.output.name),
          f.output.field,
          f.transformation.type,
          f.transformation.subtype ?? '',
          f.transformation.masking ?? false,
        ),
      ),
    );
    const tags = new Set((src.tags ?? []).map((t) => tagFact(identity(t.target.type, t.target.namespace, t.target.name), t.field ?? '', t.key, t.value)));
    return { edges, fieldEdges, tags };
  }
}

function union<T>(...sets: Set<T>[]): Set<T> {
  const out = new Set<T>();
  for (const s of sets) for (const v of s) out.add(v);
  return out;
}
function minus<T>(a: Set<T>, b: Set<T>): Set<T> {
  return new Set([...a].filter((v) => !b.has(v)));
}
function same<T>(a: Set<T>, b: Set<T>): boolean {
  return a.size === b.size && [...a].every((v) => b.has(v));
}
function sameClaims(a: Map<string, Claim>, b: Map<string, Claim>): boolean {
  return a.size === b.size && [...a].every(([id, c]) => b.get(id)?.content === c.content);
}
