import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { axisLabels } from './MetricChart.tsx';

describe('axisLabels', () => {
  it('tells close ticks apart where one fraction digit would not', () => {
    expect(axisLabels([3.46, 3.48, 3.5, 3.52])).toEqual(['3.46', '3.48', '3.5', '3.52']);
  });

  it('keeps large values compact', () => {
    expect(axisLabels([1_500_000, 1_800_000, 2_000_000])).toEqual(['1.5M', '1.8M', '2M']);
  });

  it('gives distinct ticks distinct labels', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 3 }), (ints, scale) => {
        const values = ints.map((n) => n / 10 ** scale);
        const labels = axisLabels(values);
        expect(new Set(labels).size).toBe(new Set(values).size);
      }),
    );
  });
});
