import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blankLocking } from '../../../ingestors/sql/teradataLocking.js';

const blanked = (sql: string): string => blankLocking(sql).replace(/\s+/g, ' ').trim();

describe('Teradata LOCKING modifiers (teradataLocking.ts)', () => {
  it('blanks the modifier before a statement or a view query, in each of its forms', () => {
    expect(blanked('LOCKING ROW FOR ACCESS SELECT a FROM t')).toBe('SELECT a FROM t');
    expect(blanked('LOCK ROW ACCESS SEL a FROM t')).toBe('SEL a FROM t');
    expect(blanked('LOCKING TABLE db.t FOR ACCESS INSERT INTO m SELECT a FROM db.t')).toBe('INSERT INTO m SELECT a FROM db.t');
    expect(blanked('LOCKING db.t FOR ACCESS MODE SELECT a FROM db.t')).toBe('SELECT a FROM db.t');
    expect(blanked('LOCKING DATABASE db FOR READ OVERRIDE LOCKING VIEW v."x" IN LOAD COMMITTED NOWAIT SELECT 1')).toBe('SELECT 1');
    expect(blanked('LOCKING TABLE t FOR WRITE UPDATE t SET a = 1')).toBe('UPDATE t SET a = 1');
    expect(blanked('CREATE VIEW v AS LOCKING ROW FOR ACCESS SELECT a FROM t')).toBe('CREATE VIEW v AS SELECT a FROM t');
    expect(blanked('REPLACE VIEW v AS LOCK TABLE t FOR ACCESS LOCK ROW FOR ACCESS SELECT a FROM t')).toBe('REPLACE VIEW v AS SELECT a FROM t');
  });

  it('leaves names and what is not a modifier alone', () => {
    for (const sql of ['SELECT lock, locking FROM t', 'SELECT a FROM t AS locking', 'LOCKING ROW FOR SELECT a FROM t', 'LOCK TABLE t IN ACCESS', 'INSERT INTO m SELECT a FROM t']) {
      expect(blankLocking(sql)).toBe(sql);
    }
  });

  it('keeps every character of the statement where it was, so errors stay at their line and column', () => {
    const piece = fc.constantFrom('LOCKING ROW FOR ACCESS', 'LOCK ROW ACCESS', 'LOCKING TABLE db.t FOR ACCESS', 'LOCKING t FOR READ NOWAIT', '\n', ' ', 'SELECT a', 'FROM t', 'locking', 'CREATE VIEW v AS', "'LOCK'");
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (pieces) => {
        const sql = pieces.join(' ');
        const out = blankLocking(sql);
        expect(out.length).toBe(sql.length);
        for (let i = 0; i < sql.length; i++) if (out[i] !== sql[i]) expect(out[i]).toBe(' ');
        expect(out.split('\n').length).toBe(sql.split('\n').length);
      }),
      { numRuns: 300 },
    );
  });
});
