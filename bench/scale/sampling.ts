import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { summarize } from '../stats.js';

export type Summary = ReturnType<typeof summarize>;

/**
 * Runs `fn` once to warm up, then at least `minRuns` and at most `maxRuns` times, stopping early
 * once `budgetMs` of measured time is spent: a 2-second walk at large scale gets a handful of runs,
 * a 2-ms one a thousand.
 */
export async function sample(fn: () => unknown, options: { minRuns?: number; maxRuns?: number; budgetMs?: number } = {}): Promise<Summary> {
  const { minRuns = 5, maxRuns = 500, budgetMs = 20_000 } = options;
  await fn();
  // Each figure starts from a collected heap: garbage left by the previous figure (or the index
  // build) would otherwise be collected, and billed, during this one's first runs.
  collectGarbage();
  const samples: number[] = [];
  let spent = 0;
  while (samples.length < maxRuns && (samples.length < minRuns || spent < budgetMs)) {
    const start = performance.now();
    await fn();
    const ms = performance.now() - start;
    samples.push(ms);
    spent += ms;
  }
  return summarize(samples);
}

/** A full garbage collection, without needing node --expose-gc on the command line. */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

/** Heap and typed-array bytes after a full collection. */
export function liveBytes(): { heap: number; arrayBuffers: number } {
  collectGarbage();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, arrayBuffers: m.arrayBuffers };
}

export const peakRssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);
