import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, DIRECTIONS, GROUPINGS, LEVELS, MAX_DEPTH, MODES, VIEWS, formatState, parseState, type ViewState } from './urlState.ts';

const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/);
const text = fc.string({ maxLength: 20 });
const state: fc.Arbitrary<ViewState> = fc.record({
  view: fc.constantFrom(...VIEWS),
  q: text,
  node: fc.option(id, { nil: null }),
  dir: fc.constantFrom(...DIRECTIONS),
  depth: fc.integer({ min: 1, max: MAX_DEPTH }),
  level: fc.constantFrom(...LEVELS),
  field: fc.option(fc.string({ minLength: 1, maxLength: 12 }), { nil: null }),
  asOf: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
  mode: fc.constantFrom(...MODES),
  targets: fc.array(fc.record({ id, field: fc.option(fc.stringMatching(/^[a-z_.]{0,10}$/), { nil: undefined }) }, { requiredKeys: ['id'] }), { maxLength: 4 }),
  group: fc.constantFrom(...GROUPINGS),
  max: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: null }),
});

describe('URL state', () => {
  it('opens the same view from the URL it wrote (any state)', () => {
    fc.assert(
      fc.property(state, (s) => {
        const back = parseState(formatState(s));
        expect(back).toEqual({ ...s, targets: s.targets.map((t) => (t.field === undefined ? { id: t.id } : t)) });
      }),
    );
  });

  it('writes nothing for the default view, and only what differs otherwise', () => {
    expect(formatState(DEFAULT_STATE)).toBe('');
    expect(formatState({ ...DEFAULT_STATE, view: 'lineage', node: 'aX1', depth: 5 })).toBe('?view=lineage&node=aX1&depth=5');
  });

  it('reads a ticket link written by hand', () => {
    const s = parseState('?view=impact&mode=schema_change&targets=aUhj%23card_no,cB2&asOf=3&dir=upstream');
    expect(s.view).toBe('impact');
    expect(s.mode).toBe('SCHEMA_CHANGE');
    expect(s.targets).toEqual([{ id: 'aUhj', field: 'card_no' }, { id: 'cB2' }]);
    expect(s.asOf).toBe(3);
    expect(s.dir).toBe('UPSTREAM');
  });

  it('falls back to defaults for values it cannot use, and keeps depth within the API limit', () => {
    const s = parseState('?view=nope&dir=sideways&depth=999&asOf=-2&mode=DROP&group=stars&level=pixel&max=0');
    expect(s).toEqual({ ...DEFAULT_STATE, depth: MAX_DEPTH });
    expect(parseState('?depth=0').depth).toBe(1);
    expect(parseState('?depth=two').depth).toBe(DEFAULT_STATE.depth);
  });
});
