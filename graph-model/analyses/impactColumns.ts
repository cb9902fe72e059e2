import type { VersionedGraph } from '../index/versionedGraph.js';
import type { ImpactOptions, ImpactedNode } from './impact.js';
import { reasonAt, type Evidence, type ImpactReason } from './impactEvidence.js';
import { BROKEN, DEGRADED, type ImpactPropagation } from './impactPropagation.js';
import { inputSemanticsOf, isInactive } from './inputSemantics.js';
import { ImpactTally, type ImpactSummary } from './impactSummary.js';

/** Reasons by code, for the reason column (a byte per node instead of a string reference). */
const REASONS: readonly ImpactReason[] = [
  'READS_REMOVED',
  'READS_BROKEN',
  'READS_REMOVED_FIELD',
  'UNKNOWN_FIELD_USAGE',
  'READS_DEGRADED',
  'READS_OPTIONAL_BROKEN',
  'ALL_PRODUCERS_BROKEN',
  'SOME_PRODUCERS_BROKEN',
  'PRODUCER_DEGRADED',
];
const REASON_CODE = new Map(REASONS.map((reason, code) => [reason, code]));

/**
 * Every impacted node of an impact analysis as columns, nearest first: node integer, status,
 * distance, reason and traffic per node, and each node's evidence path as a link to the previous
 * node's entry (a breadth-first tree over the evidence entries). Ids, owners, paths and objects are
 * made on request. A hub's impact reaches 350k nodes: the analysis itself takes a few hundred
 * milliseconds, one object and path per node several times that, and no page needs them all.
 * Self-contained: it copies what it keeps out of the pooled propagation and evidence scratch.
 */
export class ImpactColumns {
  /** Impacted nodes (graph integers) by distance, BROKEN and DEGRADED interleaved. */
  readonly nodes: Int32Array;
  /** Per node: true when BROKEN, false when DEGRADED. */
  readonly broken: Uint8Array;
  readonly distances: Int32Array;
  /** Per node, its traffic in the window; NaN when unknown (not zero). */
  readonly traffic: Float64Array;
  readonly summary: ImpactSummary;
  /** Per node: 1 when it is a retired or disabled rule or model (reported apart, not tallied). */
  readonly inactive: Uint8Array;
  /** Per node: 1 when its evidence path takes a step on unknown field usage (an assumption, not a proof). */
  readonly assumed: Uint8Array;
  private readonly reasons: Uint8Array;
  /** Per node, its evidence entry; entries form a tree through `entryVia` (-1 at a root). */
  private readonly entries: Int32Array;
  private readonly entryNodes: Int32Array;
  private readonly entryVia: Int32Array;

  constructor(
    readonly graph: VersionedGraph,
    readonly version: number,
    propagation: ImpactPropagation,
    evidence: Evidence,
    changedRoots: Iterable<number>,
    options: Pick<ImpactOptions, 'traffic' | 'trafficUnit'>,
  ) {
    const capacity = evidence.length;
    const nodes = new Int32Array(capacity);
    const broken = new Uint8Array(capacity);
    const distances = new Int32Array(capacity);
    const traffic = new Float64Array(capacity);
    const reasons = new Uint8Array(capacity);
    const entries = new Int32Array(capacity);
    const inactive = new Uint8Array(capacity);
    const assumed = new Uint8Array(capacity);
    // Per evidence entry, whether its path rests on unknown field usage; entries come after their `via`.
    const entryAssumed = new Uint8Array(capacity);
    const tally = new ImpactTally();
    const G = graph.nodes;
    let count = 0;
    const add = (n: number, entry: number, distance: number, reason: ImpactReason, isBroken: boolean) => {
      const known = options.traffic ? (options.traffic.get(G.id(n)) ?? null) : null;
      const via = evidence.via[entry]!;
      entryAssumed[entry] = reason === 'UNKNOWN_FIELD_USAGE' || (via >= 0 && entryAssumed[via] === 1) ? 1 : 0;
      const retired = isInactive(graph, n, version);
      if (retired) tally.addInactive();
      else tally.add(isBroken ? 'BROKEN' : 'DEGRADED', G.kindAt(n, version), known, entryAssumed[entry] === 1);
      inactive[count] = retired ? 1 : 0;
      assumed[count] = entryAssumed[entry]!;
      nodes[count] = n;
      broken[count] = isBroken ? 1 : 0;
      distances[count] = distance;
      traffic[count] = known ?? NaN;
      reasons[count] = REASON_CODE.get(reason)!;
      entries[count++] = entry;
    };
    // A changed root broken back through a cycle is its own evidence (distance 0, its root entry).
    for (const n of changedRoots) {
      const s = propagation.statusOf(n);
      if (s !== BROKEN && s !== DEGRADED) continue;
      let entry = 0;
      while (evidence.nodes[entry] !== n) entry++;
      add(n, entry, 0, s === BROKEN ? 'ALL_PRODUCERS_BROKEN' : 'SOME_PRODUCERS_BROKEN', s === BROKEN);
    }
    // Evidence order is breadth-first, so the columns come out by distance.
    for (let i = evidence.roots; i < evidence.length; i++) {
      const n = evidence.nodes[i]!;
      add(n, i, evidence.distances[i]!, reasonAt(propagation, evidence, i), propagation.statusOf(n) === BROKEN);
    }
    this.nodes = nodes.slice(0, count);
    this.broken = broken.slice(0, count);
    this.distances = distances.slice(0, count);
    this.traffic = traffic.slice(0, count);
    this.reasons = reasons.slice(0, count);
    this.entries = entries.slice(0, count);
    this.inactive = inactive.slice(0, count);
    this.assumed = assumed.slice(0, count);
    this.entryNodes = evidence.nodes.slice(0, evidence.length);
    this.entryVia = evidence.via.slice(0, evidence.length);
    this.summary = tally.summary(options.trafficUnit);
  }

  get length(): number {
    return this.nodes.length;
  }

  /** The impacted nodes' ids, in order. */
  ids(): string[] {
    return this.graph.nodes.idsOf(this.nodes);
  }

  reason(i: number): ImpactReason {
    return REASONS[this.reasons[i]!]!;
  }

  /** Node ids from a root to node i, both included. */
  path(i: number): string[] {
    const N = this.graph.nodes;
    const via = this.entryVia;
    let length = 0;
    for (let at = this.entries[i]!; at !== -1; at = via[at]!) length++;
    const path = new Array<string>(length);
    for (let at = this.entries[i]!, k = length - 1; at !== -1; at = via[at]!, k--) path[k] = N.id(this.entryNodes[at]!);
    return path;
  }

  /** Node i as the report lists it: status, reason, distance, evidence path, owners and traffic. */
  node(i: number): ImpactedNode {
    const G = this.graph.nodes;
    const n = this.nodes[i]!;
    const traffic = this.traffic[i]!;
    const path = this.path(i);
    const decidedBy = path.length >= 2 ? path[path.length - 2]! : null;
    const input = decidedBy === null || G.isAsset(n) ? undefined : G.indexOf(decidedBy);
    return {
      id: G.id(n),
      type: G.type(n),
      kind: G.kindAt(n, this.version),
      namespace: G.namespace(n),
      name: G.name(n),
      status: this.broken[i] ? 'BROKEN' : 'DEGRADED',
      reason: this.reason(i),
      distance: this.distances[i]!,
      path,
      decidedBy,
      inputSemantics: input === undefined ? null : inputSemanticsOf(this.graph, n, input, this.version),
      assumesFieldUsage: this.assumed[i] === 1,
      owners: [...(G.versionAt(n, this.version)?.owners ?? [])],
      traffic: Number.isNaN(traffic) ? null : traffic,
    };
  }

  /**
   * The broken and degraded nodes, nearest first, at most `limit` of each (default all); retired
   * and disabled rules and models apart, in `inactive` (also at most `limit`).
   */
  lists(limit = Infinity): { broken: ImpactedNode[]; degraded: ImpactedNode[]; inactive: ImpactedNode[]; truncated: boolean } {
    const cap = Math.max(0, Math.floor(limit));
    const broken: ImpactedNode[] = [];
    const degraded: ImpactedNode[] = [];
    const inactive: ImpactedNode[] = [];
    let truncated = false;
    for (let i = 0; i < this.nodes.length; i++) {
      const list = this.inactive[i] ? inactive : this.broken[i] ? broken : degraded;
      if (list.length >= cap) {
        truncated = true;
        if (broken.length >= cap && degraded.length >= cap && inactive.length >= cap) break;
        continue;
      }
      list.push(this.node(i));
    }
    return { broken, degraded, inactive, truncated };
  }
}
