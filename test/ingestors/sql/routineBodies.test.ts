import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDelimiters } from '../../../ingestors/sql/delimiters.js';
import { expandRoutines } from '../../../ingestors/sql/routineBodies.js';
import { splitStatements, type ScriptStatement } from '../../../ingestors/sql/splitStatements.js';
import { rewriteForParser } from '../../../ingestors/sql/syntaxRewrites.js';

const statementsOf = (script: string, database: string) => expandRoutines(splitStatements(applyDelimiters(script)), database);
const brief = (statements: ScriptStatement[]) => statements.map((s) => [s.text, s.line, s.column]);

/** The text at a statement's line and column in the script. */
function textAt(script: string, statement: ScriptStatement): string {
  const lines = script.split('\n');
  const offset = lines.slice(0, statement.line - 1).reduce((sum, line) => sum + line.length + 1, 0) + statement.column - 1;
  return script.slice(offset, offset + statement.text.length);
}

describe('procedure and script bodies', () => {
  it('MySQL: DELIMITER lines and the custom delimiter end statements; the body statements are the script’s, at their lines and columns', () => {
    const script = ['DELIMITER $$', 'CREATE PROCEDURE p(IN d DATE)', 'BEGIN', '  INSERT INTO a SELECT x FROM b;', '  UPDATE c SET y = 1;', 'END$$', 'DELIMITER ;', 'SELECT 1;'].join('\n');
    expect(brief(statementsOf(script, 'mysql'))).toEqual([
      ['INSERT INTO a SELECT x FROM b', 4, 3],
      ['UPDATE c SET y = 1', 5, 3],
      ['END', 6, 1],
      ['SELECT 1', 8, 1],
    ]);
  });

  it('a DELIMITER inside a string or a comment is not a delimiter', () => {
    const script = ['DELIMITER //', "SELECT '//' AS s -- a // comment", 'FROM t //', 'DELIMITER ;'].join('\n');
    const rewritten = applyDelimiters(script);
    expect(rewritten).toHaveLength(script.length);
    expect(splitStatements(rewritten).map((s) => s.text)).toEqual(["SELECT '//' AS s -- a // comment\nFROM t"]);
  });

  it('PostgreSQL: a dollar-quoted body is split in place; a label, IF ... THEN, ELSE and END IF are taken off', () => {
    const script = [
      'CREATE FUNCTION f(p_id int) RETURNS void AS $fn$',
      'BEGIN',
      '  <<top>>',
      '  IF p_id > 0 THEN',
      '    DELETE FROM t WHERE id = p_id;',
      '  ELSE',
      '    INSERT INTO t (id) VALUES (0);',
      '  END IF;',
      'END;',
      '$fn$ LANGUAGE plpgsql;',
    ].join('\n');
    const statements = statementsOf(script, 'postgresql');
    expect(brief(statements)).toEqual([
      ['DELETE FROM t WHERE id = p_id', 5, 5],
      ['INSERT INTO t (id) VALUES (0)', 7, 5],
      ['END IF', 8, 3],
      ['END', 9, 1],
    ]);
  });

  it('T-SQL: IF without BEGIN, END ELSE BEGIN without semicolons, TRY/CATCH', () => {
    const script = [
      'CREATE PROCEDURE dbo.p @d DATE AS',
      'BEGIN',
      '  IF @d IS NULL INSERT INTO dbo.t (a) VALUES (1)',
      '  ELSE BEGIN UPDATE dbo.t SET a = 2 END',
      'END',
      'GO',
      'BEGIN TRY DELETE FROM dbo.t END TRY BEGIN CATCH SELECT 1 END CATCH',
    ].join('\n');
    expect(brief(statementsOf(script, 'transactsql'))).toEqual([
      ['INSERT INTO dbo.t (a) VALUES (1)', 3, 17],
      ['UPDATE dbo.t SET a = 2', 4, 14],
      ['END', 5, 1],
      ['DELETE FROM dbo.t', 7, 11],
      ['SELECT 1', 7, 49],
      ['END CATCH', 7, 58],
    ]);
  });

  it('inside a body (not T-SQL) parameters and variables become values and SELECT ... INTO v a plain SELECT, every character in place', () => {
    const script = [
      'CREATE PROCEDURE p(IN p_day DATE, OUT n INT)',
      'BEGIN',
      '  DECLARE v_a, v_b INT DEFAULT 0;',
      '  SELECT COUNT(*), MAX(t.v_a) INTO n, v_b FROM t WHERE d = p_day AND k = v_a;',
      'END;',
      'SELECT p_day FROM t;',
    ].join('\n');
    const [declare, select, end, outside] = statementsOf(script, 'mysql');
    expect(declare!.parseText).toBeUndefined();
    expect(select!.text).toBe('SELECT COUNT(*), MAX(t.v_a) INTO n, v_b FROM t WHERE d = p_day AND k = v_a');
    // `t.v_a` is a column of t; `v_a` and `p_day` alone are the variables.
    expect(select!.parseText).toBe(`SELECT COUNT(*), MAX(t.v_a) ${' '.repeat('INTO n, v_b'.length)} FROM t WHERE d = 0${' '.repeat(4)} AND k = 0${' '.repeat(2)}`);
    expect(end!.text).toBe('END');
    expect(outside!.parseText).toBeUndefined();
  });

  it('T-SQL keeps SELECT ... INTO #t (a table) and its @variables as written', () => {
    const script = 'CREATE PROCEDURE p @x INT AS BEGIN SELECT a INTO #t FROM s WHERE b = @x; END';
    const [select] = statementsOf(script, 'transactsql');
    expect(select).toEqual({ text: 'SELECT a INTO #t FROM s WHERE b = @x', line: 1, column: 36 });
  });

  it('BEGIN TRANSACTION is not a block', () => {
    expect(brief(statementsOf('BEGIN TRANSACTION;\nINSERT INTO a SELECT 1;\nCOMMIT;', 'postgresql'))).toEqual([
      ['BEGIN TRANSACTION', 1, 1],
      ['INSERT INTO a SELECT 1', 2, 1],
      ['COMMIT', 3, 1],
    ]);
  });

  const fragment = fc.constantFrom(
    'CREATE PROCEDURE p(IN a INT)\nBEGIN\n',
    'CREATE OR REPLACE FUNCTION f(a int) RETURNS void AS $$\nDECLARE\n  v int;\nBEGIN\n',
    '$$ LANGUAGE plpgsql;\n',
    'CREATE PROCEDURE dbo.p @a INT AS\n',
    'EXECUTE IMMEDIATE $b$\n',
    '$b$;\n',
    'DECLARE x INT64 DEFAULT 1;\n',
    'BEGIN\n',
    '  BEGIN TRY ',
    '  IF a > 0 THEN ',
    '  IF @a > 1 ',
    '  WHILE x > 0 DO ',
    '  ELSE ',
    '  INSERT INTO t (c) SELECT c FROM s WHERE k = a;\n',
    "  UPDATE t SET c = 'it''s' WHERE k = x\n",
    '  SELECT c INTO v FROM s;\n',
    '  END IF;\n',
    '  END TRY\n',
    'END;\n',
    'END\n',
    'GO\n',
    'DELIMITER //\n',
    'END //\n',
    'DELIMITER ;\n',
    '-- a comment; with BEGIN\n',
  );

  it('property: every statement sits at its line and column in the script (DELIMITER lines aside), and the parser’s text keeps its length and line breaks', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 24 }), fc.constantFrom('mysql', 'postgresql', 'transactsql', 'bigquery', 'snowflake'), (parts, database) => {
        const script = parts.join('');
        // DELIMITER lines become `;` and spaces, line breaks kept.
        const delimited = applyDelimiters(script);
        expect([...delimited].map((ch, i) => (ch === '\n') === (script[i] === '\n')).every(Boolean) && delimited.length === script.length).toBe(true);
        for (const statement of statementsOf(script, database)) {
          expect(textAt(delimited, statement)).toBe(statement.text);
          if (statement.parseText !== undefined) {
            expect(statement.parseText).toHaveLength(statement.text.length);
            expect([...statement.parseText].map((ch, i) => (ch === '\n') === (statement.text[i] === '\n')).every(Boolean)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('FETCH FIRST and NATURAL JOIN rewrites', () => {
  /** The rewrite with runs of spaces collapsed, after checking it kept the length and the line breaks. */
  const rewritten = (text: string, database: string) => {
    const result = rewriteForParser(text, database);
    expect(result).toHaveLength(text.length);
    expect([...result].map((ch, i) => (ch === '\n') === (text[i] === '\n')).every(Boolean)).toBe(true);
    return result.replace(/ +/g, ' ').trim();
  };

  it('FETCH FIRST|NEXT [n] ROW|ROWS ONLY becomes LIMIT n, OFFSET m ROWS becomes OFFSET m; WITH TIES and T-SQL are left alone', () => {
    expect(rewritten('SELECT a FROM t ORDER BY a FETCH FIRST 5 ROWS ONLY', 'postgresql')).toBe('SELECT a FROM t ORDER BY a LIMIT 5');
    expect(rewritten('SELECT a FROM t OFFSET 2 ROWS\nFETCH NEXT ROW ONLY', 'postgresql')).toBe('SELECT a FROM t OFFSET 2 \nLIMIT 1');
    expect(rewritten('SELECT a FROM t FETCH FIRST 5 ROWS WITH TIES', 'postgresql')).toBe('SELECT a FROM t FETCH FIRST 5 ROWS WITH TIES');
    expect(rewritten('SELECT a FROM t ORDER BY a OFFSET 0 ROWS FETCH NEXT 5 ROWS ONLY', 'transactsql')).toBe('SELECT a FROM t ORDER BY a OFFSET 0 ROWS FETCH NEXT 5 ROWS ONLY');
  });

  it('NATURAL before a join becomes spaces, also in a subquery; a column named natural is kept', () => {
    expect(rewritten('SELECT natural FROM (SELECT * FROM a x NATURAL LEFT JOIN b) s', 'postgresql')).toBe('SELECT natural FROM (SELECT * FROM a x LEFT JOIN b) s');
  });

  it('AT TIME ZONE becomes a +, also chained, T-SQL @@ROWCOUNT a value; a column named at, a WITH TIME ZONE type and the parentheses of a CTAS over a UNION', () => {
    expect(rewritten("SELECT a AT TIME ZONE 'UTC' AT TIME ZONE b.tz FROM t", 'transactsql')).toBe("SELECT a + 'UTC' + b.tz FROM t");
    expect(rewritten('SELECT @@ROWCOUNT AS aff_rows', 'transactsql')).toBe('SELECT 0 AS aff_rows');
    expect(rewritten('SELECT at, CAST(x AS TIMESTAMP WITH TIME ZONE) FROM t', 'transactsql')).toBe('SELECT at, CAST(x AS INT ) FROM t');
    expect(rewritten('CREATE TABLE x AS (SELECT a FROM t UNION ALL SELECT b FROM u)', 'postgresql')).toBe('CREATE TABLE x AS SELECT a FROM t UNION ALL SELECT b FROM u');
    expect(rewritten('CREATE TABLE x AS (SELECT a FROM t) UNION ALL (SELECT b FROM u)', 'postgresql')).toBe('CREATE TABLE x AS (SELECT a FROM t) UNION ALL (SELECT b FROM u)');
  });
});
