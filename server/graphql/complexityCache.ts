import { BoundedCache } from './boundedCache.js';

/**
 * Complexities already computed, by query hash, operation and variables. Dashboards send the same
 * few documents again and again; the cache is bounded in entries and in key size: requests whose
 * variables' JSON is longer than `maxVariablesChars` are computed each time (the computation is
 * bounded by the complexity library's node cap) and never kept.
 */
export class ComplexityCache {
  private readonly entries: BoundedCache<number>;

  constructor(
    maxEntries = 2_000,
    private readonly maxVariablesChars = 1_024,
  ) {
    this.entries = new BoundedCache(maxEntries);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The complexity kept for these, else `compute()`'s; what `compute` throws is not kept. */
  complexity(queryHash: string, operationName: string, variables: Record<string, unknown>, compute: () => number): number {
    // Writing large variables out once costs less than reading them did; only keeping them is the harm.
    const json = JSON.stringify(variables);
    if (json.length > this.maxVariablesChars) return compute();
    return this.entries.get(`${queryHash}\u0000${operationName}\u0000${json}`, compute);
  }
}
