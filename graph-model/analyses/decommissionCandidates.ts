import type { VersionedGraph } from '../index/versionedGraph.js';
import { asOfVersion } from './asOfVersion.js';
import { checkAmount, consumerGraph, externalConsumers, membersOf } from './consumerGraph.js';
import { nodeSummary, type NodeSummary } from './nodeSummary.js';

export interface DecommissionOptions {
  /** Graph version; default the latest the index holds. */
  asOf?: number;
  /** Each node's own cost over the window, by node id; absent nodes cost 0. */
  cost?: ReadonlyMap<string, number>;
  /**
   * Known traffic over the window, by node id (server/graphql/nodeTraffic.ts: every traffic metric
   * of the node's kind). A node with traffic 0 is unused; a node with traffic above 0 is used,
   * whether or not the graph knows who uses it (features looked up by a consumer the graph does
   * not describe). A node absent from it has unknown traffic, which never makes it unused.
   */
  traffic?: ReadonlyMap<string, number>;
}

export type DecommissionReason =
  /** Nothing consumes it at the version (a table feeding nothing, a job writing nothing read). */
  | 'NO_CONSUMER'
  /** The traffic map says nobody used it in the window (a rule never evaluated). */
  | 'ZERO_TRAFFIC'
  /** Everything it feeds is unused, but that is several candidates: removing it is its own decision. */
  | 'FEEDS_ONLY_CANDIDATES';

export interface DecommissionCandidate extends NodeSummary {
  reason: DecommissionReason;
  /** Own cost of the candidate (and of the rest of its cycle, if it is on one). */
  ownCost: number;
  /** ownCost plus the own cost of every node in `upstream`: what removing it saves. */
  savings: number;
  /** Nodes upstream that serve only this candidate and go with it, by id. */
  upstream: string[];
  /** The other members of its cycle, when the candidate is on one: they can only go together. */
  cycle?: string[];
  /** Its traffic in the window, when the traffic map has it. */
  traffic?: number;
}

export interface DecommissionReport {
  version: number;
  /** Largest savings first. */
  candidates: DecommissionCandidate[];
  /** The sum of all savings: own cost of every unused node (each counts in exactly one candidate). */
  totalSavings: number;
  /** Ids in `cost` that are not nodes valid at the version. */
  ignored: string[];
}

/**
 * What could be switched off, and what that would save (issue 5 §6), at one graph version.
 *
 * A node is *unused* when it has zero traffic (see DecommissionOptions.traffic) or, having no
 * traffic recorded above zero, when everything that consumes it is unused; a node nothing consumes
 * is therefore unused, unless it is a rule, model or service (those are what data is for: they are
 * unused only by zero traffic, and, as in cost attribution, their own consumers do not count) or
 * its traffic says something uses it. Unknown traffic is never zero. Cycles are decided as one
 * unit: a strongly connected component is unused when all its members have zero traffic or, none
 * having traffic, all its consumers outside it are unused.
 *
 * Each unused node is listed once, either as a candidate or in the `upstream` of the one candidate
 * it exclusively serves:
 * - candidates are the unused nodes with zero traffic, with no consumer, or whose unused consumers
 *   lead to more than one candidate (FEEDS_ONLY_CANDIDATES: a job writing two dead tables);
 * - any other unused node serves exactly one candidate through all of its downstream paths, and its
 *   own cost is added to that candidate's savings.
 * So savings never double count, and totalSavings is the cost of switching off everything unused.
 * Every unattributed terminal of costAttribution is a NO_CONSUMER candidate here (a dead cycle is
 * one candidate, listing the rest of the cycle).
 */
export function decommissionCandidates(graph: VersionedGraph, options: DecommissionOptions = {}): DecommissionReport {
  const version = asOfVersion(graph, options.asOf);
  const consumers = consumerGraph(graph, version);
  const count = consumers.nodes.length;
  const localOf = new Map<number, number>();
  consumers.nodes.forEach((n, i) => localOf.set(n, i));
  const localOfId = (id: string): number | undefined => {
    const n = graph.nodeAt(id, version);
    return n === undefined ? undefined : localOf.get(n);
  };

  const own = new Float64Array(count);
  const ignored: string[] = [];
  for (const [id, cost] of options.cost ?? []) {
    checkAmount('cost', id, cost);
    const local = localOfId(id);
    if (local === undefined) ignored.push(id);
    else own[local]! += cost;
  }
  const trafficOf = new Float64Array(count).fill(Number.NaN);
  for (const [id, traffic] of options.traffic ?? []) {
    checkAmount('traffic', id, traffic);
    const local = localOfId(id);
    if (local !== undefined) trafficOf[local] = traffic;
  }
  // NaN (unknown) is neither: unknown traffic is never read as zero.
  const zeroTraffic = (i: number): boolean => trafficOf[i]! <= 0;
  const hasTraffic = (i: number): boolean => trafficOf[i]! > 0;

  const NO_OWNER = -1;
  // Per component: the candidate component it belongs to (itself for a candidate), NO_OWNER when used.
  const owner = new Int32Array(consumers.componentCount).fill(NO_OWNER);
  const reasons = new Map<number, DecommissionReason>();
  const seen = new Int32Array(count).fill(-1);
  // Consumers come later in topological order: walk backwards so their verdicts are known.
  for (let c = consumers.componentCount - 1; c >= 0; c--) {
    const members = membersOf(consumers, c);
    if (members.every(zeroTraffic)) {
      owner[c] = c;
      reasons.set(c, 'ZERO_TRAFFIC');
      continue;
    }
    // Something with traffic is used, whether or not the graph knows by whom.
    if (members.some(hasTraffic)) continue;
    const targets = externalConsumers(consumers, c, seen);
    // A rule, model or service with traffic (or unknown traffic) is used, whatever reads it.
    if (members.length === 1 && consumers.absorbs[members[0]!]) continue;
    if (targets.length === 0) {
      owner[c] = c;
      reasons.set(c, 'NO_CONSUMER');
      continue;
    }
    const owners = new Set<number>();
    for (const t of targets) owners.add(owner[consumers.component[t]!]!);
    if (owners.has(NO_OWNER)) continue;
    if (owners.size === 1) {
      owner[c] = owners.values().next().value!;
    } else {
      owner[c] = c;
      reasons.set(c, 'FEEDS_ONLY_CANDIDATES');
    }
  }

  const savings = new Map<number, number>();
  const upstream = new Map<number, number[]>();
  let totalSavings = 0;
  for (let c = 0; c < consumers.componentCount; c++) {
    const o = owner[c]!;
    if (o === NO_OWNER) continue;
    let cost = 0;
    for (const m of membersOf(consumers, c)) cost += own[m]!;
    savings.set(o, (savings.get(o) ?? 0) + cost);
    totalSavings += cost;
    if (o !== c) upstream.set(o, [...(upstream.get(o) ?? []), ...membersOf(consumers, c)]);
  }

  const idOf = (i: number) => graph.nodes.id(consumers.nodes[i]!);
  const candidates: DecommissionCandidate[] = [];
  for (const [c, reason] of reasons) {
    const members = [...membersOf(consumers, c)].sort((a, b) => idOf(a).localeCompare(idOf(b)));
    // A cycle is named by an asset in it: it is what a catalog user would look for and drop.
    const shown = members.find((m) => graph.nodes.isAsset(consumers.nodes[m]!)) ?? members[0]!;
    let ownCost = 0;
    for (const m of members) ownCost += own[m]!;
    const candidate: DecommissionCandidate = {
      ...nodeSummary(graph, consumers.nodes[shown]!, version),
      reason,
      ownCost,
      savings: savings.get(c) ?? 0,
      upstream: (upstream.get(c) ?? []).map(idOf).sort(),
    };
    if (members.length > 1) candidate.cycle = members.filter((m) => m !== shown).map(idOf);
    if (!Number.isNaN(trafficOf[shown]!)) candidate.traffic = trafficOf[shown]!;
    candidates.push(candidate);
  }
  candidates.sort((a, b) => b.savings - a.savings || a.id.localeCompare(b.id));
  return { version, candidates, totalSavings, ignored };
}
