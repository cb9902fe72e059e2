import fc from 'fast-check';
import { expect, it } from 'vitest';
import { scratchPoolOf, withScratch } from '../../graph-model/analyses/scratch.js';

it('mark sets behave like a fresh map per call, whatever earlier holders marked', () => {
  fc.assert(
    fc.property(fc.array(fc.array(fc.tuple(fc.nat({ max: 99 }), fc.integer({ min: -5, max: 5 })), { maxLength: 30 }), { minLength: 1, maxLength: 6 }), (traversals) => {
      const owner = {};
      for (const sets of traversals) {
        withScratch(owner, 100, (s) => {
          const marks = s.marks(0);
          const reference = new Map<number, number>();
          for (const [n, value] of sets) {
            marks.set(n, value);
            reference.set(n, value);
          }
          for (let n = 0; n < 100; n++) {
            expect(marks.has(n)).toBe(reference.has(n));
            expect(marks.get(n, -99)).toBe(reference.get(n) ?? -99);
          }
        });
      }
    }),
  );
});

it('a nested or concurrent holder gets its own scratch, and the queue comes back empty', async () => {
  const owner = {};
  const pool = scratchPoolOf(owner);
  const outer = pool.acquire(64);
  outer.queue().push(5, 0);
  const inner = pool.acquire(64);
  expect(inner).not.toBe(outer);
  expect(inner.queue().has(5)).toBe(false);
  // A holder across an await keeps its scratch; another holder meanwhile gets a different one.
  const held = (async () => {
    await Promise.resolve();
    expect(outer.queue().has(5)).toBe(true);
  })();
  withScratch(owner, 64, (other) => expect(other).not.toBe(outer));
  await held;
  pool.release(inner);
  pool.release(outer);
  const again = pool.acquire(64);
  expect(again.queue().has(5)).toBe(false);
  expect(again.queue().length).toBe(0);
  pool.release(again);
});

it('refuses a scratch used after its release or released twice', () => {
  const pool = scratchPoolOf({});
  const s = pool.acquire(10);
  pool.release(s);
  expect(() => s.marks(0)).toThrow(/after release/);
  expect(() => pool.release(s)).toThrow(/released twice/);
});
