import { grownInt32 } from './growable.js';
import { OPEN } from './versions.js';

const NONE = -1;

/**
 * Edge rows (one per validity interval) as parallel Int32Arrays, with per-node adjacency kept as
 * singly linked lists threaded through the same arrays (head per node, next per edge): adding an
 * edge is O(1) and costs 24 bytes, with no per-node JS array. Lists run newest first.
 */
export class EdgeTable {
  count = 0;
  /**
   * Node n's laid-out out-rows are groupStart[n] .. groupStart[n + 1] - 1 (for n below
   * groupedNodes; nodes added since have none). A walk finds a node's rows here without reading
   * from[] row by row to see where they end.
   */
  groupStart = new Int32Array(1);
  /**
   * Per node below groupedNodes, the latest version at which one of its laid-out out-rows starts,
   * while all of them are open; OPEN once one is closed. A walk at a version at or after it takes
   * every laid-out row of the node without reading their intervals: two fewer arrays read per row,
   * on 650k rows of a hub walk.
   */
  groupOpenSince = new Int32Array(0);
  from = new Int32Array(0);
  to = new Int32Array(0);
  fromVersion = new Int32Array(0);
  toVersion = new Int32Array(0);
  nextOut = new Int32Array(0);
  nextIn = new Int32Array(0);
  headOut = new Int32Array(0);
  headIn = new Int32Array(0);
  /** Rows ever added per node (open or closed), to pick the shorter list when closing a row. */
  private degreeOut = new Int32Array(0);
  private degreeIn = new Int32Array(0);

  /**
   * Rows below this were laid out by renumber: each source's rows sit next to each other, and its
   * out-list runs through them from the highest row down (after any rows added since, which are
   * all at or above it). A walk may read those rows by position instead of following nextOut.
   */
  get groupedOut(): number {
    return this.groupStart[this.groupStart.length - 1]!;
  }

  /** Nodes the last renumber laid out: those below it have their rows in groupStart. */
  get groupedNodes(): number {
    return this.groupStart.length - 1;
  }

  /** Rows ever added from node n, open or closed (0 for a node the table has no room for yet). */
  rowsOut(n: number): number {
    return this.degreeOut[n] ?? 0;
  }

  /** Rows ever added into node n, open or closed. */
  rowsIn(n: number): number {
    return this.degreeIn[n] ?? 0;
  }

  /** Makes room for node integers below `nodeCount`. */
  ensureNodes(nodeCount: number): void {
    if (this.headOut.length >= nodeCount) return;
    this.headOut = grownInt32(this.headOut, nodeCount, NONE);
    this.headIn = grownInt32(this.headIn, nodeCount, NONE);
    this.degreeOut = grownInt32(this.degreeOut, nodeCount);
    this.degreeIn = grownInt32(this.degreeIn, nodeCount);
  }

  add(from: number, to: number, fromVersion: number, toVersion: number = OPEN): number {
    this.ensureNodes(Math.max(from, to) + 1);
    const e = this.count;
    if (e >= this.from.length) {
      const size = e + 1;
      this.from = grownInt32(this.from, size);
      this.to = grownInt32(this.to, size);
      this.fromVersion = grownInt32(this.fromVersion, size);
      this.toVersion = grownInt32(this.toVersion, size);
      this.nextOut = grownInt32(this.nextOut, size);
      this.nextIn = grownInt32(this.nextIn, size);
    }
    this.from[e] = from;
    this.to[e] = to;
    this.fromVersion[e] = fromVersion;
    this.toVersion[e] = toVersion;
    this.nextOut[e] = this.headOut[from]!;
    this.headOut[from] = e;
    this.nextIn[e] = this.headIn[to]!;
    this.headIn[to] = e;
    this.degreeOut[from]!++;
    this.degreeIn[to]!++;
    this.count = e + 1;
    return e;
  }

  /** Ends the row from→to that started at `fromVersion`: its row, or END_OF_LIST when the index never saw it. */
  close(from: number, to: number, fromVersion: number, toVersion: number): number {
    if (from >= this.headOut.length || to >= this.headIn.length) return NONE;
    // A hub table may have 100k readers while each job has a handful of inputs: walk the shorter list.
    if (this.degreeOut[from]! <= this.degreeIn[to]!) {
      for (let e = this.headOut[from]!; e !== NONE; e = this.nextOut[e]!) {
        if (this.to[e] === to && this.fromVersion[e] === fromVersion) return this.end(e, toVersion);
      }
    } else {
      for (let e = this.headIn[to]!; e !== NONE; e = this.nextIn[e]!) {
        if (this.from[e] === from && this.fromVersion[e] === fromVersion) return this.end(e, toVersion);
      }
    }
    return NONE;
  }

  private end(e: number, toVersion: number): number {
    this.toVersion[e] = toVersion;
    if (e < this.groupedOut) this.groupOpenSince[this.from[e]!] = OPEN;
    return e;
  }

  /**
   * Renames node n to position[n] and stores each node's outgoing rows next to each other, in the
   * new node order, so that a downstream walk reads a node's edges from one stretch of memory.
   * Row numbers change; each list keeps its order (newest first). Capacity is kept.
   */
  renumber(position: Int32Array): void {
    const count = this.count;
    const nodes = position.length;
    // Counting sort of the rows by their new source, stable in the old row order.
    const starts = new Int32Array(nodes + 1);
    for (let n = 0; n < nodes; n++) starts[position[n]! + 1] = this.rowsOut(n);
    for (let p = 0; p < nodes; p++) starts[p + 1]! += starts[p]!;
    const from = this.from;
    const to = this.to;
    const fromVersion = this.fromVersion;
    const toVersion = this.toVersion;
    const capacity = from.length;
    this.from = new Int32Array(capacity);
    this.to = new Int32Array(capacity);
    this.fromVersion = new Int32Array(capacity);
    this.toVersion = new Int32Array(capacity);
    this.nextOut = new Int32Array(capacity);
    this.nextIn = new Int32Array(capacity);
    this.headOut = new Int32Array(this.headOut.length).fill(NONE);
    this.headIn = new Int32Array(this.headIn.length).fill(NONE);
    const degreeOut = this.degreeOut;
    const degreeIn = this.degreeIn;
    this.degreeOut = new Int32Array(degreeOut.length);
    this.degreeIn = new Int32Array(degreeIn.length);
    for (let n = 0; n < nodes; n++) {
      this.degreeOut[position[n]!] = degreeOut[n]!;
      this.degreeIn[position[n]!] = degreeIn[n]!;
    }
    this.groupStart = starts.slice();
    // Rows are scattered to their new places in old row order (random writes, which the CPU
    // buffers, rather than random reads, which stall it); lists are threaded after, in new order.
    const slot = starts;
    for (let e = 0; e < count; e++) {
      const f = position[from[e]!]!;
      const r = slot[f]!++;
      this.from[r] = f;
      this.to[r] = position[to[e]!]!;
      this.fromVersion[r] = fromVersion[e]!;
      this.toVersion[r] = toVersion[e]!;
    }
    for (let r = 0; r < count; r++) {
      const f = this.from[r]!;
      const t = this.to[r]!;
      this.nextOut[r] = this.headOut[f]!;
      this.headOut[f] = r;
      this.nextIn[r] = this.headIn[t]!;
      this.headIn[t] = r;
    }
    this.groupOpenSince = openSinceOf(this.groupStart, this.fromVersion, this.toVersion);
  }

  /** Bytes held by the typed arrays (capacity, not just the rows in use). */
  get bytes(): number {
    return [this.from, this.to, this.fromVersion, this.toVersion, this.nextOut, this.nextIn, this.headOut, this.headIn, this.degreeOut, this.degreeIn, this.groupStart, this.groupOpenSince]
      .reduce((sum, a) => sum + a.byteLength, 0);
  }
}

export const END_OF_LIST = NONE;

/** Per node, the latest start of its rows groupStart[n] .. groupStart[n + 1] - 1, or OPEN when one has ended. */
function openSinceOf(groupStart: Int32Array, fromVersion: Int32Array, toVersion: Int32Array): Int32Array<ArrayBuffer> {
  const nodes = groupStart.length - 1;
  const since = new Int32Array(nodes);
  for (let n = 0; n < nodes; n++) {
    let latest = 0;
    for (let e = groupStart[n]!; e < groupStart[n + 1]!; e++) {
      if (toVersion[e] !== OPEN) {
        latest = OPEN;
        break;
      }
      if (fromVersion[e]! > latest) latest = fromVersion[e]!;
    }
    since[n] = latest;
  }
  return since;
}
