import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inlineNamedWindows, parseWithNamedWindows } from '../../../ingestors/sql/namedWindows.js';
import { parseStatement } from '../../../ingestors/sql/parseStatement.js';

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('named windows inlined before parsing', () => {
  it('writes a named window where OVER uses it and drops the WINDOW clause', () => {
    const inlined = inlineNamedWindows('SELECT sum(a) OVER w AS s FROM t WINDOW w AS (PARTITION BY c ORDER BY d) ORDER BY s');
    expect(collapse(inlined!.text)).toBe('SELECT sum(a) OVER (PARTITION BY c ORDER BY d) AS s FROM t ORDER BY s');
  });

  it('refines a named window: OVER (w ORDER BY e), and one window built on another', () => {
    const inlined = inlineNamedWindows('SELECT rank() OVER (w2 ROWS UNBOUNDED PRECEDING) FROM t WINDOW w1 AS (PARTITION BY c), w2 AS (w1 ORDER BY d)');
    expect(collapse(inlined!.text)).toBe('SELECT rank() OVER (PARTITION BY c ORDER BY d ROWS UNBOUNDED PRECEDING) FROM t');
  });

  it('keeps each SELECT block to its own windows: a subquery and each branch of a UNION', () => {
    const text = 'SELECT max(x) OVER w FROM (SELECT sum(a) OVER w AS x FROM t WINDOW w AS (PARTITION BY b)) q WINDOW w AS (ORDER BY x) UNION ALL SELECT min(a) OVER w FROM u WINDOW w AS (PARTITION BY c)';
    expect(collapse(inlineNamedWindows(text)!.text)).toBe(
      'SELECT max(x) OVER (ORDER BY x) FROM (SELECT sum(a) OVER (PARTITION BY b) AS x FROM t ) q UNION ALL SELECT min(a) OVER (PARTITION BY c) FROM u',
    );
  });

  it('leaves statements without a WINDOW clause, and a column named window, alone', () => {
    expect(inlineNamedWindows('SELECT a FROM t')).toBeUndefined();
    expect(inlineNamedWindows('SELECT window FROM t WHERE window > 1')).toBeUndefined();
    expect(inlineNamedWindows("SELECT 'WINDOW w AS (x)' FROM t")).toBeUndefined();
  });

  it('reports a parse error at its place in the statement as written', () => {
    const text = 'SELECT count(*) OVER w AS n FROM t WINDOW w AS (PARTITION BY merchant_id) ORDER BY n LIMIT LIMIT';
    const outcome = parseWithNamedWindows((t) => parseStatement(t, 'postgresql'), text);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.column).toBe(text.lastIndexOf('LIMIT') + 1);
  });

  it('maps every character it kept back to the same character of the statement as written', () => {
    const name = fc.constantFrom('w', 'win', 'w_1', '"W"');
    const column = fc.constantFrom('a', 'b', 'card_id', 't.amount');
    fc.assert(
      fc.property(name, column, column, fc.array(fc.constantFrom(' ', '\n', '  '), { minLength: 1, maxLength: 3 }), fc.boolean(), (w, c, d, spaces, refine) => {
        const gap = spaces.join('');
        const over = refine ? `(${w} ROWS${gap}UNBOUNDED PRECEDING)` : w;
        const text = `SELECT${gap}sum(${d}) OVER ${over} AS s,${gap}${c}${gap}FROM t${gap}WINDOW ${w} AS (PARTITION BY ${c}${gap}ORDER BY ${d})${gap}ORDER BY s`;
        const inlined = inlineNamedWindows(text)!;
        expect(inlined.text).not.toMatch(/\bWINDOW\b/);
        expect(inlined.text).toContain(`PARTITION BY ${c}${gap}ORDER BY ${d}`);
        // Offsets after the last replacement keep their character.
        const tail = inlined.text.lastIndexOf('ORDER BY s');
        for (let i = tail; i < inlined.text.length; i++) expect(text[inlined.original(i)]).toBe(inlined.text[i]);
        const start = inlined.text.indexOf('sum(');
        for (let i = 0; i < start + 4; i++) expect(text[inlined.original(i)]).toBe(inlined.text[i]);
      }),
    );
  });
});
