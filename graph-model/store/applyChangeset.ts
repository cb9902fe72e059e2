import { contentHash } from '../canonical.js';
import { parseChangeset } from '../changeset-schema.js';
import { fieldNames, mergeDefinitions } from '../definition.js';
import { ChangesetRejectedError, type ChangesetIssue } from '../errors.js';
import { edgeKey, fieldEdgeKey, nodeId, tagKey } from '../ids.js';
import {
  WHOLE_ASSET,
  edgeKindOf,
  type ApplyResult,
  type ChangeStats,
  type Changeset,
  type NodeDefinition,
  type NodeRef,
  type NodeType,
} from '../model.js';
import type { Db, Tx } from './db.js';
import { closeFacts, factsTouching, insertFacts, openFacts } from './operations/effectiveFacts.js';
import { closeFactClaims, insertFactClaims, loadSourceFactClaims, stillClaimed } from './operations/factClaims.js';
import { insertChangeset } from './operations/insertChangeset.js';
import { lockWriter } from './operations/lockWriter.js';
import { closeNodeClaims, insertNodeClaims, loadOpenNodeClaims, loadSourceNodeClaims } from './operations/nodeClaims.js';
import { closeNodeVersions, insertNodeVersions, loadOpenNodeVersions } from './operations/nodeVersions.js';
import { registeredNodeIds, registerNodes } from './operations/registerNodes.js';
import { closeRuns, insertRuns, loadOpenRunHashes, notifyCommitted, type NewRun } from './operations/runs.js';
import type { FactType, NodeClaimRow, NodeVersionRow } from './rows.js';
import { sortKeys } from './sortKeys.js';

interface AssertedNode {
  id: string;
  type: NodeType;
  namespace: string;
  name: string;
  kind: string;
  definition: NodeDefinition;
  hash: string;
  path: string;
}

/** Where in the changeset an item is: `list[index]suffix`, spelled out only when reporting an issue. */
interface Place {
  list: string;
  index: number;
  suffix: string;
}

const pathOf = (place: Place) => `${place.list}[${place.index}]${place.suffix}`;

/** A node a fact refers to, with where in the changeset it was referred to. */
interface Reference {
  id: string;
  ref: NodeRef;
  place: Place;
  field?: string;
}

interface AssertedFact {
  key: string;
  /** Row for the effective table in FACT_COLUMNS order; its last cell, from_version, is set when it is written. */
  row: unknown[];
  /** Ids of the nodes the fact refers to, in the order of `referencesOf`. */
  ids: string[];
  /** The field each of `ids` refers to, where the fact names fields (field edges, tags). */
  fields?: (string | undefined)[];
  /** Where the fact was asserted: its references are spelled out from there only to report them. */
  list: AssertedList;
  index: number;
}

type AssertedList = 'edges' | 'fieldEdges' | 'tags';

/** A fact as spelled out from the changeset: key, row without key and from_version, references. */
interface FactParts {
  key: string;
  row: unknown[];
  refs: Reference[];
}

const FACT_TYPES: FactType[] = ['edge', 'field_edge', 'tag'];

function emptyStats(): ChangeStats {
  return {
    nodesCreated: 0,
    nodesUpdated: 0,
    nodesDeleted: 0,
    edgesAdded: 0,
    edgesRemoved: 0,
    fieldEdgesAdded: 0,
    fieldEdgesRemoved: 0,
    tagsAdded: 0,
    tagsRemoved: 0,
    runsRecorded: 0,
  };
}

function label(type: NodeType, namespace: string, name: string): string {
  return `${type.toLowerCase()} ${namespace}/${name}`;
}

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

/** Lets pending I/O (a COPY stream asking for more rows) run between long synchronous steps. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

const labelOf = (r: Reference) => label(r.ref.type, r.ref.namespace, r.ref.name);

/** The changeset, normalised to keyed facts with the places they came from. */
class Normalized {
  readonly nodes = new Map<string, AssertedNode>();
  readonly facts: Record<FactType, Map<string, AssertedFact>> = { edge: new Map(), field_edge: new Map(), tag: new Map() };
  readonly retractedNodes = new Set<string>();
  readonly retractedFacts: Record<FactType, Set<string>> = { edge: new Set(), field_edge: new Set(), tag: new Set() };
  readonly runs = new Map<string, NewRun & { path: string; ref: Reference }>();
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
      // The hot loop at 300k edges: no per-edge objects beyond the fact itself.
      const facts = this.facts.edge;
      for (let i = 0; i < edges.length; i++) {
        if ((i & 0x3fff) === 0x3fff) await breathe();
        const e = edges[i]!;
        const fromId = cachedNodeId(e.from.type, e.from.namespace, e.from.name);
        const toId = cachedNodeId(e.to.type, e.to.namespace, e.to.name);
        const key = edgeKey(fromId, toId);
        if (facts.has(key)) continue;
        const kind = edgeKindOf(e.from.type, e.to.type);
        facts.set(key, { key, row: [key, fromId, toId, kind, 0], ids: [fromId, toId], list: 'edges', index: i });
      }
    }
    changeset.fieldEdges?.forEach((f, i) => this.addFact('field_edge', this.fieldEdgeFact(f, i)));
    changeset.tags?.forEach((t, i) => this.addFact('tag', this.tagFact(t, i)));
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

  private fieldEdgeFact(f: NonNullable<Changeset['fieldEdges']>[number], index: number): AssertedFact {
    const { key, row, refs } = this.fieldEdge(f, 'fieldEdges', index);
    return { key, row: [key, ...row, 0], ids: refs.map((r) => r.id), fields: refs.map((r) => r.field), list: 'fieldEdges', index };
  }

  private tagFact(t: NonNullable<Changeset['tags']>[number], index: number): AssertedFact {
    const { key, row, refs } = this.tag(t, 'tags', index);
    return { key, row: [key, ...row, 0], ids: refs.map((r) => r.id), fields: refs.map((r) => r.field), list: 'tags', index };
  }

  private conflict(path: string, message: string) {
    this.issues.push({ code: 'CONFLICTING_ASSERTION', path, message });
  }

  private addNode(type: NodeType, n: { namespace: string; name: string; kind: string; definition?: NodeDefinition }, path: string) {
    const id = cachedNodeId(type, n.namespace, n.name);
    // Parsed input is fresh JSON-shaped data; `undefined` keys are dropped by hashing and storage alike.
    const definition = n.definition ?? {};
    const hash = contentHash({ kind: n.kind, definition });
    const previous = this.nodes.get(id);
    if (previous && previous.hash !== hash) {
      this.conflict(path, `${label(type, n.namespace, n.name)} is asserted twice with different content (first at ${previous.path})`);
    }
    if (!previous) this.nodes.set(id, { id, type, namespace: n.namespace, name: n.name, kind: n.kind, definition, hash, path });
  }

  private addFact(type: FactType, fact: AssertedFact) {
    if (!this.facts[type].has(fact.key)) this.facts[type].set(fact.key, fact);
  }

  private retractFact(type: FactType, key: string, path: string) {
    if (this.facts[type].has(key)) this.conflict(path, 'this fact is both asserted and retracted');
    this.retractedFacts[type].add(key);
  }

  private edge(e: { from: NodeRef; to: NodeRef }, list: string, index: number): FactParts {
    const from = refOf(e.from, list, index, '.from');
    const to = refOf(e.to, list, index, '.to');
    return { key: edgeKey(from.id, to.id), row: [from.id, to.id, edgeKindOf(e.from.type, e.to.type)], refs: [from, to] };
  }

  private fieldEdge(f: NonNullable<Changeset['fieldEdges']>[number], list: string, index: number): FactParts {
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
    return {
      key: fieldEdgeKey(parts),
      row: [
        parts.computationId,
        parts.inputId,
        parts.inputField,
        parts.outputId,
        parts.outputField,
        parts.transformationType,
        parts.transformationSubtype,
        parts.masking,
      ],
      refs: [computation, input, output],
    };
  }

  private tag(t: NonNullable<Changeset['tags']>[number], list: string, index: number): FactParts {
    const target = refOf(t.target, list, index, '.target', t.field ?? WHOLE_ASSET);
    const field = t.field ?? WHOLE_ASSET;
    return { key: tagKey(target.id, field, t.key, t.value), row: [target.id, field, t.key, t.value], refs: [target] };
  }
}

interface NodeOutcome {
  alive: boolean;
  definition: NodeDefinition;
}

/**
 * Commits one changeset atomically as the next graph version, or changes nothing when it matches
 * what its source already asserts. Throws ChangesetRejectedError, committing nothing, when the
 * changeset is malformed or refers to nodes or fields that would not exist.
 */
export async function applyChangeset(db: Db, input: unknown, options: { actor?: string } = {}): Promise<ApplyResult> {
  const changeset = parseChangeset(input);
  const normalized = new Normalized(changeset);
  if (normalized.issues.length > 0) {
    // Report every conflict at once, those among facts too.
    await normalized.normalizeFacts();
    throw new ChangesetRejectedError(normalized.issues);
  }
  const actor = options.actor ?? changeset.actor ?? 'anonymous';
  return db.transaction((tx) => applyInTransaction(tx, normalized, actor));
}

async function applyInTransaction(
  tx: Tx,
  cs: Normalized,
  actor: string,
): Promise<ApplyResult> {
  const { source, mode } = cs.changeset;
  const current = await lockWriter(tx);
  const version = current + 1;
  const stats = emptyStats();

  // 1. Node claims of this source: what to open, what to close.
  // In id order, so node rows reach their tables' id indexes in order (in-order btree inserts are much faster).
  const assertedIds = sortKeys([...cs.nodes.keys()]);
  const ownClaims = await loadSourceNodeClaims(tx, source, mode === 'full' ? 'all' : [...assertedIds, ...cs.retractedNodes]);
  const ownById = new Map(ownClaims.map((claim) => [claim.node_id, claim]));
  const claimsToClose: string[] = [];
  const claimsToOpen: AssertedNode[] = [];
  for (const id of assertedIds) {
    const node = cs.nodes.get(id)!;
    const own = ownById.get(node.id);
    if (!own) claimsToOpen.push(node);
    else if (own.content_hash !== node.hash) {
      claimsToClose.push(node.id);
      claimsToOpen.push(node);
    }
  }
  for (const own of ownClaims) {
    if (cs.nodes.has(own.node_id)) continue;
    if (mode === 'full' || cs.retractedNodes.has(own.node_id)) claimsToClose.push(own.node_id);
  }

  // 2. Effective versions of the nodes whose claims change.
  const touched = sortKeys([...new Set([...claimsToClose, ...claimsToOpen.map((n) => n.id)])]);
  // A node never registered before has no claims, versions or facts yet: no need to look for them.
  const registered = await registeredNodeIds(
    tx,
    claimsToOpen.map((n) => n.id),
  );
  const brandNew = new Set(claimsToOpen.filter((n) => !registered.has(n.id)).map((n) => n.id));
  const existing = touched.filter((id) => !brandNew.has(id));
  const [openClaims, openVersions] = await Promise.all([loadOpenNodeClaims(tx, existing), loadOpenNodeVersions(tx, existing)]);
  const closing = new Set(claimsToClose);
  const claimsByNode = new Map<string, NodeClaimRow[]>();
  for (const claim of openClaims) {
    if (claim.source === source && closing.has(claim.node_id)) continue;
    if (!claimsByNode.has(claim.node_id)) claimsByNode.set(claim.node_id, []);
    claimsByNode.get(claim.node_id)!.push(claim);
  }
  const newClaimRows: NodeClaimRow[] = claimsToOpen.map((n) => ({
    node_id: n.id,
    source,
    from_version: version,
    kind: n.kind,
    content_hash: n.hash,
    definition: n.definition,
  }));
  for (const claim of newClaimRows) {
    if (brandNew.has(claim.node_id)) continue;
    if (!claimsByNode.has(claim.node_id)) claimsByNode.set(claim.node_id, []);
    claimsByNode.get(claim.node_id)!.push(claim);
  }
  const versionById = new Map<string, NodeVersionRow>(openVersions.map((row) => [row.node_id, row]));
  const outcome = new Map<string, NodeOutcome>();
  const versionsToClose: string[] = [];
  const versionsToInsert: Omit<NodeVersionRow, 'to_version'>[] = [];
  const deadNodes: string[] = [];
  const removedFields: { nodeId: string; field: string }[] = [];
  for (const id of touched) {
    if (brandNew.has(id)) {
      // Its one claim, just opened, is its first version.
      const node = cs.nodes.get(id)!;
      outcome.set(id, { alive: true, definition: node.definition });
      stats.nodesCreated++;
      versionsToInsert.push({ node_id: id, from_version: version, kind: node.kind, content_hash: node.hash, definition: node.definition });
      continue;
    }
    const claims = (claimsByNode.get(id) ?? []).sort((a, b) => a.from_version - b.from_version || a.source.localeCompare(b.source));
    const before = versionById.get(id);
    if (claims.length === 0) {
      outcome.set(id, { alive: false, definition: {} });
      if (before) {
        versionsToClose.push(id);
        deadNodes.push(id);
        stats.nodesDeleted++;
      }
      continue;
    }
    // One claim (the common case) is its own effective version: same content, same hash.
    const single = claims.length === 1 ? claims[0]! : null;
    const definition = single ? single.definition : mergeDefinitions(claims.map((c) => c.definition));
    const kind = claims[claims.length - 1]!.kind;
    const hash = single ? single.content_hash : contentHash({ kind, definition });
    outcome.set(id, { alive: true, definition });
    if (before?.content_hash === hash) continue;
    if (before) {
      versionsToClose.push(id);
      stats.nodesUpdated++;
      const kept = fieldNames(definition);
      for (const field of fieldNames(before.definition)) if (!kept.has(field)) removedFields.push({ nodeId: id, field });
    } else stats.nodesCreated++;
    versionsToInsert.push({ node_id: id, from_version: version, kind, content_hash: hash, definition });
  }

  // Node rows that will be written whatever the facts say start on their way now (PostgreSQL loads
  // them while the facts are normalised and sorted here); a rejection below rolls them back.
  const writeNodes = async () => {
    await registerNodes(
      tx,
      claimsToOpen.filter((n) => brandNew.has(n.id)).map((n) => ({ id: n.id, type: n.type, namespace: n.namespace, name: n.name })),
      version,
    );
    await closeNodeClaims(tx, source, claimsToClose, version);
    await insertNodeClaims(tx, newClaimRows);
    await closeNodeVersions(tx, versionsToClose, version);
    await insertNodeVersions(tx, versionsToInsert);
  };
  let nodeWrites: Promise<void> | null = null;
  if (claimsToOpen.length > 0 || claimsToClose.length > 0) {
    nodeWrites = writeNodes();
    // Awaited below; until then a failure must not count as unhandled.
    nodeWrites.catch(() => {});
  }
  try {
    await cs.normalizeFacts();
    if (cs.issues.length > 0) throw new ChangesetRejectedError(cs.issues);
    // 3. References must resolve in the graph as it will be after this changeset.
    await checkReferences(tx, cs, outcome);
  } catch (error) {
    // Let the writes under way finish before the transaction is rolled back.
    await nodeWrites?.catch(() => {});
    throw error;
  }

  // 4. Fact claims of this source.
  // `open` is filled in key order once the node rows are on their way (step 5).
  const factChanges = {} as Record<FactType, { openKeys: string[]; open: AssertedFact[]; maybeOpen: string[]; close: string[] }>;
  for (const type of FACT_TYPES) {
    const asserted = cs.facts[type];
    const retracted = cs.retractedFacts[type];
    const own = await loadSourceFactClaims(tx, source, type, mode === 'full' ? 'all' : [...asserted.keys(), ...retracted]);
    const openKeys = own.size === 0 ? [...asserted.keys()] : [...asserted.keys()].filter((key) => !own.has(key));
    const close = [...own].filter((key) => !asserted.has(key) && (mode === 'full' || retracted.has(key)));
    factChanges[type] = { openKeys, open: [], maybeOpen: [], close };
  }

  const runIds = [...cs.runs.keys()];
  const runHashes = await loadOpenRunHashes(tx, runIds);
  const runsToRecord = [...cs.runs.values()].filter((run) => runHashes.get(run.runId) !== run.contentHash);

  const nothingChanged =
    claimsToOpen.length === 0 &&
    claimsToClose.length === 0 &&
    runsToRecord.length === 0 &&
    FACT_TYPES.every((type) => factChanges[type].openKeys.length === 0 && factChanges[type].close.length === 0);
  if (nothingChanged) return { version: current, changed: false, stats };

  // 5. Write. The node rows go first; while PostgreSQL loads them, the fact rows are put in key order
  // here (on PostgreSQL the COPY streams are fed between these steps, so both sides work at once).
  nodeWrites ??= writeNodes();
  nodeWrites.catch(() => {});
  for (const type of FACT_TYPES) {
    const changes = factChanges[type];
    if (changes.openKeys.length === 0) continue;
    await breathe();
    // Sorted by key, rows reach the key indexes in order, which PostgreSQL inserts much faster.
    // (A plain string array sorts natively; a comparator over objects costs seconds at 300k facts.)
    const openKeys = sortKeys(changes.openKeys);
    await breathe();
    const asserted = cs.facts[type];
    changes.open = openKeys.map((key) => asserted.get(key)!);
    // A fact on a brand-new node cannot be open already.
    for (const fact of changes.open) if (!fact.ids.some((id) => brandNew.has(id))) changes.maybeOpen.push(fact.key);
  }
  await nodeWrites;

  const removedCount: Record<FactType, number> = { edge: 0, field_edge: 0, tag: 0 };
  const addedCount: Record<FactType, number> = { edge: 0, field_edge: 0, tag: 0 };
  for (const type of FACT_TYPES) {
    const { open, close } = factChanges[type];
    await closeFactClaims(tx, source, type, close, version);
    const remaining = await stillClaimed(tx, type, close);
    const ending = close.filter((key) => !remaining.has(key));
    await closeFacts(tx, type, ending, version);
    removedCount[type] += ending.length;
    await insertFactClaims(
      tx,
      source,
      type,
      open.map((fact) => fact.key),
      version,
    );
    const alreadyOpen = await openFacts(tx, type, factChanges[type].maybeOpen);
    const rows: unknown[][] = [];
    for (const fact of open) {
      if (alreadyOpen.has(fact.key)) continue;
      fact.row[fact.row.length - 1] = version;
      rows.push(fact.row);
    }
    await insertFacts(tx, type, rows);
    addedCount[type] += rows.length;
  }

  // Facts on nodes that ceased to exist, or on fields that disappeared, end with them, whoever asserted them.
  const orphaned = await factsTouching(tx, deadNodes, removedFields);
  for (const type of FACT_TYPES) {
    await closeFactClaims(tx, null, type, orphaned[type], version);
    await closeFacts(tx, type, orphaned[type], version);
    removedCount[type] += orphaned[type].length;
  }

  await closeRuns(
    tx,
    runsToRecord.filter((run) => runHashes.has(run.runId)).map((run) => run.runId),
    version,
  );
  await insertRuns(tx, runsToRecord, version);

  stats.edgesAdded = addedCount.edge;
  stats.edgesRemoved = removedCount.edge;
  stats.fieldEdgesAdded = addedCount.field_edge;
  stats.fieldEdgesRemoved = removedCount.field_edge;
  stats.tagsAdded = addedCount.tag;
  stats.tagsRemoved = removedCount.tag;
  stats.runsRecorded = runsToRecord.length;
  await insertChangeset(tx, { version, source, actor, mode, stats });
  await notifyCommitted(tx, version);
  return { version, changed: true, stats };
}

/** Every node and field a fact or run refers to exists once this changeset is applied. */
async function checkReferences(tx: Tx, cs: Normalized, outcome: Map<string, NodeOutcome>): Promise<void> {
  // A reference to a node this changeset asserts, without a field, holds by construction.
  const references: Reference[] = [];
  // A node this changeset asserts is alive after it (its own claim is open), so only fields need looking at.
  const holds = (id: string, field: string | undefined) => (field === undefined || field === WHOLE_ASSET) && cs.nodes.has(id);
  for (const type of FACT_TYPES) {
    for (const fact of cs.facts[type].values()) {
      const { ids, fields } = fact;
      let spelled: Reference[] | undefined;
      for (let i = 0; i < ids.length; i++) {
        if (holds(ids[i]!, fields?.[i])) continue;
        spelled ??= cs.referencesOf(fact);
        references.push(spelled[i]!);
      }
    }
  }
  for (const run of cs.runs.values()) if (!holds(run.ref.id, run.ref.field)) references.push(run.ref);
  if (references.length === 0) return;

  // Nodes this changeset does not touch are as they are now; load those we need to know about.
  const needed = new Set<string>();
  for (const ref of references) {
    if (outcome.has(ref.id)) continue;
    const asserted = cs.nodes.has(ref.id);
    if (!asserted || (ref.field !== undefined && ref.field !== WHOLE_ASSET)) needed.add(ref.id);
  }
  const current = await loadOpenNodeVersions(tx, [...needed]);
  const known = new Map<string, NodeOutcome>(outcome);
  for (const row of current) known.set(row.node_id, { alive: true, definition: row.definition });
  for (const node of cs.nodes.values()) if (!known.has(node.id)) known.set(node.id, { alive: true, definition: node.definition });

  const issues: ChangesetIssue[] = [];
  const fieldCache = new Map<string, Set<string>>();
  for (const ref of references) {
    const node = known.get(ref.id);
    if (!node?.alive) {
      issues.push({
        code: 'UNKNOWN_NODE',
        path: pathOf(ref.place),
        message: `${labelOf(ref)} does not exist and is not asserted in this changeset`,
      });
      continue;
    }
    if (ref.field === undefined || ref.field === WHOLE_ASSET) continue;
    let fields = fieldCache.get(ref.id);
    if (!fields) {
      fields = fieldNames(node.definition);
      fieldCache.set(ref.id, fields);
    }
    if (!fields.has(ref.field)) {
      issues.push({ code: 'UNKNOWN_FIELD', path: `${pathOf(ref.place)}.field`, message: `${labelOf(ref)} has no field "${ref.field}"` });
    }
    if (issues.length >= 100) break;
  }
  if (issues.length > 0) throw new ChangesetRejectedError(issues);
}
