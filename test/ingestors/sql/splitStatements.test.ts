import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../../ingestors/sql/splitStatements.js';

describe('splitStatements', () => {
  it('splits on semicolons outside strings, quoted names and comments, with start line and column', () => {
    const script = [
      '-- header; not a statement',
      "SET a = 'x;y';",
      '  /* block; comment */ INSERT INTO t',
      "SELECT `odd;name`, \"q;\", 'it''s; fine' -- trailing; comment",
      'FROM s;',
      '',
      'SELECT 1',
    ].join('\n');
    expect(splitStatements(script)).toEqual([
      { text: "SET a = 'x;y'", line: 2, column: 1 },
      { text: "INSERT INTO t\nSELECT `odd;name`, \"q;\", 'it''s; fine' -- trailing; comment\nFROM s", line: 3, column: 24 },
      { text: 'SELECT 1', line: 7, column: 1 },
    ]);
  });

  it('ends a statement at a line holding only `/` (SQL*Plus, after an Oracle PL/SQL block), not at a division', () => {
    const script = 'BEGIN\n  INSERT INTO t SELECT a / 2 FROM s;\nEND;\n/\nINSERT INTO u SELECT b\n  / 3 FROM s\n/\nSELECT 1';
    expect(splitStatements(script).map((s) => [s.text, s.line])).toEqual([
      ['BEGIN\n  INSERT INTO t SELECT a / 2 FROM s', 1],
      ['END', 3],
      ['INSERT INTO u SELECT b\n  / 3 FROM s', 5],
      ['SELECT 1', 8],
    ]);
  });

  it('keeps dollar-quoted bodies whole and drops empty statements', () => {
    const script = 'CREATE FUNCTION f() AS $body$ SELECT 1; $body$;;\n;\nSELECT 2;';
    expect(splitStatements(script).map((s) => [s.text, s.line])).toEqual([
      ['CREATE FUNCTION f() AS $body$ SELECT 1; $body$', 1],
      ['SELECT 2', 3],
    ]);
  });

  it('ends a statement at a T-SQL `GO` line, which is not itself a statement; `go` inside a line is kept', () => {
    const script = ['DECLARE @d DATE = GETDATE()', 'GO', "SELECT 'go' AS go FROM t", '  go 2', 'SELECT 3'].join('\n');
    expect(splitStatements(script).map((s) => [s.text, s.line])).toEqual([
      ['DECLARE @d DATE = GETDATE()', 1],
      ["SELECT 'go' AS go FROM t", 3],
      ['SELECT 3', 5],
    ]);
  });

  it('with `tsql`, ends a statement without `;` where a line starts the next one, not where the line continues it', () => {
    const script = [
      'insert into ods.a select * from foo',
      'INSERT INTO ods.b (id)',
      'SELECT id FROM bar',
      'UNION ALL',
      'SELECT id FROM baz',
      'UPDATE ods.b',
      'SET id = 0',
      'DECLARE @n INT',
      'SET @n = (SELECT COUNT(*)',
      '  FROM ods.b)',
      'MERGE INTO ods.c USING ods.b s ON ods.c.id = s.id',
      'WHEN MATCHED THEN',
      'UPDATE SET flag = 1',
      "IF @n > 0",
      'DELETE FROM ods.a',
    ].join('\n');
    expect(splitStatements(script, { tsql: true }).map((s) => s.line)).toEqual([1, 2, 6, 8, 9, 11, 14]);
    // Other dialects keep a script without `;` one statement, as before.
    expect(splitStatements(script)).toHaveLength(1);
  });

  it('with `tsql`, a script of statements on their own lines splits without `;` as it does with them', () => {
    const table = fc.constantFrom('dbo.a', 'b', '[dbo].[c]', '#tmp');
    const statement = fc.oneof(
      fc.tuple(table, table).map(([t, s]) => `INSERT INTO ${t} (id)\nSELECT id\nFROM ${s}\nWHERE id IN (SELECT id\nFROM ${t})`),
      fc.tuple(table, table).map(([t, s]) => `UPDATE ${t}\nSET v = 1\nFROM ${s}`),
      table.map((t) => `DELETE FROM ${t}\nWHERE id > 0`),
      table.map((t) => `SELECT id\nFROM ${t}\nUNION ALL\nSELECT id FROM ${t}`),
      fc.constant('DECLARE @n INT'),
      fc.constant('SET @n = 2'),
      fc.tuple(table, table).map(([t, s]) => `MERGE INTO ${t} USING ${s} ON 1 = 1\nWHEN MATCHED THEN\nUPDATE SET v = 1\nWHEN NOT MATCHED THEN\nINSERT (v) VALUES (1)`),
    );
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 6 }), (statements) => {
        const texts = (script: string, tsql: boolean) => splitStatements(script, { tsql }).map((s) => s.text);
        expect(texts(statements.join('\n'), true)).toEqual(texts(statements.join(';\n'), false));
      }),
    );
  });
});
