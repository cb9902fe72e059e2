import { grownInt32 } from './growable.js';
import { OPEN, validAt } from './versions.js';

const NONE = -1;

/** What a cursor returns when a list has no (further) row. */
export const END_OF_LIST = NONE;

/** A column of the table, read-only: a walk may read it, never write it. */
export interface ReadonlyRows {
  readonly [row: number]: number;
  readonly length: number;
}

/**
 * The table's columns as the lineage walk reads them (see EdgeTable.hotView). Valid until the next
 * add() or renumber(), which may replace the arrays: take it at the start of a synchronous walk,
 * never keep it.
 */
export interface EdgeRowsView {
  readonly from: ReadonlyRows;
  readonly to: ReadonlyRows;
  readonly fromVersion: ReadonlyRows;
  readonly toVersion: ReadonlyRows;
  readonly headOut: ReadonlyRows;
  readonly headIn: ReadonlyRows;
  readonly nextOut: ReadonlyRows;
  readonly nextIn: ReadonlyRows;
  /** Node n's laid-out out-rows are groupStart[n] .. groupStart[n + 1] - 1, for n below groupedNodes. */
  readonly groupStart: ReadonlyRows;
  /** Per laid-out node, the latest start of its laid-out out-rows while all are open; OPEN once one closed. */
  readonly groupOpenSince: ReadonlyRows;
  readonly groupedNodes: number;
  /** Rows below this were laid out by the last renumber; rows at or above were appended since. */
  readonly groupedOut: number;
}

/**
 * Edge rows (one per validity interval) as parallel Int32Arrays, with per-node adjacency kept as
 * singly linked lists threaded through the same arrays (head per node, next per edge): adding an
 * edge is O(1) and costs 24 bytes, with no per-node JS array. Lists run newest first.
 *
 * The arrays are private. A walk reads a node's rows valid at a version through the cursors
 * (firstOut/nextOut, firstIn/nextIn), which own the validity test (versions.ts validAt) and hide
 * which rows were laid out by renumber and which were appended after; graph-model/index/README.md
 * has the layout and its invariants. Only the lineage walk reads the columns (hotView).
 */
export class EdgeTable {
  private rows = 0;
  /**
   * Node n's laid-out out-rows are groupStart[n] .. groupStart[n + 1] - 1 (for n below
   * groupedNodes; nodes added since have none). A walk finds a node's rows here without reading
   * from[] row by row to see where they end.
   */
  private groupStart = new Int32Array(1);
  /**
   * Per node below groupedNodes, the latest version at which one of its laid-out out-rows starts,
   * while all of them are open; OPEN once one is closed. A walk at a version at or after it takes
   * every laid-out row of the node without reading their intervals: two fewer arrays read per row,
   * on 650k rows of a hub walk.
   */
  private groupOpenSince = new Int32Array(0);
  private from = new Int32Array(0);
  private to = new Int32Array(0);
  private fromVersion = new Int32Array(0);
  private toVersion = new Int32Array(0);
  private outLink = new Int32Array(0);
  private inLink = new Int32Array(0);
  private outHead = new Int32Array(0);
  private inHead = new Int32Array(0);
  /** Rows ever added per node (open or closed), to pick the shorter list when closing a row. */
  private degreeOut = new Int32Array(0);
  private degreeIn = new Int32Array(0);

  /** Rows ever added, open or closed; rows are numbered 0 .. count - 1. */
  get count(): number {
    return this.rows;
  }

  /**
   * Rows below this were laid out by renumber: each source's rows sit next to each other, and its
   * out-list runs through them from the highest row down (after any rows added since, which are
   * all at or above it). A walk may read those rows by position instead of following the list.
   */
  get groupedOut(): number {
    return this.groupStart[this.groupStart.length - 1]!;
  }

  /** Nodes the last renumber laid out: those below it have their rows in groupStart. */
  get groupedNodes(): number {
    return this.groupStart.length - 1;
  }

  sourceOf(e: number): number {
    return this.from[e]!;
  }

  targetOf(e: number): number {
    return this.to[e]!;
  }

  fromVersionOf(e: number): number {
    return this.fromVersion[e]!;
  }

  /** OPEN while the row is current. */
  toVersionOf(e: number): number {
    return this.toVersion[e]!;
  }

  isValidAt(e: number, version: number): boolean {
    return validAt(this.fromVersion[e]!, this.toVersion[e]!, version);
  }

  /**
   * The first row out of node n valid at `version`, or END_OF_LIST; then nextOut(row, version).
   * Newest row first among those appended since the layout, then the laid-out rows, highest first.
   */
  firstOut(n: number, version: number): number {
    return n < this.outHead.length ? this.validOut(this.outHead[n]!, version) : NONE;
  }

  nextOut(e: number, version: number): number {
    return this.validOut(this.outLink[e]!, version);
  }

  /** The first row into node n valid at `version`, or END_OF_LIST; then nextIn(row, version). Newest first. */
  firstIn(n: number, version: number): number {
    return n < this.inHead.length ? this.validIn(this.inHead[n]!, version) : NONE;
  }

  nextIn(e: number, version: number): number {
    return this.validIn(this.inLink[e]!, version);
  }

  /** Every row out of n whatever its versions (the layout, tests): then nextOutRow. */
  firstOutRow(n: number): number {
    return n < this.outHead.length ? this.outHead[n]! : NONE;
  }

  nextOutRow(e: number): number {
    return this.outLink[e]!;
  }

  /** Every row into n whatever its versions: then nextInRow. */
  firstInRow(n: number): number {
    return n < this.inHead.length ? this.inHead[n]! : NONE;
  }

  nextInRow(e: number): number {
    return this.inLink[e]!;
  }

  private validOut(e: number, version: number): number {
    while (e !== NONE && !validAt(this.fromVersion[e]!, this.toVersion[e]!, version)) e = this.outLink[e]!;
    return e;
  }

  private validIn(e: number, version: number): number {
    while (e !== NONE && !validAt(this.fromVersion[e]!, this.toVersion[e]!, version)) e = this.inLink[e]!;
    return e;
  }

  /**
   * The columns, read-only, for the one walk that cannot afford a call per row (the lineage walk,
   * graph-model/analyses/nodeLineage.ts: 650k rows of a hub walk, read by position where laid
   * out). Valid until the next add or renumber.
   */
  hotView(): EdgeRowsView {
    return {
      from: this.from,
      to: this.to,
      fromVersion: this.fromVersion,
      toVersion: this.toVersion,
      headOut: this.outHead,
      headIn: this.inHead,
      nextOut: this.outLink,
      nextIn: this.inLink,
      groupStart: this.groupStart,
      groupOpenSince: this.groupOpenSince,
      groupedNodes: this.groupedNodes,
      groupedOut: this.groupedOut,
    };
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
    if (this.outHead.length >= nodeCount) return;
    this.outHead = grownInt32(this.outHead, nodeCount, NONE);
    this.inHead = grownInt32(this.inHead, nodeCount, NONE);
    this.degreeOut = grownInt32(this.degreeOut, nodeCount);
    this.degreeIn = grownInt32(this.degreeIn, nodeCount);
  }

  /** Appends a row (at or above groupedOut), at the head of both its lists. */
  add(from: number, to: number, fromVersion: number, toVersion: number = OPEN): number {
    this.ensureNodes(Math.max(from, to) + 1);
    const e = this.rows;
    if (e >= this.from.length) {
      const size = e + 1;
      this.from = grownInt32(this.from, size);
      this.to = grownInt32(this.to, size);
      this.fromVersion = grownInt32(this.fromVersion, size);
      this.toVersion = grownInt32(this.toVersion, size);
      this.outLink = grownInt32(this.outLink, size);
      this.inLink = grownInt32(this.inLink, size);
    }
    this.from[e] = from;
    this.to[e] = to;
    this.fromVersion[e] = fromVersion;
    this.toVersion[e] = toVersion;
    this.outLink[e] = this.outHead[from]!;
    this.outHead[from] = e;
    this.inLink[e] = this.inHead[to]!;
    this.inHead[to] = e;
    this.degreeOut[from]!++;
    this.degreeIn[to]!++;
    this.rows = e + 1;
    return e;
  }

  /** Ends the row from→to that started at `fromVersion`: its row, or END_OF_LIST when the index never saw it. */
  close(from: number, to: number, fromVersion: number, toVersion: number): number {
    if (from >= this.outHead.length || to >= this.inHead.length) return NONE;
    // A hub table may have 100k readers while each job has a handful of inputs: walk the shorter list.
    if (this.degreeOut[from]! <= this.degreeIn[to]!) {
      for (let e = this.outHead[from]!; e !== NONE; e = this.outLink[e]!) {
        if (this.to[e] === to && this.fromVersion[e] === fromVersion) return this.end(e, toVersion);
      }
    } else {
      for (let e = this.inHead[to]!; e !== NONE; e = this.inLink[e]!) {
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
    const count = this.rows;
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
    this.outLink = new Int32Array(capacity);
    this.inLink = new Int32Array(capacity);
    this.outHead = new Int32Array(this.outHead.length).fill(NONE);
    this.inHead = new Int32Array(this.inHead.length).fill(NONE);
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
      this.outLink[r] = this.outHead[f]!;
      this.outHead[f] = r;
      this.inLink[r] = this.inHead[t]!;
      this.inHead[t] = r;
    }
    this.groupOpenSince = openSinceOf(this.groupStart, this.fromVersion, this.toVersion);
  }

  /** Bytes held by the typed arrays (capacity, not just the rows in use). */
  get bytes(): number {
    return [this.from, this.to, this.fromVersion, this.toVersion, this.outLink, this.inLink, this.outHead, this.inHead, this.degreeOut, this.degreeIn, this.groupStart, this.groupOpenSince]
      .reduce((sum, a) => sum + a.byteLength, 0);
  }
}

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
