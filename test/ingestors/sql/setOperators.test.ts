import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setOperatorsAsUnion } from '../../../ingestors/sql/setOperators.js';
import { parseStatement } from '../../../ingestors/sql/parseStatement.js';

describe('set operators a grammar lacks, read as UNION', () => {
  it('reads INTERSECT / EXCEPT / MINUS in Snowflake and T-SQL, at the top level and in subqueries', () => {
    expect(setOperatorsAsUnion('SELECT a FROM s MINUS SELECT a FROM u', 'snowflake')).toBe('SELECT a FROM s UNION SELECT a FROM u');
    expect(setOperatorsAsUnion('SELECT * FROM (SELECT a FROM s INTERSECT SELECT a FROM u) q', 'transactsql')).toBe('SELECT * FROM (SELECT a FROM s UNION     SELECT a FROM u) q');
    const outcome = parseStatement('INSERT INTO t SELECT a FROM s EXCEPT SELECT a FROM u', 'snowflake');
    expect(outcome.ok && outcome.statement.kind === 'write' && outcome.statement.query.next !== undefined).toBe(true);
  });

  it('leaves dialects whose grammar has them, star exclusions, strings and names alone', () => {
    expect(setOperatorsAsUnion('SELECT a FROM s EXCEPT SELECT a FROM u', 'postgresql')).toBe('SELECT a FROM s EXCEPT SELECT a FROM u');
    expect(setOperatorsAsUnion('SELECT a FROM s EXCEPT SELECT a FROM u', 'bigquery')).toBe('SELECT a FROM s EXCEPT SELECT a FROM u');
    expect(setOperatorsAsUnion('SELECT * EXCEPT (b) FROM s', 'snowflake')).toBe('SELECT * EXCEPT (b) FROM s');
    expect(setOperatorsAsUnion("SELECT 'a INTERSECT SELECT' AS minus FROM s", 'snowflake')).toBe("SELECT 'a INTERSECT SELECT' AS minus FROM s");
  });

  it('keeps every character but the operator where it was', () => {
    const operator = fc.constantFrom('INTERSECT', 'EXCEPT', 'MINUS', 'intersect all', 'Except Distinct');
    fc.assert(
      fc.property(operator, fc.constantFrom(' ', '\n', '\n  '), (op, gap) => {
        const text = `SELECT a,${gap}b FROM s${gap}${op}${gap}SELECT a, b FROM u`;
        const out = setOperatorsAsUnion(text, 'snowflake');
        expect(out.length).toBe(text.length);
        const at = text.indexOf(op);
        const word = op.split(' ')[0]!;
        expect(out.slice(0, at)).toBe(text.slice(0, at));
        expect(out.slice(at, at + word.length).trimEnd()).toBe('UNION');
        expect(out.slice(at + word.length)).toBe(text.slice(at + word.length));
      }),
    );
  });
});
