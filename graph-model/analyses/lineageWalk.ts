import type { NodeMarks, Scratch } from './scratch.js';

/**
 * What a lineage walk has reached so far, shared by the upstream and downstream halves of a BOTH
 * walk: nodes with their distances in reach order, edges followed, and whether a limit cut the
 * walk. The node budget is spent on distinct nodes, whichever direction reached them.
 *
 * Reached nodes and edges go into typed arrays (a hub walk records 350k nodes and 650k edges: JS
 * arrays of that size cost more in growth and garbage collection than the walk itself). `known`
 * maps a node to its place in `reached`; a walk in which no node can be reached twice (one
 * direction of node edges, each node pushed once) passes none and skips that lookup.
 */
export class LineageWalk {
  private reachedNodes: Int32Array;
  private reachedDistances: Int32Array;
  reachedCount = 0;
  private edgeRows: Int32Array;
  edgeCount = 0;
  readonly fieldEdges = new Set<number>();
  readonly fields = new Map<string, { node: number; field: string; distance: number }>();
  hitMaxNodes = false;
  /** Nodes reserve() made room for that reach() has not counted in yet. */
  private reserved = 0;
  /** Some node at the depth limit has edges the walk did not follow. */
  beyondDepth = false;

  constructor(
    readonly maxNodes: number,
    private readonly known: NodeMarks | null,
    /** Holds the buffers (ints 0-2) until release(); the caller releases the scratch after. */
    private readonly scratch: Scratch,
  ) {
    this.reachedNodes = scratch.ints(NODES);
    this.reachedDistances = scratch.ints(DISTANCES);
    this.edgeRows = scratch.ints(EDGES);
  }

  /**
   * Hands the buffers, at their grown size, back to the scratch for the next walk; the walk is
   * unusable after. Callers copy what they keep first. A hub walk grows 16 MB of buffers by
   * doubling: allocated afresh per walk, they start a full garbage collection every few walks.
   */
  release(): void {
    this.scratch.keepInts(NODES, this.reachedNodes);
    this.scratch.keepInts(DISTANCES, this.reachedDistances);
    this.scratch.keepInts(EDGES, this.edgeRows);
    this.reachedNodes = this.reachedDistances = this.edgeRows = EMPTY;
    this.reachedCount = this.edgeCount = 0;
  }

  /** Nodes in the order they were reached: breadth-first, so by distance within one direction. */
  get reached(): Int32Array {
    return this.reachedNodes.subarray(0, this.reachedCount);
  }

  /** Each reached node's fewest hops, in the order of `reached`. */
  get distances(): Int32Array {
    return this.reachedDistances.subarray(0, this.reachedCount);
  }

  /** Edge rows followed; an edge may appear twice when both halves of a BOTH walk follow it. */
  get edges(): Int32Array {
    return this.edgeRows.subarray(0, this.edgeCount);
  }

  addEdge(e: number): void {
    if (this.edgeCount === this.edgeRows.length) this.edgeRows = grown(this.edgeRows);
    this.edgeRows[this.edgeCount++] = e;
  }

  /**
   * Holds room for `node`, found for a walk's next level and counted in by reach() once the level
   * is complete; false (and marks the cut) when the budget is spent. A node already reached (by
   * the other half of a BOTH walk) needs no room.
   */
  reserve(node: number): boolean {
    if (this.known && this.known.get(node) !== -1) return true;
    if (this.reachedCount + this.reserved >= this.maxNodes) {
      this.hitMaxNodes = true;
      return false;
    }
    this.reserved++;
    return true;
  }

  /** Counts `node` in at `distance`; false (and marks the cut) when the budget is spent. */
  reach(node: number, distance: number): boolean {
    if (this.known) {
      const at = this.known.get(node);
      if (at !== -1) {
        if (distance < this.reachedDistances[at]!) this.reachedDistances[at] = distance;
        return true;
      }
    }
    if (this.reserved > 0) this.reserved--;
    else if (this.reachedCount >= this.maxNodes) {
      this.hitMaxNodes = true;
      return false;
    }
    this.append(node, distance);
    return true;
  }

  /**
   * Counts in `nodes` (from a walk's queue), all at `distance`: those reserve() made room for. One
   * copy for a walk in which no node can be reached twice; node by node otherwise.
   */
  reachAll(nodes: Int32Array, distance: number): void {
    if (this.known) {
      for (let i = 0; i < nodes.length; i++) this.reach(nodes[i]!, distance);
      return;
    }
    const end = this.reachedCount + nodes.length;
    while (this.reachedNodes.length < end) {
      this.reachedNodes = grown(this.reachedNodes);
      this.reachedDistances = grown(this.reachedDistances);
    }
    this.reachedNodes.set(nodes, this.reachedCount);
    this.reachedDistances.fill(distance, this.reachedCount, end);
    this.reachedCount = end;
    this.reserved -= Math.min(this.reserved, nodes.length);
  }

  /** Start nodes are always in the result, whatever the budget. */
  start(node: number): void {
    const at = this.known ? this.known.get(node) : this.indexOf(node);
    if (at === -1) this.append(node, 0);
    else this.reachedDistances[at] = 0;
  }

  private append(node: number, distance: number): void {
    if (this.reachedCount === this.reachedNodes.length) {
      this.reachedNodes = grown(this.reachedNodes);
      this.reachedDistances = grown(this.reachedDistances);
    }
    this.known?.set(node, this.reachedCount);
    this.reachedNodes[this.reachedCount] = node;
    this.reachedDistances[this.reachedCount++] = distance;
  }

  /** Without `known`, only the starts (a handful) are ever looked up. */
  private indexOf(node: number): number {
    return this.reached.indexOf(node);
  }
}

/** The scratch's int buffers a walk keeps its reached nodes, their distances and its edge rows in. */
const NODES = 0;
const DISTANCES = 1;
const EDGES = 2;
const EMPTY = new Int32Array(0);

function grown(array: Int32Array): Int32Array<ArrayBuffer> {
  const next = new Int32Array(array.length * 2);
  next.set(array);
  return next;
}
