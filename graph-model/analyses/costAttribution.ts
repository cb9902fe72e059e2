import type { VersionedGraph } from '../index/versionedGraph.js';
import { unreachable } from '../model.js';
import { asOfVersion } from './asOfVersion.js';
import { checkAmount, consumerGraph, externalConsumers, type ConsumerGraph } from './consumerGraph.js';
import { nodeSummary, type NodeSummary } from './nodeSummary.js';

export type CostSplit = 'EQUAL' | 'TRAFFIC';

export interface CostAttributionOptions {
  /** Graph version; default the latest the index holds. */
  asOf?: number;
  /** Each node's own cost over the window (e.g. store.metricTotals of cost.compute plus cost.storage). */
  cost: ReadonlyMap<string, number>;
  split: CostSplit;
  /**
   * Known traffic over the window, by node id; required for TRAFFIC, where it weighs consumers.
   * With either split it tells an unattributed terminal used outside the graph from a dead one.
   */
  traffic?: ReadonlyMap<string, number>;
  /** Rule evaluations over the window, by node id: adds costPer1000Evaluations to rules. */
  evaluations?: ReadonlyMap<string, number>;
  /** List this many top contributors per terminal (0, the default, lists none: it costs memory per path). */
  breakdownTop?: number;
}

export interface CostContributor extends NodeSummary {
  /** The part of this contributor's own cost that reaches the terminal. */
  cost: number;
}

/**
 * Why cost stopped at a terminal that is not a rule, model or service:
 * - NO_CONSUMER: nothing in the graph reads it and no traffic is recorded for it: it serves
 *   nothing (a decommission candidate);
 * - USED_OUTSIDE_GRAPH: nothing in the graph reads it, but traffic is recorded for it (a feature
 *   looked up by a caller no source describes): its consumers are missing from the catalog.
 */
export type UnattributedReason = 'NO_CONSUMER' | 'USED_OUTSIDE_GRAPH';

export interface AttributedTerminal extends NodeSummary {
  /** Everything the node absorbs: its own cost and what reaches it from upstream. */
  attributedCost: number;
  ownCost: number;
  /** Largest contributors first (the terminal itself included), when breakdownTop > 0. */
  breakdown?: CostContributor[];
  /** Rules, when evaluations are given. */
  evaluations?: number;
  /** attributedCost per 1000 evaluations; null when the rule has no evaluations in the window. */
  costPer1000Evaluations?: number | null;
  /** Unattributed terminals: why the cost stops there. */
  reason?: UnattributedReason;
}

export interface CostAttributionReport {
  version: number;
  split: CostSplit;
  /** Every rule, model and service valid at the version, most expensive first. */
  attributed: AttributedTerminal[];
  /** Terminals of other kinds: cost that serves no rule, model or service. Most expensive first. */
  unattributed: AttributedTerminal[];
  /** Own cost of every node valid at the version. */
  totalCost: number;
  attributedTotal: number;
  unattributedTotal: number;
  /** Ids in `cost` that are not nodes valid at the version: their cost is left out of totalCost. */
  ignored: string[];
}

/**
 * Where the cost goes (docs/design.md, "Cost attribution"): each node's own cost flows to its direct
 * consumers at the version (an asset to the computations that read it, a computation to the assets
 * it writes), split equally or by the consumers' traffic, recursively, until it reaches a terminal:
 * a rule, model or service (which absorbs it even when something reads it in turn), or a node with
 * no consumer. The sum over terminals is the total cost, to rounding.
 *
 * - TRAFFIC split: a consumer's share is its traffic over its co-consumers' total; unknown traffic
 *   counts as zero, and when all of them have zero or unknown traffic the split is equal (cost
 *   must go somewhere to be conserved).
 * - Cycles (a job that reads and writes the same table) are strongly connected components: a
 *   component is one unit that gathers its members' own cost and everything reaching it, and
 *   forwards the sum to the consumers outside it, split as above. A component nothing outside
 *   consumes is a set of terminals: each member absorbs its own cost and what reached it from
 *   outside (cost stops where it entered; it does not circulate).
 * - Nodes not valid at the version are left out with their cost (listed in `ignored` when costed),
 *   and so are edges not valid at it: the report is the graph of that version, whatever existed
 *   during the window.
 */
export function costAttribution(graph: VersionedGraph, options: CostAttributionOptions): CostAttributionReport {
  const version = asOfVersion(graph, options.asOf);
  if (options.split === 'TRAFFIC' && !options.traffic) throw new RangeError('a TRAFFIC split needs a traffic map');
  const consumers = consumerGraph(graph, version);
  const count = consumers.nodes.length;
  const own = new Float64Array(count);
  const ignored: string[] = [];
  for (const [id, cost] of options.cost) {
    checkAmount('cost', id, cost);
    const n = graph.nodes.indexOf(id);
    const local = n === undefined ? -1 : consumers.localOf[n]!;
    if (local === -1) ignored.push(id);
    else own[local]! += cost;
  }
  const weight = shareWeights(graph, consumers, options);
  const flow = new CostFlow(consumers, own, weight, options.breakdownTop ?? 0);
  flow.run();

  const attributed: AttributedTerminal[] = [];
  const unattributed: AttributedTerminal[] = [];
  let totalCost = 0;
  let attributedTotal = 0;
  let unattributedTotal = 0;
  for (let i = 0; i < count; i++) totalCost += own[i]!;
  const N = graph.nodes;
  for (const i of flow.terminals) {
    const n = consumers.nodes[i]!;
    // Built in one literal (no summary spread): every leaf of the graph is a terminal.
    const terminal: AttributedTerminal = {
      id: N.id(n),
      type: graph.nodes.type(n),
      kind: consumers.kinds[i]!,
      namespace: N.namespace(n),
      name: N.name(n),
      attributedCost: flow.absorbed[i]!,
      ownCost: own[i]!,
    };
    const contributors = flow.contributorsOf(i);
    if (contributors) terminal.breakdown = contributors.map(([local, cost]) => ({ ...nodeSummary(graph, consumers.nodes[local]!, version), cost }));
    if (consumers.absorbs[i]) {
      if (terminal.kind === 'RULE' && options.evaluations) {
        const evaluations = options.evaluations.get(terminal.id) ?? 0;
        terminal.evaluations = evaluations;
        terminal.costPer1000Evaluations = evaluations > 0 ? (terminal.attributedCost / evaluations) * 1000 : null;
      }
      attributed.push(terminal);
      attributedTotal += terminal.attributedCost;
    } else {
      terminal.reason = (options.traffic?.get(terminal.id) ?? 0) > 0 ? 'USED_OUTSIDE_GRAPH' : 'NO_CONSUMER';
      unattributed.push(terminal);
      unattributedTotal += terminal.attributedCost;
    }
  }
  // A collator's compare is localeCompare's order without its per-call locale set-up (ties are many: zero-cost leaves).
  const byId = new Intl.Collator().compare;
  const byCost = (a: AttributedTerminal, b: AttributedTerminal) => b.attributedCost - a.attributedCost || byId(a.id, b.id);
  attributed.sort(byCost);
  unattributed.sort(byCost);
  return { version, split: options.split, attributed, unattributed, totalCost, attributedTotal, unattributedTotal, ignored };
}

/** Each local node's weight as a consumer: 1 for EQUAL, its traffic for TRAFFIC. */
function shareWeights(graph: VersionedGraph, consumers: ConsumerGraph, options: CostAttributionOptions): Float64Array {
  const weight = new Float64Array(consumers.nodes.length);
  switch (options.split) {
    case 'EQUAL':
      weight.fill(1);
      return weight;
    case 'TRAFFIC':
      for (const [id, traffic] of options.traffic ?? []) {
        checkAmount('traffic', id, traffic);
        const n = graph.nodes.indexOf(id);
        const local = n === undefined ? -1 : consumers.localOf[n]!;
        if (local !== -1) weight[local] = traffic;
      }
      return weight;
    default:
      return unreachable(options.split);
  }
}

/** Pushes cost through the components in topological order; see costAttribution for the rules. */
class CostFlow {
  /** Cost reaching each node from outside its component. */
  private readonly inflow: Float64Array;
  readonly absorbed: Float64Array;
  readonly terminals: number[] = [];
  /** Per node, the contributors of its inflow (local node -> cost); only when a breakdown is asked. */
  private readonly inflowBy: (Map<number, number> | undefined)[];
  private readonly terminalBy = new Map<number, Map<number, number>>();

  constructor(
    private readonly consumers: ConsumerGraph,
    private readonly own: Float64Array,
    private readonly weight: Float64Array,
    private readonly breakdownTop: number,
  ) {
    this.inflow = new Float64Array(consumers.nodes.length);
    this.absorbed = new Float64Array(consumers.nodes.length);
    this.inflowBy = breakdownTop > 0 ? new Array(consumers.nodes.length) : [];
  }

  run(): void {
    const { componentCount, componentStart, componentMembers, consumerStart, consumerList } = this.consumers;
    const seen = new Int32Array(this.consumers.nodes.length).fill(-1);
    const targets: number[] = [];
    for (let c = 0; c < componentCount; c++) {
      const first = componentStart[c]!;
      const end = componentStart[c + 1]!;
      // Nearly every component is one node outside any cycle: its consumers (distinct already)
      // are its targets, with no component bookkeeping.
      if (end - first === 1 && this.breakdownTop === 0 && this.forwardSingle(componentMembers[first]!, consumerStart, consumerList)) continue;
      externalConsumers(this.consumers, c, seen, targets);
      if (targets.length === 0) {
        for (let i = first; i < end; i++) this.absorb(componentMembers[i]!);
        continue;
      }
      let combined = 0;
      for (let i = first; i < end; i++) combined += this.own[componentMembers[i]!]! + this.inflow[componentMembers[i]!]!;
      const carried = this.breakdownTop > 0 ? this.gather(componentMembers.subarray(first, end)) : undefined;
      this.forward(combined, targets, 0, targets.length, carried);
    }
  }

  /** Splits `combined` over targets[from..to) by their weights, adding each share to its inflow. */
  private forward(combined: number, targets: ArrayLike<number>, from: number, to: number, carried?: Map<number, number>): void {
    let totalWeight = 0;
    for (let k = from; k < to; k++) totalWeight += this.weight[targets[k]!]!;
    for (let k = from; k < to; k++) {
      const t = targets[k]!;
      // All co-consumers with zero or unknown traffic: equal shares, so the cost still lands somewhere.
      const share = totalWeight > 0 ? this.weight[t]! / totalWeight : 1 / (to - from);
      this.inflow[t]! += combined * share;
      if (carried) this.carry(carried, t, share);
    }
  }

  /**
   * Forwards a lone node's cost to its consumers, or absorbs it when it has none. False, with
   * nothing done, when it consumes itself (a job writing a table it reads): the general path
   * handles that.
   */
  private forwardSingle(m: number, consumerStart: Int32Array, consumerList: Int32Array): boolean {
    const from = consumerStart[m]!;
    const to = consumerStart[m + 1]!;
    for (let k = from; k < to; k++) if (consumerList[k] === m) return false;
    if (from === to) this.absorb(m);
    else this.forward(this.own[m]! + this.inflow[m]!, consumerList, from, to);
    return true;
  }

  private absorb(m: number): void {
    this.absorbed[m] = this.own[m]! + this.inflow[m]!;
    this.terminals.push(m);
    if (this.breakdownTop > 0) this.terminalBy.set(m, this.gather([m]));
  }

  /** Contributors of a component's combined cost: its members' own cost and their inflows'. */
  private gather(members: ArrayLike<number> & Iterable<number>): Map<number, number> {
    const by = new Map<number, number>();
    for (const m of members) {
      if (this.own[m]! > 0) by.set(m, (by.get(m) ?? 0) + this.own[m]!);
      for (const [source, cost] of this.inflowBy[m] ?? []) by.set(source, (by.get(source) ?? 0) + cost);
      // The component is done with it: free it as the walk goes.
      this.inflowBy[m] = undefined;
    }
    return by;
  }

  private carry(carried: Map<number, number>, target: number, share: number): void {
    let into = this.inflowBy[target];
    if (!into) {
      into = new Map();
      this.inflowBy[target] = into;
    }
    for (const [source, cost] of carried) into.set(source, (into.get(source) ?? 0) + cost * share);
  }

  /** The terminal's largest contributors, or undefined when no breakdown was asked. */
  contributorsOf(m: number): [number, number][] | undefined {
    const by = this.terminalBy.get(m);
    if (!by) return undefined;
    return [...by].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, this.breakdownTop);
  }
}
