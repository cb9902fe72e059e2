import { BoundedCache } from './boundedCache.js';

/**
 * The JSON text of `value` when it is at most `maxChars` long, else null, found without writing out
 * a large value: the replacer gives up as soon as the strings and keys seen pass the budget.
 */
export function jsonWithin(value: unknown, maxChars: number): string | null {
  let budget = maxChars;
  const over = new Error('over budget');
  try {
    const json =
      JSON.stringify(value, (key, inner: unknown) => {
        budget -= key.length + (typeof inner === 'string' ? inner.length : 4);
        if (budget < 0) throw over;
        return inner;
      }) ?? '';
    return json.length <= maxChars ? json : null;
  } catch (error) {
    if (error === over) return null;
    throw error;
  }
}

/**
 * Complexities already computed, by query hash, operation and variables. Dashboards send the same
 * few documents again and again; the cache is bounded in entries and in key size: requests whose
 * variables are longer than `maxVariablesChars` are computed each time (the computation is bounded
 * by the complexity library's node cap) and never kept.
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

  complexity(queryHash: string, operationName: string, variables: Record<string, unknown>, compute: () => number): number {
    const json = jsonWithin(variables, this.maxVariablesChars);
    if (json === null) return compute();
    return this.entries.get(`${queryHash}\u0000${operationName}\u0000${json}`, compute);
  }
}
