import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeId } from '../../graph-model/ids.js';
import { sortKeys } from '../../graph-model/store/sortKeys.js';

describe('sortKeys', () => {
  it('orders any strings as Array.prototype.sort() does', () => {
    // Few distinct leading code units, so buckets hold many strings, plus arbitrary UTF-16.
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'b', '\u001f', '~', '\u007f', 'é', '\u0000'), maxLength: 6 }),
      fc.string({ unit: 'binary', maxLength: 5 }),
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(text, { minLength: 2100, maxLength: 3000 }), (keys) => {
        const input = keys.slice();
        expect(sortKeys(keys)).toEqual(keys.slice().sort());
        expect(keys).toEqual(input);
      }),
      { numRuns: 25 },
    );
  });

  it('orders fact keys made of node ids', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => nodeId(i % 3 ? 'ASSET' : 'COMPUTATION', 'ns', `n${i}`));
    const keys = ids.map((id, i) => id + '\u001f' + ids[(i * 7) % ids.length]);
    expect(sortKeys(keys)).toEqual(keys.slice().sort());
    expect(sortKeys(['b', 'a'])).toEqual(['a', 'b']);
    expect(sortKeys([])).toEqual([]);
  });
});
