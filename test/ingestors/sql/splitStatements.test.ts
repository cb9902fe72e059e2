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
});
