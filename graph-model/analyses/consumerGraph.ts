import { END_OF_LIST } from '../index/edgeTable.js';
import type { VersionedGraph } from '../index/versionedGraph.js';

/**
 * Kinds that consume data for the business (docs/design.md, "Cost attribution"): the terminal consumers
 * cost is attributed to. They absorb what reaches them even when something reads them in turn (a
 * model read by an inference job): the cost of producing a rule or model is that rule's or model's
 * cost, not the inference job's.
 */
export const TERMINAL_KINDS: readonly string[] = ['RULE', 'MODEL', 'SERVICE'];

export function isTerminalKind(kind: string): boolean {
  return TERMINAL_KINDS.includes(kind);
}

/**
 * The lineage of one graph version as "who consumes whom" among the nodes valid there, condensed
 * into strongly connected components in topological order, for analyses that push a quantity
 * downstream (cost) or pull a verdict upstream (decommission). Nodes are renumbered densely
 * ("local" indices) so per-node scratch arrays are sized by the version, not by the whole history.
 */
export interface ConsumerGraph {
  version: number;
  /** Index node integer of each local node. */
  nodes: Int32Array;
  /** Local index of each index node integer; -1 for nodes not valid at `version`. */
  localOf: Int32Array;
  /** Kind of each local node at `version`. */
  kinds: string[];
  /** Non-zero for nodes of a terminal kind; their consumers are dropped (they absorb). */
  absorbs: Uint8Array;
  /** Distinct consumers of local `i` are consumerList[consumerStart[i] .. consumerStart[i + 1]). */
  consumerStart: Int32Array;
  consumerList: Int32Array;
  /** Component number of each local node. */
  component: Int32Array;
  /**
   * Strongly connected components, producers before consumers: the members of component c are
   * componentMembers[componentStart[c] .. componentStart[c + 1]) (flat: a large graph has millions
   * of components, mostly single nodes, and an array each cost seconds to build and collect).
   */
  componentCount: number;
  componentStart: Int32Array;
  componentMembers: Int32Array;
}

/** The local nodes of component `c` (a view, not a copy). */
export function membersOf(consumers: ConsumerGraph, c: number): Int32Array {
  return consumers.componentMembers.subarray(consumers.componentStart[c]!, consumers.componentStart[c + 1]!);
}

export function consumerGraph(graph: VersionedGraph, version: number): ConsumerGraph {
  const localOf = new Int32Array(graph.nodes.count).fill(-1);
  // Sized by their upper bounds (every node, every edge row) and cut to length after: at 1M assets
  // JS arrays grown by push leave tens of megabytes of garbage per call.
  const allNodes = new Int32Array(graph.nodes.count);
  const kinds: string[] = [];
  let count = 0;
  for (let n = 0; n < graph.nodes.count; n++) {
    const kind = graph.nodes.kindAt(n, version);
    if (kind === '') continue;
    localOf[n] = count;
    allNodes[count++] = n;
    kinds.push(kind);
  }
  const nodes = allNodes.subarray(0, count);
  const absorbs = new Uint8Array(count);
  const consumerStart = new Int32Array(count + 1);
  const consumerList = new Int32Array(graph.edges.count);
  let listed = 0;
  // Two rows of the same edge are never valid at one version, but a loader could repeat one: dedupe.
  const seenBy = new Int32Array(count).fill(-1);
  const { edges } = graph;
  for (let i = 0; i < count; i++) {
    consumerStart[i] = listed;
    if (isTerminalKind(kinds[i]!)) {
      absorbs[i] = 1;
      continue;
    }
    for (let e = edges.firstOut(nodes[i]!, version); e !== END_OF_LIST; e = edges.nextOut(e, version)) {
      const consumer = localOf[edges.targetOf(e)]!;
      // An edge to a node not valid at this version does not carry anything there.
      if (consumer === -1 || seenBy[consumer] === i) continue;
      seenBy[consumer] = i;
      consumerList[listed++] = consumer;
    }
  }
  consumerStart[count] = listed;
  const list = consumerList.subarray(0, listed);
  return { version, nodes, localOf, kinds, absorbs, consumerStart, consumerList: list, ...condense(count, consumerStart, list) };
}

/**
 * Tarjan's strongly connected components, iterative (lineage chains can be deeper than the JS
 * stack), on typed arrays. Tarjan emits a component only after every component it reaches, so the
 * reversed emission order is topological.
 */
function condense(
  count: number,
  start: Int32Array,
  list: Int32Array,
): Pick<ConsumerGraph, 'component' | 'componentCount' | 'componentStart' | 'componentMembers'> {
  const order = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const nextEdge = new Int32Array(count);
  const stack = new Int32Array(count);
  const calls = new Int32Array(count);
  // Members in emission order; emittedEnd[e] is where the e-th emitted component's members end.
  const emitted = new Int32Array(count);
  const emittedEnd = new Int32Array(count);
  let sp = 0;
  let cp = 0;
  let em = 0;
  let emittedCount = 0;
  let counter = 0;
  for (let root = 0; root < count; root++) {
    if (order[root] !== -1) continue;
    order[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    nextEdge[root] = start[root]!;
    calls[cp++] = root;
    while (cp > 0) {
      const v = calls[cp - 1]!;
      if (nextEdge[v]! < start[v + 1]!) {
        const w = list[nextEdge[v]!++]!;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          nextEdge[w] = start[w]!;
          calls[cp++] = w;
        } else if (onStack[w] && order[w]! < low[v]!) low[v] = order[w]!;
        continue;
      }
      cp--;
      if (cp > 0) {
        const caller = calls[cp - 1]!;
        if (low[v]! < low[caller]!) low[caller] = low[v]!;
      }
      if (low[v] !== order[v]) continue;
      let w: number;
      do {
        w = stack[--sp]!;
        onStack[w] = 0;
        emitted[em++] = w;
      } while (w !== v);
      emittedEnd[emittedCount++] = em;
    }
  }
  // Component c is the (emittedCount - 1 - c)-th emitted one.
  const componentStart = new Int32Array(emittedCount + 1);
  const componentMembers = new Int32Array(count);
  const component = new Int32Array(count);
  let at = 0;
  for (let c = 0; c < emittedCount; c++) {
    const e = emittedCount - 1 - c;
    componentStart[c] = at;
    for (let k = e === 0 ? 0 : emittedEnd[e - 1]!; k < emittedEnd[e]!; k++) {
      const m = emitted[k]!;
      componentMembers[at++] = m;
      component[m] = c;
    }
  }
  componentStart[emittedCount] = at;
  return { component, componentCount: emittedCount, componentStart, componentMembers };
}

/**
 * Distinct consumers of a component outside it, in first-seen order. A caller visiting every
 * component passes `into` to reuse one array (it is emptied first) instead of one per component.
 */
export function externalConsumers(consumers: ConsumerGraph, c: number, seen: Int32Array, into: number[] = []): number[] {
  const found = into;
  found.length = 0;
  for (let i = consumers.componentStart[c]!; i < consumers.componentStart[c + 1]!; i++) {
    const m = consumers.componentMembers[i]!;
    for (let k = consumers.consumerStart[m]!; k < consumers.consumerStart[m + 1]!; k++) {
      const consumer = consumers.consumerList[k]!;
      if (consumers.component[consumer] === c || seen[consumer] === c) continue;
      seen[consumer] = c;
      found.push(consumer);
    }
  }
  return found;
}

/** Costs and traffic are amounts over a window: a negative or NaN one is a caller's bug, not data. */
export function checkAmount(what: string, id: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${what} of ${id} must be a finite number >= 0, got ${value}`);
}
