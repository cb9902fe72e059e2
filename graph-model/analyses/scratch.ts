/**
 * The one scratch-buffer pool of the analyses. A walk on a 1.7M-node graph can neither allocate
 * per-node arrays per call (O(graph) even for a tiny walk) nor use Maps (10x slower per visited
 * node), so it borrows a `Scratch` sized for the graph's node count from the graph's pool:
 *
 *   withScratch(graph, graph.nodes.count, (s) => { const seen = s.marks(0); ... })
 *
 * or, for a holder that outlives one synchronous call, `scratchPoolOf(graph).acquire(size)` and
 * `release(s)` in a finally. A scratch belongs to one holder between acquire and release: a nested
 * walk, or another request running while this one awaits, acquires another scratch (the pool
 * creates one when it is empty), so holders never share buffers. Nothing a walk leaves in a
 * scratch means anything to the next holder, so a relayout (new node integers) needs no check.
 *
 * The parts, each allocated on first use and kept at its grown size for the next holder:
 * - `marks(i)`: a value per node, counted only when its stamp is the set's current generation,
 *   so every call hands the set out all unmarked in O(1);
 * - `queue()`: a breadth-first queue with distances and a "seen" bit per node. Bits rather than
 *   stamps: 1.7M nodes are 210 KB of bits, which stay in the CPU cache on a hub walk where 4-byte
 *   stamps (6.8 MB) miss on nearly every edge. Cleared on release in O(nodes queued);
 * - `cells()`: a byte per node, all zero when handed out; the holder zeroes what it wrote before
 *   it releases (impact's propagation knows which: its worklist);
 * - `ints(slot)`: growable Int32Array buffers (reached nodes, edge rows, worklists), numbered by
 *   the holder; a holder that grows one hands the grown array back with `keepInts`.
 */
export class Scratch {
  /** Node integers below `size` may be marked, queued or given a cell. */
  size = 0;
  private held = false;
  private nodeQueue: NodeQueue | null = null;
  private queueUsed = false;
  private readonly markSets: NodeMarks[] = [];
  private byteCells = new Uint8Array(0);
  private readonly intBuffers: Int32Array[] = [];

  /** Mark set `i` (0, 1, ...), with every node unmarked: a new generation at each call. */
  marks(i: number): NodeMarks {
    this.checkHeld();
    let set = this.markSets[i];
    if (!set) {
      while (this.markSets.length <= i) this.markSets.push(new NodeMarks());
      set = this.markSets[i]!;
    }
    return set.begin(this.size);
  }

  /** The queue, empty and with no node seen; the same queue for every call until release. */
  queue(): NodeQueue {
    this.checkHeld();
    const queue = (this.nodeQueue ??= new NodeQueue());
    if (!this.queueUsed) {
      queue.prepare(this.size);
      this.queueUsed = true;
    }
    return queue;
  }

  /** A byte per node, all zero; zero again whatever you wrote before you release the scratch. */
  cells(): Uint8Array {
    this.checkHeld();
    if (this.byteCells.length < this.size) this.byteCells = new Uint8Array(roundedUp(this.size));
    return this.byteCells;
  }

  /** Buffer `slot`, of at least `minLength` entries, with whatever the last holder left in it. */
  ints(slot: number, minLength = 1024): Int32Array {
    this.checkHeld();
    const buffer = this.intBuffers[slot];
    if (buffer && buffer.length >= minLength) return buffer;
    const fresh = new Int32Array(roundedUp(minLength));
    while (this.intBuffers.length <= slot) this.intBuffers.push(EMPTY);
    this.intBuffers[slot] = fresh;
    return fresh;
  }

  /** Keeps `buffer` (buffer `slot` grown by the holder) for the next holder. */
  keepInts(slot: number, buffer: Int32Array): void {
    this.checkHeld();
    if (buffer.length >= (this.intBuffers[slot]?.length ?? 0)) this.intBuffers[slot] = buffer;
  }

  /** @internal ScratchPool's: takes the scratch for a holder of `size` nodes. */
  take(size: number): this {
    if (this.held) throw new Error('scratch handed out twice');
    this.held = true;
    this.size = size;
    this.queueUsed = false;
    return this;
  }

  /** @internal ScratchPool's: clears what needs clearing and frees the scratch for the next holder. */
  give(): void {
    if (!this.held) throw new Error('scratch released twice');
    if (this.queueUsed) this.nodeQueue!.clear();
    this.queueUsed = false;
    this.held = false;
  }

  private checkHeld(): void {
    if (!this.held) throw new Error('scratch used after release');
  }
}

/** The scratches of one graph not held by anyone. */
export class ScratchPool {
  private readonly free: Scratch[] = [];

  /** A scratch sized for node integers below `size`, yours until you release it. */
  acquire(size: number): Scratch {
    return (this.free.pop() ?? new Scratch()).take(size);
  }

  release(scratch: Scratch): void {
    scratch.give();
    // Scratches in use at once are one per nesting level and concurrent holder: a few. Past that,
    // let the garbage collector have them rather than keep a burst's worth of graph-sized arrays.
    if (this.free.length < MAX_FREE) this.free.push(scratch);
  }
}

const MAX_FREE = 4;
const pools = new WeakMap<object, ScratchPool>();

/** The pool of `owner` (a graph): its scratches are sized for that graph and die with it. */
export function scratchPoolOf(owner: object): ScratchPool {
  let pool = pools.get(owner);
  if (!pool) {
    pool = new ScratchPool();
    pools.set(owner, pool);
  }
  return pool;
}

/**
 * Runs `fn` with a scratch from `owner`'s pool, released when `fn` returns or throws. For a
 * synchronous `fn` only: a scratch held across an await needs acquire and release.
 */
export function withScratch<T>(owner: object, size: number, fn: (scratch: Scratch) => T): T {
  const pool = scratchPoolOf(owner);
  const scratch = pool.acquire(size);
  try {
    return fn(scratch);
  } finally {
    pool.release(scratch);
  }
}

/**
 * A value per node for one traversal, cleared in O(1): a value counts only when its stamp equals
 * the current generation.
 */
export class NodeMarks {
  // Stamp and value side by side (stamp at 2n, value at 2n + 1): a walk reads both for a node it
  // reaches at random, and one cache line instead of two halves the misses on 100k-node walks.
  private cells = new Int32Array(0);
  private generation = 0;

  /** Every node below `size` unmarked. */
  begin(size: number): this {
    if (this.cells.length < 2 * size) {
      this.cells = new Int32Array(2 * roundedUp(size));
      this.generation = 0;
    }
    this.generation++;
    if (this.generation === 0x7fffffff) {
      this.cells.fill(0);
      this.generation = 1;
    }
    return this;
  }

  has(n: number): boolean {
    return this.cells[2 * n] === this.generation;
  }

  /** The node's value, or `missing` when it is unmarked in this traversal. */
  get(n: number, missing = -1): number {
    const i = 2 * n;
    return this.cells[i] === this.generation ? this.cells[i + 1]! : missing;
  }

  set(n: number, value: number): void {
    const i = 2 * n;
    this.cells[i] = this.generation;
    this.cells[i + 1] = value;
  }
}

/**
 * A breadth-first queue: a bit per node for "seen", and per entry its node and distance (and, for
 * walks that keep a path per node, the entry it was reached from).
 */
export class NodeQueue {
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
      const length = roundedUp(size);
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

  /** Unmarks every queued node (and any held for a next level): O(nodes queued), not O(graph). */
  clear(): void {
    const { bits, queue, next } = this;
    for (let i = 0; i < this.length; i++) bits[queue[i]! >> 5] = 0;
    for (let w = this.nextLow; w <= this.nextHigh; w++) bits[w] = next[w] = 0;
    this.length = 0;
    this.nextLow = next.length;
    this.nextHigh = -1;
  }
}

const EMPTY = new Int32Array(0);

/** A power of two of at least 1024 and `size`: grown by doubling, a pooled array is reallocated rarely. */
function roundedUp(size: number): number {
  let length = 1024;
  while (length < size) length *= 2;
  return length;
}
