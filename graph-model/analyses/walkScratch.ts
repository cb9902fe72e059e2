/**
 * Scratch space for one breadth-first walk: a bit per node for "seen" and a queue with each entry's
 * distance. A bitmap of 1.7M nodes is 210 KB and stays in the CPU cache, where per-node marks of
 * 8 bytes (13 MB) miss on nearly every edge of a hub walk. Pooled per graph and cleared in
 * O(nodes reached), so a small walk on a large graph pays nothing for the graph's size.
 */
export class WalkScratch {
  bits = new Uint32Array(0);
  queue = new Int32Array(0);
  distances = new Int32Array(0);
  /**
   * Per queue entry, the entry it was reached from (-1 for a start), for walks that keep a path
   * per node (impact evidence); allocated on first use, as most walks never need it.
   */
  via = new Int32Array(0);
  /**
   * Per node, its queue entry, written by pushFrom: meaningful only for a node `has` says is
   * queued (never cleared, as `has` guards it). Lets a walk revise the entry a node came from.
   */
  entryOf = new Int32Array(0);
  length = 0;
  /**
   * Nodes found for the next level of a level-by-level walk, as bits (see markNext): taken out in
   * node order, so the next level is expanded in the order the nodes' rows lie in memory.
   */
  private next = new Uint32Array(0);
  private nextLow = 0;
  private nextHigh = -1;

  /** Sized for node integers below `size`, with no node seen and the queue empty. */
  prepare(size: number): this {
    if (this.queue.length < size) {
      let length = Math.max(1024, this.queue.length);
      while (length < size) length *= 2;
      this.bits = new Uint32Array((length >> 5) + 1);
      this.next = new Uint32Array(this.bits.length);
      this.queue = new Int32Array(length);
      this.distances = new Int32Array(length);
    }
    this.length = 0;
    this.nextLow = this.next.length;
    this.nextHigh = -1;
    return this;
  }

  has(n: number): boolean {
    return (this.bits[n >> 5]! & (1 << (n & 31))) !== 0;
  }

  /** Marks `n` seen and queues it at `distance`. */
  push(n: number, distance: number): void {
    this.bits[n >> 5]! |= 1 << (n & 31);
    this.queue[this.length] = n;
    this.distances[this.length++] = distance;
  }

  /** Marks `n` seen and holds it for the next level (queued by pushNext). */
  markNext(n: number): void {
    const w = n >> 5;
    const bit = 1 << (n & 31);
    this.bits[w]! |= bit;
    this.next[w]! |= bit;
    if (w < this.nextLow) this.nextLow = w;
    if (w > this.nextHigh) this.nextHigh = w;
  }

  /**
   * Queues the nodes markNext held, at `distance`, in ascending node order, and empties the level.
   * A hub's level reaches 100k nodes spread over the graph: expanded in the order they were found,
   * each costs a cache miss on its edge rows; in node order the rows are read front to back.
   */
  pushNext(distance: number): void {
    const { next, queue, distances } = this;
    let length = this.length;
    for (let w = this.nextLow; w <= this.nextHigh; w++) {
      let word = next[w]!;
      if (word === 0) continue;
      next[w] = 0;
      const base = w << 5;
      while (word !== 0) {
        const lowest = word & -word;
        queue[length] = base | (31 - Math.clz32(lowest));
        distances[length++] = distance;
        word ^= lowest;
      }
    }
    this.length = length;
    this.nextLow = this.next.length;
    this.nextHigh = -1;
  }

  /** Marks `n` seen and queues it at `distance`, reached from queue entry `from` (-1 for a start). */
  pushFrom(n: number, distance: number, from: number): void {
    if (this.via.length < this.queue.length) {
      this.via = new Int32Array(this.queue.length);
      this.entryOf = new Int32Array(this.queue.length);
    }
    this.via[this.length] = from;
    this.entryOf[n] = this.length;
    this.push(n, distance);
  }

  /** Unmarks every queued node (and any held for a next level): O(nodes reached), not O(graph). */
  clear(): void {
    const { bits, queue, next } = this;
    for (let i = 0; i < this.length; i++) bits[queue[i]! >> 5] = 0;
    for (let w = this.nextLow; w <= this.nextHigh; w++) bits[w] = next[w] = 0;
    this.length = 0;
    this.nextLow = next.length;
    this.nextHigh = -1;
  }
}

const pools = new WeakMap<object, WalkScratch[]>();

/** Runs `fn` with a scratch sized for `size` nodes, taken from (and returned to) the owner's pool. */
export function withWalkScratch<T>(owner: object, size: number, fn: (scratch: WalkScratch) => T): T {
  let pool = pools.get(owner);
  if (!pool) {
    pool = [];
    pools.set(owner, pool);
  }
  const scratch = (pool.pop() ?? new WalkScratch()).prepare(size);
  try {
    return fn(scratch);
  } finally {
    scratch.clear();
    pool.push(scratch);
  }
}
