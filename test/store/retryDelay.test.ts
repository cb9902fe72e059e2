import fc from 'fast-check';
import { expect, it } from 'vitest';
import { retryDelay } from '../../graph-model/store/retryDelay.js';

it('waits between half and all of a step that doubles from the minimum per attempt and never passes the cap', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 100_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, minMs, extra, random) => {
      const maxMs = minMs + extra;
      const step = Math.min(maxMs, minMs * 2 ** (attempt - 1));
      const delay = retryDelay(attempt, minMs, maxMs, () => random);
      expect(delay).toBeGreaterThanOrEqual(step / 2);
      expect(delay).toBeLessThanOrEqual(step);
      expect(delay).toBeLessThanOrEqual(maxMs);
    }),
  );
});

it('the feed default: 50 to 100 ms first, 5 to 10 s from the eighth attempt on', () => {
  expect(retryDelay(1, 100, 10_000, () => 0)).toBe(50);
  expect(retryDelay(1, 100, 10_000, () => 0.999999)).toBeCloseTo(100, 3);
  expect(retryDelay(8, 100, 10_000, () => 0)).toBe(5000);
  expect(retryDelay(1_000_000, 100, 10_000, () => 0.5)).toBe(7500);
});
