import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
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

describe('impact CSV (property)', () => {
  it('reads back as the rows it was made of, whatever the names hold, also by a reader that ends a row at a lone LF', () => {
    const text = fc.array(fc.constantFrom('a', ' ', ',', '"', '\n', '\r', '\r\n', 'é'), { maxLength: 6 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text, fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null })), { maxLength: 5 }), (rows) => {
        const broken = rows.map(([name, owner, traffic], i) => ({
          status: 'BROKEN',
          reason: 'READS_BROKEN',
          distance: i,
          path: [name],
          owners: [owner],
          traffic,
          node: { id: `id${i}`, name, namespace: 'ns', kind: 'RULE' },
        }));
        const read: string[][] = parse(impactCsv({ version: 3, mode: 'DELETE', broken, degraded: [] }), { record_delimiter: ['\r\n', '\n'] });
        expect(read.slice(1).map((r) => [r[3], r[8], r[7]])).toEqual(rows.map(([name, owner, traffic]) => [name, owner, traffic === null ? '' : String(traffic)]));
      }),
      { numRuns: 300 },
    );
  });
});
