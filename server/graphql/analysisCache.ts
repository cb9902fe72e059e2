import type { GraphIndex } from '../../graph-model/index/graphIndex.js';
import { BoundedCache } from './boundedCache.js';

/**
 * Answers of whole-graph analyses that depend only on a graph version and their arguments, kept per
 * index: the same audit asked again (by aliases of one request, or by a dashboard every minute) is
 * computed once per graph version. Bounded to a few answers, since one spans the whole graph; a
 * failed computation is not kept. Cost attribution and decommission candidates are not kept: they
 * read metrics, which change without a new graph version.
 */
export class AnalysisCache {
  private readonly answers = new BoundedCache<Promise<unknown>>(8);

  run<T>(key: string, compute: () => Promise<T>): Promise<T> {
    return this.answers.get(key, () => {
      const answer = compute();
      answer.catch(() => this.answers.delete(key));
      return answer;
    }) as Promise<T>;
  }
}

const caches = new WeakMap<GraphIndex, AnalysisCache>();

export function analysisCacheOf(index: GraphIndex): AnalysisCache {
  let cache = caches.get(index);
  if (!cache) {
    cache = new AnalysisCache();
    caches.set(index, cache);
  }
  return cache;
}
