/**
 * Per-node scratch values for one traversal, cleared in O(1): a value counts only when its stamp
 * equals the current generation. Maps cost ~10x more per visited node on walks that reach 100k+
 * nodes; fresh typed arrays per call would cost O(graph) to allocate even for a tiny walk.
 * Marks are pooled per graph and handed out one traversal at a time (JS runs one at a time).
 */
export class VisitMarks {
  private stamp = new Uint32Array(0);
  private values = new Int32Array(0);
  private generation = 0;

  /** Starts a traversal over node integers below `size`, with every node unmarked. */
  begin(size: number): this {
    if (this.stamp.length < size) {
      let length = Math.max(1024, this.stamp.length);
      while (length < size) length *= 2;
      this.stamp = new Uint32Array(length);
      this.values = new Int32Array(length);
      this.generation = 0;
    }
    this.generation++;
    if (this.generation === 0xffffffff) {
      this.stamp.fill(0);
      this.generation = 1;
    }
    return this;
  }

  has(n: number): boolean {
    return this.stamp[n] === this.generation;
  }

  /** The node's value, or `missing` when it is unmarked in this traversal. */
  get(n: number, missing = -1): number {
    return this.stamp[n] === this.generation ? this.values[n]! : missing;
  }

  set(n: number, value: number): void {
    this.stamp[n] = this.generation;
    this.values[n] = value;
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
