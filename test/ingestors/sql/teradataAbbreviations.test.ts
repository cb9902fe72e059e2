import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../../ingestors/sql/parseStatement.js';
import { expandAbbreviations, parseWithAbbreviations } from '../../../ingestors/sql/teradataAbbreviations.js';

const expanded = (sql: string): string => (expandAbbreviations(sql)?.text ?? sql).replace(/\s+/g, ' ').trim();

describe('Teradata abbreviations (teradataAbbreviations.ts)', () => {
  it('writes SEL, INS, UPD, DEL out where a statement or query starts, and only there', () => {
    expect(expanded('SEL a FROM t')).toBe('SELECT a FROM t');
    expect(expanded('INS mart.x (a) SEL a FROM t UNION ALL SEL b FROM u')).toBe('INSERT INTO mart.x (a) SELECT a FROM t UNION ALL SELECT b FROM u');
    expect(expanded('UPD t SET a = 1 WHERE b IN (SEL b FROM u)')).toBe('UPDATE t SET a = 1 WHERE b IN (SELECT b FROM u)');
    expect(expanded('DEL t WHERE a = 0')).toBe('DELETE FROM t WHERE a = 0');
    expect(expanded('CREATE TABLE v AS (SEL a FROM t) WITH DATA')).toBe('CREATE TABLE v AS (SELECT a FROM t) WITH DATA');
    expect(expanded('WITH c AS (SEL a FROM t) SEL a FROM c')).toBe('WITH c AS (SELECT a FROM t) SELECT a FROM c');
    // Names: columns `sel`, `del`, `t.ins`, an alias `upd`.
    expect(expandAbbreviations('SELECT sel, del, t.ins, x AS upd FROM t')).toBeUndefined();
    expect(expanded('INS INTO m SEL del, ins FROM t')).toBe('INSERT INTO m SELECT del, ins FROM t');
  });

  it('reports a parse error where it is in the statement as written', () => {
    const outcome = parseWithAbbreviations((text) => parseStatement(text, 'postgresql'), 'SEL a, b FROM t WHERE ) AND\n  c = 1');
    expect(outcome).toMatchObject({ ok: false, line: 1, column: 23 });
    const second = parseWithAbbreviations((text) => parseStatement(text, 'postgresql'), 'INS m SEL a\nFROM t WHERE )');
    expect(second).toMatchObject({ ok: false, line: 2, column: 14 });
  });

  it('maps every character of the expanded text back to itself, or to the abbreviation it stands for', () => {
    const piece = fc.constantFrom('SEL a', 'INS INTO m', 'INS m', 'DEL t', 'UPD t SET a = 1', 'UNION ALL SEL b', '(SEL c FROM u)', 'FROM t', ', del', '\n', ' ', 'WHERE x = 1', "'SEL'");
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (pieces) => {
        const sql = pieces.join(' ');
        const edited = expandAbbreviations(sql);
        if (!edited) return;
        const words = [...sql.matchAll(/\b(?:sel|ins|upd|del)\b/gi)].flatMap((m) => [m.index, m.index + m[0].length]);
        let previous = -1;
        for (let j = 0; j < edited.text.length; j++) {
          const i = edited.original(j);
          expect(i).toBeGreaterThanOrEqual(previous);
          previous = i;
          if (sql[i] !== edited.text[j]) expect(words).toContain(i);
        }
        expect(edited.text.split('\n').length).toBe(sql.split('\n').length);
      }),
      { numRuns: 300 },
    );
  });
});
