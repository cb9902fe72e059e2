/**
 * Per-node scratch values for one traversal, cleared in O(1): a value counts only when its stamp
 * equals the current generation. Maps cost ~10x more per visited node on walks that reach 100k+
 * nodes; fresh typed arrays per call would cost O(graph) to allocate even for a tiny walk.
 * Marks are pooled per graph and handed out one traversal at a time (JS runs one at a time).
 */
export class VisitMarks {
  // Stamp and value side by side (stamp at 2n, value at 2n + 1): a walk reads both for a node it
  // reaches at random, and one cache line instead of two halves the misses on 100k-node walks.
  private cells = new Int32Array(0);
  private generation = 0;

  /** Starts a traversal over node integers below `size`, with every node unmarked. */
  begin(size: number): this {
    if (this.cells.length < 2 * size) {
      let length = Math.max(1024, this.cells.length >> 1);
      while (length < size) length *= 2;
      this.cells = new Int32Array(2 * length);
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

const pools = new WeakMap<object, VisitMarks[]>();

/** Runs `fn` with `count` fresh mark sets sized for `size` nodes, returning them to the pool after. */
export function withMarks<T>(owner: object, size: number, count: number, fn: (marks: VisitMarks[]) => T): T {
  let pool = pools.get(owner);
  if (!pool) {
    pool = [];
    pools.set(owner, pool);
  }
  const taken: VisitMarks[] = [];
  for (let i = 0; i < count; i++) taken.push((pool.pop() ?? new VisitMarks()).begin(size));
  try {
    return fn(taken);
  } finally {
    pool.push(...taken);
  }
}
