import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grown, labelsLegible, wantsLabel } from './viewportLabels.ts';

describe('labels of a large picture', () => {
  it('are legible from the zoom at which a 12-unit font is 7 px on screen', () => {
    expect(labelsLegible(0.02)).toBe(false);
    expect(labelsLegible(0.5)).toBe(false);
    expect(labelsLegible(7 / 12)).toBe(true);
    expect(labelsLegible(1)).toBe(true);
    // A computation's 10-unit label needs more zoom.
    expect(labelsLegible(0.6, 10)).toBe(false);
  });

  it('go to the nodes in the view and a quarter of its size around it, not beyond', () => {
    const view = { x1: 0, y1: 0, x2: 400, y2: 200 };
    expect(wantsLabel({ x: 200, y: 100 }, 1, view)).toBe(true);
    expect(wantsLabel({ x: -99, y: 100 }, 1, view)).toBe(true);
    expect(wantsLabel({ x: -101, y: 100 }, 1, view)).toBe(false);
    expect(wantsLabel({ x: 200, y: 251 }, 1, view)).toBe(false);
    // In view but too far out to read: none.
    expect(wantsLabel({ x: 200, y: 100 }, 0.1, view)).toBe(false);
  });

  it('the grown view holds the view', () => {
    const coordinate = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(coordinate, coordinate, fc.double({ min: 0, max: 1e5, noNaN: true }), fc.double({ min: 0, max: 1e5, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, y, w, h, share) => {
        const view = { x1: x, y1: y, x2: x + w, y2: y + h };
        const box = grown(view, share);
        return box.x1 <= view.x1 && box.y1 <= view.y1 && box.x2 >= view.x2 && box.y2 >= view.y2;
      }),
    );
  });
});
