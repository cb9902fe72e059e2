import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dialectRewrite, type DialectRewrite } from '../../../ingestors/sql/dialectRewrites.js';
import { parseStatement } from '../../../ingestors/sql/parseStatement.js';

const rewrite = (dialect: string): DialectRewrite => dialectRewrite(dialect)!;
/** The rewritten statement with blank runs collapsed (that positions stay is the property below). */
const text = (dialect: string, sql: string): string => {
  const rewritten = rewrite(dialect)(sql);
  if (typeof rewritten !== 'string' && 'refused' in rewritten) throw new Error(`refused: ${rewritten.refused}`);
  const out = typeof rewritten === 'string' ? rewritten : rewritten.text;
  expect(out.length).toBe(sql.length);
  return out.replace(/ +/g, ' ').trim();
};

/** Fragments of each dialect's own forms, put together in any order by the property below. */
const FRAGMENTS: Record<string, string[]> = {
  oracle: ['a.id = b.id(+)', 'b.x ( + )', 'ROWNUM <= 10', 'SYSDATE', 's.seq.NEXTVAL', 'seq.currval', 'MINUS SELECT 1', 'START WITH p IS NULL', 'CONNECT BY NOCYCLE PRIOR id = p', 'LEVEL', "'(+)'", '-- (+)\n', "PIVOT (SUM(a) AS s, COUNT(b) AS n FOR c IN ('A' AS x, 'B' y))", 'UNPIVOT INCLUDE NULLS (v FOR n IN (a, b AS \'B\'))'],
  clickhouse: ['FROM t FINAL', 'PREWHERE a = 1', 'WHERE b = 2', 'LIMIT 3 BY a, b', 'SETTINGS max_threads = 4', 'FORMAT JSON', "'final'", "FROM s3('s3://b/k.csv', 'CSV') AS e", "JOIN remote('h:9000', db, t) r ON r.id = e.id", ', numbers(3)', "FROM view(SELECT a FROM u)"],
  teradata: ['CREATE TABLE t AS (SELECT 1) WITH NO DATA PRIMARY INDEX (a)', 'SELECT TOP 5 a', 'SELECT DISTINCT TOP 10 b', 'ts (DATE)', "x (INT)", "y (DECIMAL(18, 2), FORMAT '9.99')", "z (TITLE 'z')"],
  exasol: ['local.margin', 'LOCAL . x', 't.local.y', 'CONNECT BY PRIOR a = b', 'START WITH b IS NULL'],
};

describe('dialect rewrites (dialectRewrites.ts)', () => {
  it('keep every character where it was: same length, line breaks in place', () => {
    for (const [dialect, fragments] of Object.entries(FRAGMENTS)) {
      const piece = fc.oneof(fc.constantFrom(...fragments), fc.constantFrom(' ', '\n', ', ', 'SELECT a', 'FROM s', '(SELECT b FROM u)'));
      fc.assert(
        fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (pieces) => {
          const sql = `SELECT x FROM t ${pieces.join(' ')}`;
          const rewritten = rewrite(dialect)(sql);
          if (typeof rewritten !== 'string' && 'refused' in rewritten) return;
          const out = typeof rewritten === 'string' ? rewritten : rewritten.text;
          expect(out.length).toBe(sql.length);
          expect([...out].map((c, i) => (c === '\n') === (sql[i] === '\n')).every(Boolean)).toBe(true);
        }),
        { numRuns: 200 },
      );
    }
  });

  it('Oracle: (+), pseudo-columns, sequences and the hierarchy clause become what the PostgreSQL grammar reads', () => {
    expect(text('oracle', 'SELECT a.x FROM a, b WHERE a.id = b.id(+)')).toBe('SELECT a.x FROM a, b WHERE a.id = b.id');
    expect(text('oracle', 'SELECT s.NEXTVAL, SYSDATE FROM t WHERE ROWNUM < 3')).toBe('SELECT 0 , 0 FROM t WHERE 0 < 3');
    expect(text('oracle', 'SELECT id, LEVEL FROM t START WITH p IS NULL CONNECT BY PRIOR id = p')).toBe('SELECT id, 0 FROM t WHERE p IS NULL AND id = p');
    // A column named like a pseudo-column of a table is a column: `t.rownum`, a function `sysdate()` stay.
    expect(text('oracle', 'SELECT t.rownum, level FROM t')).toBe('SELECT t.rownum, level FROM t');
    // Strings and comments are not touched.
    expect(text('oracle', "SELECT '(+) sysdate' FROM t -- rownum (+)")).toBe("SELECT '(+) sysdate' FROM t -- rownum (+)");
  });

  it('ClickHouse: FINAL, SETTINGS, FORMAT and LIMIT BY blanked, PREWHERE a WHERE', () => {
    expect(text('clickhouse', 'SELECT a FROM t FINAL PREWHERE a = 1 WHERE b = 2 SETTINGS x = 1')).toBe('SELECT a FROM t WHERE a = 1 AND b = 2');
    expect(text('clickhouse', 'SELECT a AS final FROM t LIMIT 2 BY a, b FORMAT JSON;')).toBe('SELECT a AS final FROM t LIMIT 2 ;');
  });

  it('Teradata: CTAS data options and TOP n blanked, `x (TYPE)` a cast; Exasol: `local.` blanked, CONNECT BY as Oracle', () => {
    expect(text('teradata', 'CREATE TABLE t AS (SELECT TOP 5 a FROM s) WITH DATA PRIMARY INDEX (a)')).toBe('CREATE TABLE t AS (SELECT a FROM s)');
    expect(text('teradata', "SELECT ts (DATE) AS d, x (INT), f(a), y (FORMAT 'YYYY') FROM t")).toBe("SELECT ts ::INT AS d, x ::INT, f(a), y ::INT FROM t");
    expect(text('exasol', 'SELECT a + 1 AS b, local.b * 2 AS c FROM t CONNECT BY PRIOR id = p')).toBe('SELECT a + 1 AS b, b * 2 AS c FROM t WHERE id = p');
  });

  it('Oracle: PIVOT / UNPIVOT become the alias of the relation they rotate, an error after them where it was', () => {
    expect(text('oracle', "SELECT * FROM t PIVOT (SUM(a) FOR c IN ('A' AS x)) p")).toBe('SELECT * FROM t p');
    expect(text('oracle', 'SELECT * FROM t UNPIVOT (v FOR n IN (a, b))')).toBe('SELECT * FROM t "pv.0"');
    const sql = "SELECT * FROM t\nPIVOT (SUM(a) FOR c IN ('A' AS x)) WHERE ) ";
    const rewritten = rewrite('oracle')(sql) as { text: string };
    expect(parseStatement(rewritten.text, 'postgresql')).toMatchObject({ ok: false, line: 2, column: 42 });
  });

  it('keeps a parse error at the script line and column', () => {
    const sql = 'INSERT INTO m SELECT a.x FROM a, b\nWHERE a.id = b.id(+) AND ) ';
    const parsed = parseStatement(rewrite('oracle')(sql) as string, 'postgresql');
    expect(parsed).toMatchObject({ ok: false, line: 2, column: 26 });
  });

  it('is there only for the dialects read with another grammar', () => {
    expect(dialectRewrite('postgresql')).toBeUndefined();
    expect(dialectRewrite(' Oracle ')).toBeDefined();
  });
});
