import { contentHash } from '../../canonical.js';
import type { ChangesetIssue } from '../../errors.js';
import { edgeKey, fieldEdgeKey, nodeId, tagKey } from '../../ids.js';
import { WHOLE_ASSET, edgeKindOf, type Changeset, type NodeDefinition, type NodeRef, type NodeType } from '../../model.js';
import type { NewRun } from '../operations/runs.js';
import type { FactType } from '../rows.js';
import type { FactInsert } from '../tables.js';

/** The first step of a write: the changeset as keyed nodes and facts, with where each came from. */

export class AssertedNode {
  private contentHash: string | undefined;

  constructor(
    readonly id: string,
    readonly type: NodeType,
    readonly namespace: string,
    readonly name: string,
    readonly kind: string,
    readonly definition: NodeDefinition,
    readonly path: string,
  ) {}

  /**
   * Hashed when first needed: at 100k new nodes hashing takes about a second, which then runs while
   * PostgreSQL registers their identities instead of before anything is sent to it.
   */
  get hash(): string {
    return (this.contentHash ??= contentHash({ kind: this.kind, definition: this.definition }));
  }
}

/** Where in the changeset an item is: `list[index]suffix`, spelled out only when reporting an issue. */
interface Place {
  list: string;
  index: number;
  suffix: string;
}

export const pathOf = (place: Place) => `${place.list}[${place.index}]${place.suffix}`;

/** A node a fact refers to, with where in the changeset it was referred to. */
export interface Reference {
  id: string;
  ref: NodeRef;
  place: Place;
  field?: string;
}

type AssertedList = 'edges' | 'fieldEdges' | 'tags';

export interface AssertedFact<T extends FactType = FactType> {
  key: string;
  /** The effective table's row; its from_version is set when it is written. */
  row: FactInsert[T];
  /** Ids of the nodes the fact refers to, in the order of `referencesOf`. */
  ids: string[];
  /** The field each of `ids` refers to, where the fact names fields (field edges, tags). */
  fields?: (string | undefined)[];
  /** Where the fact was asserted: its references are spelled out from there only to report them. */
  list: AssertedList;
  index: number;
}

/** A fact as spelled out from the changeset: key, row (from_version 0), references. */
interface FactParts<T extends FactType> {
  key: string;
  row: FactInsert[T];
  refs: Reference[];
}

export type AssertedRun = NewRun & { path: string; ref: Reference };

export const FACT_TYPES: FactType[] = ['edge', 'field_edge', 'tag'];

export type FactMaps = { [T in FactType]: Map<string, AssertedFact<T>> };

export function label(type: NodeType, namespace: string, name: string): string {
  return `${type.toLowerCase()} ${namespace}/${name}`;
}

export const labelOf = (r: Reference) => label(r.ref.type, r.ref.namespace, r.ref.name);

// Large changesets name the same node many times; hashing each identity once matters at 100k nodes.
const idCache: Record<NodeType, Map<string, Map<string, string>>> = { ASSET: new Map(), COMPUTATION: new Map() };
let idCacheSize = 0;
function cachedNodeId(type: NodeType, namespace: string, name: string): string {
  let names = idCache[type].get(namespace);
  if (!names) {
    names = new Map();
    idCache[type].set(namespace, names);
  }
  let id = names.get(name);
  if (id === undefined) {
    id = nodeId(type, namespace, name);
    if (++idCacheSize > 2_000_000) {
      idCache.ASSET.clear();
      idCache.COMPUTATION.clear();
      idCacheSize = 0;
    }
    names.set(name, id);
  }
  return id;
}

function refOf(ref: NodeRef, list: string, index: number, suffix: string, field?: string): Reference {
  return { id: cachedNodeId(ref.type, ref.namespace, ref.name), ref, place: { list, index, suffix }, field };
}

/** parseChangeset refuses an edge between two nodes of one type, so every edge here has a kind. */
const kindOf = (e: { from: NodeRef; to: NodeRef }) => edgeKindOf(e.from.type, e.to.type)!;

/** Lets pending I/O (a COPY stream asking for more rows) run between long synchronous steps. */
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The changeset, normalised to keyed facts with the places they came from. */
export class Normalized {
  readonly nodes = new Map<string, AssertedNode>();
  readonly facts: FactMaps = { edge: new Map(), field_edge: new Map(), tag: new Map() };
  readonly retractedNodes = new Set<string>();
  readonly retractedFacts: Record<FactType, Set<string>> = { edge: new Set(), field_edge: new Set(), tag: new Set() };
  readonly runs = new Map<string, AssertedRun>();
  readonly issues: ChangesetIssue[] = [];
  private factsDone = false;

  /** Nodes first: what a changeset does to nodes is decided (and written) before its facts are looked at. */
  constructor(readonly changeset: Changeset) {
    changeset.assets?.forEach((n, i) => this.addNode('ASSET', n, `assets[${i}]`));
    changeset.computations?.forEach((n, i) => this.addNode('COMPUTATION', n, `computations[${i}]`));
    changeset.retract?.nodes?.forEach((n, i) => {
      const id = cachedNodeId(n.type, n.namespace, n.name);
      if (this.nodes.has(id)) this.conflict(`retract.nodes[${i}]`, `${label(n.type, n.namespace, n.name)} is both asserted and retracted`);
      this.retractedNodes.add(id);
    });
  }

  /**
   * Facts and runs, once. At 300k edges this takes a while: it runs while the node rows are being
   * written, and lets pending I/O (the COPY streams asking for more rows) run every few thousand edges.
   */
  async normalizeFacts(): Promise<void> {
    if (this.factsDone) return;
    this.factsDone = true;
    const changeset = this.changeset;
    const edges = changeset.edges;
    if (edges) {
      // The hot loop at 300k edges: no per-edge objects beyond the fact and its row.
      const facts = this.facts.edge;
      for (let i = 0; i < edges.length; i++) {
        if ((i & 0x3fff) === 0x3fff) await breathe();
        const e = edges[i]!;
        const fromId = cachedNodeId(e.from.type, e.from.namespace, e.from.name);
        const toId = cachedNodeId(e.to.type, e.to.namespace, e.to.name);
        const key = edgeKey(fromId, toId);
        if (facts.has(key)) continue;
        const row = { fact_key: key, from_id: fromId, to_id: toId, kind: kindOf(e), from_version: 0 };
        facts.set(key, { key, row, ids: [fromId, toId], list: 'edges', index: i });
      }
    }
    changeset.fieldEdges?.forEach((f, i) => addFact(this.facts.field_edge, this.fieldEdge(f, 'fieldEdges', i), 'fieldEdges', i));
    changeset.tags?.forEach((t, i) => addFact(this.facts.tag, this.tag(t, 'tags', i), 'tags', i));
    changeset.runs?.forEach((r, i) => {
      const path = `runs[${i}]`;
      const ref = refOf({ type: 'COMPUTATION', ...r.computation }, 'runs', i, '.computation');
      const content = {
        computationId: ref.id,
        state: r.state,
        startedAt: r.startedAt ? new Date(r.startedAt).toISOString() : null,
        endedAt: r.endedAt ? new Date(r.endedAt).toISOString() : null,
        cost: r.cost ?? null,
        // `undefined` inside is dropped alike by hashing (canonicalJson) and storage (JSON).
        properties: r.properties ?? {},
      };
      this.runs.set(r.runId, { runId: r.runId, source: changeset.source, ...content, contentHash: contentHash(content), path, ref });
    });
    const retract = changeset.retract;
    retract?.edges?.forEach((e, i) => this.retractFact('edge', this.edge(e, 'retract.edges', i).key, `retract.edges[${i}]`));
    retract?.fieldEdges?.forEach((f, i) =>
      this.retractFact('field_edge', this.fieldEdge(f, 'retract.fieldEdges', i).key, `retract.fieldEdges[${i}]`),
    );
    retract?.tags?.forEach((t, i) => this.retractFact('tag', this.tag(t, 'retract.tags', i).key, `retract.tags[${i}]`));
  }

  /** The references of an asserted fact, with where they are in the changeset (for reporting). */
  referencesOf(fact: AssertedFact): Reference[] {
    const { list, index } = fact;
    if (list === 'edges') return this.edge(this.changeset.edges![index]!, list, index).refs;
    if (list === 'fieldEdges') return this.fieldEdge(this.changeset.fieldEdges![index]!, list, index).refs;
    return this.tag(this.changeset.tags![index]!, list, index).refs;
  }

  private conflict(path: string, message: string) {
    this.issues.push({ code: 'CONFLICTING_ASSERTION', path, message });
  }

  private addNode(type: NodeType, n: { namespace: string; name: string; kind: string; definition?: NodeDefinition }, path: string) {
    const id = cachedNodeId(type, n.namespace, n.name);
    // Parsed input is fresh JSON-shaped data; `undefined` keys are dropped by hashing and storage alike.
    const node = new AssertedNode(id, type, n.namespace, n.name, n.kind, n.definition ?? {}, path);
    const previous = this.nodes.get(id);
    if (previous && previous.hash !== node.hash) {
      this.conflict(path, `${label(type, n.namespace, n.name)} is asserted twice with different content (first at ${previous.path})`);
    }
    if (!previous) this.nodes.set(id, node);
  }

  private retractFact(type: FactType, key: string, path: string) {
    if (this.facts[type].has(key)) this.conflict(path, 'this fact is both asserted and retracted');
    this.retractedFacts[type].add(key);
  }

  private edge(e: { from: NodeRef; to: NodeRef }, list: string, index: number): FactParts<'edge'> {
    const from = refOf(e.from, list, index, '.from');
    const to = refOf(e.to, list, index, '.to');
    const key = edgeKey(from.id, to.id);
    return { key, row: { fact_key: key, from_id: from.id, to_id: to.id, kind: kindOf(e), from_version: 0 }, refs: [from, to] };
  }

  private fieldEdge(f: NonNullable<Changeset['fieldEdges']>[number], list: string, index: number): FactParts<'field_edge'> {
    const computation = refOf({ type: 'COMPUTATION', ...f.computation }, list, index, '.computation');
    const input = refOf({ type: 'ASSET', namespace: f.input.namespace, name: f.input.name }, list, index, '.input', f.input.field);
    const output = refOf({ type: 'ASSET', namespace: f.output.namespace, name: f.output.name }, list, index, '.output', f.output.field);
    const parts = {
      computationId: computation.id,
      inputId: input.id,
      inputField: f.input.field,
      outputId: output.id,
      outputField: f.output.field,
      transformationType: f.transformation.type,
      transformationSubtype: f.transformation.subtype ?? '',
      masking: f.transformation.masking ?? false,
    };
    const key = fieldEdgeKey(parts);
    return {
      key,
      row: {
        fact_key: key,
        computation_id: parts.computationId,
        input_id: parts.inputId,
        input_field: parts.inputField,
        output_id: parts.outputId,
        output_field: parts.outputField,
        transformation_type: parts.transformationType,
        transformation_subtype: parts.transformationSubtype,
        masking: parts.masking,
        from_version: 0,
      },
      refs: [computation, input, output],
    };
  }

  private tag(t: NonNullable<Changeset['tags']>[number], list: string, index: number): FactParts<'tag'> {
    const field = t.field ?? WHOLE_ASSET;
    const target = refOf(t.target, list, index, '.target', field);
    const key = tagKey(target.id, field, t.key, t.value);
    return { key, row: { fact_key: key, node_id: target.id, field, key: t.key, value: t.value, from_version: 0 }, refs: [target] };
  }
}

function addFact<T extends FactType>(facts: Map<string, AssertedFact<T>>, parts: FactParts<T>, list: AssertedList, index: number): void {
  if (facts.has(parts.key)) return;
  facts.set(parts.key, { key: parts.key, row: parts.row, ids: parts.refs.map((r) => r.id), fields: parts.refs.map((r) => r.field), list, index });
}
