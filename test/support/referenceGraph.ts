/**
 * An in-memory replay of changesets with the semantics of docs/design.md, written independently of the
 * store (maps and sets, no intervals): the oracle the property tests compare the store with.
 */
import { canonicalJson } from '../../graph-model/canonical.js';
import { fieldNames, mergeDefinitions } from '../../graph-model/definition.js';
import { edgeKey, fieldEdgeAssertionKey, nodeId, tagKey } from '../../graph-model/ids.js';
import { edgeKindOf, type Changeset, type NodeDefinition } from '../../graph-model/model.js';

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
    if (cs.mode === 'delta') for (const ref of cs.retract?.nodes ?? []) newClaims.delete(nodeId(ref.type, ref.namespace, ref.name));
    const assert = (type: 'ASSET' | 'COMPUTATION', n: { namespace: string; name: string; kind: string; definition?: NodeDefinition }) => {
      const id = nodeId(type, n.namespace, n.name);
      const definition = JSON.parse(JSON.stringify(n.definition ?? {})) as NodeDefinition;
      const content = canonicalJson({ kind: n.kind, definition });
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
      const now = fieldNames(node.definition);
      for (const f of fieldNames(was.definition)) if (!now.has(f)) removed.add(`${id}\u001f${f}`);
    }
    for (const sets of this.facts.values()) {
      for (const key of [...sets.edges]) if (key.split('\u001f').some((id) => dead.has(id))) sets.edges.delete(key);
      for (const key of [...sets.fieldEdges]) {
        const [c, i, fi, o, fo] = key.split('\u001f') as [string, string, string, string, string];
        if (dead.has(c) || dead.has(i) || dead.has(o) || removed.has(`${i}\u001f${fi}`) || removed.has(`${o}\u001f${fo}`)) sets.fieldEdges.delete(key);
      }
      for (const key of [...sets.tags]) {
        const [n, f] = key.split('\u001f') as [string, string];
        if (dead.has(n) || removed.has(`${n}\u001f${f}`)) sets.tags.delete(key);
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
      out.set(id, { kind: claims[claims.length - 1]!.kind, definition: mergeDefinitions(claims.map((c) => c.definition)) });
    }
    return out;
  }

  private factSetsOf(cs: Changeset, retracted: boolean): FactSets {
    const src = retracted ? cs.retract ?? {} : cs;
    const edges = new Set(
      (src.edges ?? []).map((e) => {
        if (!edgeKindOf(e.from.type, e.to.type)) throw new Error('generator made a bad edge');
        return edgeKey(nodeId(e.from.type, e.from.namespace, e.from.name), nodeId(e.to.type, e.to.namespace, e.to.name));
      }),
    );
    const fieldEdges = new Set((src.fieldEdges ?? []).map(fieldEdgeAssertionKey));
    const tags = new Set((src.tags ?? []).map((t) => tagKey(nodeId(t.target.type, t.target.namespace, t.target.name), t.field ?? '', t.key, t.value)));
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
