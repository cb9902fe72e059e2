import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ARRAY_JOIN_REFUSED, parseWithArrayJoins, rewriteArrayJoins } from '../../../ingestors/sql/arrayJoins.js';
import { parseStatement } from '../../../ingestors/sql/parseStatement.js';

const rewritten = (sql: string): string | undefined => {
  const out = rewriteArrayJoins(sql);
  return out && 'text' in out ? out.text.replace(/\s+/g, ' ').trim() : undefined;
};
const parse = (text: string) => parseStatement(text, 'postgresql');

describe('ClickHouse ARRAY JOIN (arrayJoins.ts)', () => {
  it('writes each array as an UNNEST derived table named by its alias, or by the column without one', () => {
    expect(rewritten('SELECT a FROM t ARRAY JOIN arr AS a WHERE a > 1')).toBe('SELECT a FROM t CROSS JOIN UNNEST(arr) AS a (a) WHERE a > 1');
    expect(rewritten('SELECT x, y FROM t LEFT ARRAY JOIN t.xs AS x, ys AS y')).toBe('SELECT x, y FROM t CROSS JOIN UNNEST(t.xs) AS x (x) CROSS JOIN UNNEST(ys) AS y (y)');
    expect(rewritten('SELECT arr FROM t ARRAY JOIN t.arr')).toBe('SELECT arr FROM t CROSS JOIN UNNEST(t.arr) AS arr (arr)');
    expect(rewritten('SELECT n FROM t ARRAY JOIN [1, 2] AS n')).toBe('SELECT n FROM t CROSS JOIN UNNEST(ARRAY[1, 2]) AS n (n)');
    expect(rewritten('SELECT i FROM (SELECT i FROM t ARRAY JOIN arrayEnumerate(xs) AS i) s')).toBe('SELECT i FROM (SELECT i FROM t CROSS JOIN UNNEST(arrayEnumerate(xs)) AS i (i)) s');
    expect(rewriteArrayJoins('SELECT array, join FROM t')).toBeUndefined();
  });

  it('refuses an expression without a name at its ARRAY JOIN, and maps a parse error back to the statement as written', () => {
    expect(parseWithArrayJoins(parse, 'SELECT a FROM t\n  ARRAY JOIN arrayEnumerate(xs)')).toEqual({ ok: false, message: ARRAY_JOIN_REFUSED, line: 2, column: 3 });
    // The empty list's `)`, line 2, column 23 of the text as written (the edited text is longer).
    expect(parseWithArrayJoins(parse, 'SELECT a FROM t ARRAY JOIN arr AS a\nWHERE a > 1 AND b IN ()')).toMatchObject({ ok: false, line: 2, column: 23 });
  });

  it('maps every character of the edited text back to itself, or into the ARRAY JOIN list it stands for, in order', () => {
    const piece = fc.constantFrom('SELECT a, b', 'FROM t', 'ARRAY JOIN arr AS a', 'LEFT ARRAY JOIN t.xs AS x, ys AS y', 'ARRAY JOIN [1, 2] AS n', '\n', 'WHERE a > 1', "'ARRAY JOIN'", 'JOIN u ON u.id = t.id');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (pieces) => {
        const sql = pieces.join(' ');
        const edited = rewriteArrayJoins(sql);
        if (!edited || !('text' in edited)) return;
        let previous = -1;
        for (let j = 0; j < edited.text.length; j++) {
          const i = edited.original(j);
          expect(i).toBeGreaterThanOrEqual(previous);
          expect(i).toBeLessThanOrEqual(sql.length);
          previous = i;
        }
        expect(edited.text.split('\n').length).toBe(sql.split('\n').length);
      }),
      { numRuns: 300 },
    );
  });
});
