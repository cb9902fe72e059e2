import { describe, expect, it } from 'vitest';
import { csvField, impactCsv } from './impactCsv.ts';

describe('impact CSV', () => {
  it('quotes what would break a row, and only that', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
  });

  it('lists broken before degraded, with version and mode on every row', () => {
    const node = (name: string) => ({ id: `a${name}`, name, namespace: 'risk.rules', kind: 'RULE' });
    const csv = impactCsv({
      version: 7,
      mode: 'DELETE',
      degraded: [{ status: 'DEGRADED', reason: 'SOME_PRODUCERS_BROKEN', distance: 2, path: ['r', 'ad'], owners: [], traffic: null, node: node('d') }],
      broken: [{ status: 'BROKEN', reason: 'READS_BROKEN', distance: 4, path: ['r', 'c', 'ab'], owners: ['risk-team'], traffic: 1500.5, node: node('b, the rule') }],
    });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('BROKEN,RULE,risk.rules,"b, the rule","ab, the rule",READS_BROKEN,4,1500.5,risk-team,r > c > ab,DELETE,7');
    expect(lines[2]!.startsWith('DEGRADED,')).toBe(true);
  });
});
