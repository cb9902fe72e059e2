import { randomBytes } from 'node:crypto';
import { contentHash } from '../canonical.js';
import { parseChangeset } from '../changeset-schema.js';
import { fieldNames, mergeDefinitions } from '../definition.js';
import { ChangesetRejectedError, StoreRefusedError, type ChangesetIssue } from '../errors.js';
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
import { isDataRefusal, recordingFirstFailure } from './transactionFailure.js';

class AssertedNode {
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
    const node = new AssertedNode(id, type, n.namespace, n.name, n.kind, n.definition ?? {}, path);
    const previous = this.nodes.get(id);
    if (previous && previous.hash !== node.hash) {
      this.conflict(path, `${label(type, n.namespace, n.name)} is asserted twice with different content (first at ${previous.path})`);
    }
    if (!previous) this.nodes.set(id, node);
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
  try {
    return await db.transaction((tx) => applyInTransaction(tx, normalized, actor));
  } catch (error) {
    // A refusal of the data is the changeset's, like a failed check; the caller keeps the others.
    if (isDataRefusal(error)) throw new StoreRefusedError(error as Error, randomBytes(6).toString('hex'));
    throw error;
  }
}

/**
 * Writes under way on the transaction's connection: each is sent as soon as its rows are known, so
 * PostgreSQL loads one table while this side works out the next one's rows. All settle before an
 * error is passed on, so the rollback finds the connection free.
 */
class PendingWrites {
  private readonly pending: Promise<unknown>[] = [];

  add<T>(write: Promise<T>): Promise<T> {
    // Awaited in `settle`; until then a failure must not count as unhandled.
    write.catch(() => {});
    this.pending.push(write);
    return write;
  }

  async settle(): Promise<void> {
    const failed = (await Promise.allSettled(this.pending.splice(0))).find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

type FactChanges = Record<FactType, { open: AssertedFact[]; close: string[] }>;

async function applyInTransaction(
  tx: Tx,
  cs: Normalized,
  actor: string,
): Promise<ApplyResult> {
  const writes = new PendingWrites();
  const statements = recordingFirstFailure(tx);
  try {
    return await applyWrites(statements.tx, cs, actor, writes);
  } catch (error) {
    await writes.settle().catch(() => {});
    // Not "current transaction is aborted" from whichever statement was awaited first: the cause.
    throw statements.cause(error);
  }
}

/**
 * The order is chosen for a large changeset: node identities are registered while the nodes'
 * contents are hashed here; node claims and versions load while the facts are normalised and sorted;
 * the facts load last. (Loading the facts first, while hashing, was slower: PostgreSQL and this
 * process's garbage collector then compete for the second core.) Nothing is visible before the
 * commit, so a rejection found late (a reference to a missing node or field) still commits nothing.
 */
async function applyWrites(tx: Tx, cs: Normalized, actor: string, writes: PendingWrites): Promise<ApplyResult> {
  const { source, mode } = cs.changeset;
  const current = await lockWriter(tx);
  const version = current + 1;
  const stats = emptyStats();

  // 1. Identities. In id order, so node rows reach their tables' id indexes in order (in-order btree
  // inserts are much faster). A node the source has no claim on may never have been registered; one
  // never registered has no claims, versions or facts yet, so nothing needs to be looked up for it,
  // and its identity row can be loaded at once.
  const assertedIds = sortKeys([...cs.nodes.keys()]);
  const ownClaims = await loadSourceNodeClaims(tx, source, mode === 'full' ? 'all' : [...assertedIds, ...cs.retractedNodes]);
  const ownById = new Map(ownClaims.map((claim) => [claim.node_id, claim]));
  const unclaimed = assertedIds.filter((id) => !ownById.has(id));
  const registered = await registeredNodeIds(tx, unclaimed);
  const brandNew = new Set(unclaimed.filter((id) => !registered.has(id)));
  if (brandNew.size > 0) {
    writes.add(registerNodes(tx, unclaimed.filter((id) => brandNew.has(id)).map((id) => cs.nodes.get(id)!), version));
  }

  // 2. Node claims of this source, and the effective versions of the nodes whose claims change.
  const claimsToClose: string[] = [];
  const claimsToOpen: AssertedNode[] = [];
  for (let i = 0; i < assertedIds.length; i++) {
    // Hashing is the slow part: let the rows under way stream to PostgreSQL meanwhile.
    if ((i & 0xfff) === 0xfff) await breathe();
    const node = cs.nodes.get(assertedIds[i]!)!;
    const own = ownById.get(node.id);
    if (!own) {
      void node.hash;
      claimsToOpen.push(node);
    } else if (own.content_hash !== node.hash) {
      claimsToClose.push(node.id);
      claimsToOpen.push(node);
    }
  }
  for (const own of ownClaims) {
    if (cs.nodes.has(own.node_id)) continue;
    if (mode === 'full' || cs.retractedNodes.has(own.node_id)) claimsToClose.push(own.node_id);
  }
  const touched = sortKeys([...new Set([...claimsToClose, ...claimsToOpen.map((n) => n.id)])]);
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

  // Node rows that will be written whatever the facts say start on their way now: PostgreSQL loads
  // them while the facts are normalised and sorted here. A rejection below rolls them back.
  if (claimsToOpen.length > 0 || claimsToClose.length > 0) {
    writes.add(
      (async () => {
        await closeNodeClaims(tx, source, claimsToClose, version);
        await insertNodeClaims(tx, newClaimRows);
        await closeNodeVersions(tx, versionsToClose, version);
        await insertNodeVersions(tx, versionsToInsert);
      })(),
    );
  }
  // 3. Facts of this source: what to open, what to close.
  await cs.normalizeFacts();
  if (cs.issues.length > 0) throw new ChangesetRejectedError(cs.issues);
  // References must resolve in the graph as it will be after this changeset.
  await checkReferences(tx, cs, outcome);
  const factChanges = await decideFacts(tx, cs, claimsToOpen.length > 0 || claimsToClose.length > 0);
  const factsChange = FACT_TYPES.some((type) => factChanges[type].open.length > 0 || factChanges[type].close.length > 0);

  const runIds = [...cs.runs.keys()];
  const runHashes = await loadOpenRunHashes(tx, runIds);
  const runsToRecord = [...cs.runs.values()].filter((run) => runHashes.get(run.runId) !== run.contentHash);

  // Nothing was sent to be written unless nodes change.
  if (!factsChange && claimsToOpen.length === 0 && claimsToClose.length === 0 && runsToRecord.length === 0) {
    return { version: current, changed: false, stats };
  }

  // 4. The facts, once the node rows are on their way.
  const factCounts = factsChange ? writes.add(writeFacts(tx, source, version, factChanges, brandNew)) : null;
  await writes.settle();
  const { added, removed } = (await factCounts) ?? { added: zeroCounts(), removed: zeroCounts() };

  // Facts on nodes that ceased to exist, or on fields that disappeared, end with them, whoever asserted them.
  const orphaned = await factsTouching(tx, deadNodes, removedFields);
  for (const type of FACT_TYPES) {
    await closeFactClaims(tx, null, type, orphaned[type], version);
    await closeFacts(tx, type, orphaned[type], version);
    removed[type] += orphaned[type].length;
  }

  await closeRuns(
    tx,
    runsToRecord.filter((run) => runHashes.has(run.runId)).map((run) => run.runId),
    version,
  );
  await insertRuns(tx, runsToRecord, version);

  stats.edgesAdded = added.edge;
  stats.edgesRemoved = removed.edge;
  stats.fieldEdgesAdded = added.field_edge;
  stats.fieldEdgesRemoved = removed.field_edge;
  stats.tagsAdded = added.tag;
  stats.tagsRemoved = removed.tag;
  stats.runsRecorded = runsToRecord.length;
  await insertChangeset(tx, { version, source, actor, mode, stats });
  await notifyCommitted(tx, version);
  return { version, changed: true, stats };
}

const zeroCounts = (): Record<FactType, number> => ({ edge: 0, field_edge: 0, tag: 0 });

/**
 * The source's fact claims to open and to close. Facts to open are in key order: rows reach the key
 * indexes in order, which PostgreSQL inserts much faster. With `sortNow` (identities are being
 * loaded, so facts are likely new) they are sorted while PostgreSQL works; otherwise only once some
 * are known to be new, so an identical re-sync sorts nothing.
 */
async function decideFacts(tx: Tx, cs: Normalized, sortNow: boolean): Promise<FactChanges> {
  const { source, mode } = cs.changeset;
  const sortFacts = async (type: FactType): Promise<AssertedFact[]> => {
    const asserted = cs.facts[type];
    if (asserted.size === 0) return [];
    await breathe();
    // (A plain string array sorts natively; a comparator over objects costs seconds at 300k facts.)
    const keys = sortKeys([...asserted.keys()]);
    await breathe();
    return keys.map((key) => asserted.get(key)!);
  };
  // Asked for first, so PostgreSQL answers as soon as the rows ahead of them are in.
  const ownClaimsOf = FACT_TYPES.map((type) =>
    loadSourceFactClaims(tx, source, type, mode === 'full' ? 'all' : [...cs.facts[type].keys(), ...cs.retractedFacts[type]]),
  );
  for (const pending of ownClaimsOf) pending.catch(() => {});
  const sorted = {} as Record<FactType, AssertedFact[] | null>;
  for (const type of FACT_TYPES) sorted[type] = sortNow ? await sortFacts(type) : null;
  const changes = {} as FactChanges;
  for (const [t, type] of FACT_TYPES.entries()) {
    const asserted = cs.facts[type];
    const retracted = cs.retractedFacts[type];
    const own = await ownClaimsOf[t]!;
    const close = [...own].filter((key) => !asserted.has(key) && (mode === 'full' || retracted.has(key)));
    const anyNew = own.size < asserted.size || [...asserted.keys()].some((key) => !own.has(key));
    if (!anyNew) {
      changes[type] = { open: [], close };
      continue;
    }
    const facts = sorted[type] ?? (await sortFacts(type));
    changes[type] = { open: own.size === 0 ? facts : facts.filter((fact) => !own.has(fact.key)), close };
  }
  return changes;
}

/** Closes and opens the source's fact claims, and the effective facts that start or end with them. */
async function writeFacts(
  tx: Tx,
  source: string,
  version: number,
  changes: FactChanges,
  brandNew: Set<string>,
): Promise<{ added: Record<FactType, number>; removed: Record<FactType, number> }> {
  const added = zeroCounts();
  const removed = zeroCounts();
  const alreadyOpen = {} as Record<FactType, Set<string>>;
  for (const type of FACT_TYPES) {
    const { open, close } = changes[type];
    await closeFactClaims(tx, source, type, close, version);
    const remaining = await stillClaimed(tx, type, close);
    const ending = close.filter((key) => !remaining.has(key));
    await closeFacts(tx, type, ending, version);
    removed[type] += ending.length;
    // A fact on a brand-new node cannot be open already.
    const maybeOpen: string[] = [];
    for (const fact of open) if (!fact.ids.some((id) => brandNew.has(id))) maybeOpen.push(fact.key);
    alreadyOpen[type] = await openFacts(tx, type, maybeOpen);
  }
  // Every insert is sent at once: PostgreSQL goes from one COPY to the next without waiting for this side.
  const inserts: Promise<void>[] = [];
  for (const type of FACT_TYPES) {
    const { open } = changes[type];
    if (open.length === 0) continue;
    const keys = new Array<string>(open.length);
    const rows: unknown[][] = [];
    for (let i = 0; i < open.length; i++) {
      const fact = open[i]!;
      keys[i] = fact.key;
      if (alreadyOpen[type].has(fact.key)) continue;
      fact.row[fact.row.length - 1] = version;
      rows.push(fact.row);
    }
    inserts.push(insertFactClaims(tx, source, type, keys, version), insertFacts(tx, type, rows));
    added[type] += rows.length;
  }
  for (const insert of inserts) insert.catch(() => {});
  const failed = (await Promise.allSettled(inserts)).find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return { added, removed };
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
