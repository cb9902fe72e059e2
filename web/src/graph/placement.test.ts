import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verticalClearance, type Box } from './placement.ts';

const box = (x: number, y: number, w = 170, h = 34): Box => ({ x1: x, y1: y, x2: x + w, y2: y + h });
const apart = (a: Box, b: Box, gap: number) => a.x2 + gap <= b.x1 || b.x2 + gap <= a.x1 || a.y2 + gap <= b.y1 || b.y2 + gap <= a.y1;

describe('verticalClearance: where an expansion goes', () => {
  it('leaves a block that already fits where it is', () => {
    expect(verticalClearance([box(0, 0), box(0, 100)], [box(300, 0)], 10)).toBe(0);
  });

  it('moves a block off a column of nodes by the least distance, down before up at equal distance', () => {
    // A column: A at y 0..34, B at 50..84; the block lands at 40..74, over B, with a gap of 10.
    // Just below A (dy 4) it still touches B; just above B (-34) it comes within 10 of A; just
    // below B (54) is free, and nearer than just above A (-84).
    expect(verticalClearance([box(0, 0), box(0, 50)], [box(0, 40)], 10)).toBe(54);
    // Equal distances: a block centred between two free spots goes down.
    expect(verticalClearance([box(0, 0, 100, 20)], [box(0, 0, 100, 20)], 0)).toBe(20);
  });

  it('always finds a place apart from every box drawn (property)', () => {
    const arbBox = fc.record({ x: fc.integer({ min: -500, max: 500 }), y: fc.integer({ min: -500, max: 500 }), w: fc.integer({ min: 1, max: 200 }), h: fc.integer({ min: 1, max: 60 }) }).map(({ x, y, w, h }) => box(x, y, w, h));
    fc.assert(
      fc.property(fc.array(arbBox, { maxLength: 40 }), fc.array(arbBox, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 20 }), (existing, block, gap) => {
        const dy = verticalClearance(existing, block, gap);
        for (const b of block) {
          const moved = { ...b, y1: b.y1 + dy, y2: b.y2 + dy };
          for (const e of existing) expect(apart(moved, e, gap)).toBe(true);
        }
      }),
    );
  });
});
