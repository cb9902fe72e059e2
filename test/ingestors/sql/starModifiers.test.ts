import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KnownTable } from '../../../ingestors/sql/knownSchemas.js';
import { parseStatement } from '../../../ingestors/sql/parseStatement.js';
import { mergeStarModifiers } from '../../../ingestors/sql/starModifiers.js';
import { statementLineage } from '../../../ingestors/sql/statementLineage.js';

const COLUMNS = ['a', 'b', 'c', 'd', 'e'];
const blank = fc.constantFrom(' ', '  ', '\n', ' \n  ');

describe('star EXCEPT / EXCLUDE with REPLACE', () => {
  it('keeps every character in place and reads: listed columns left out, replaced ones from their expression, the rest as they are', () => {
    fc.assert(
      fc.property(
        fc.subarray(COLUMNS, { minLength: 1, maxLength: 2 }),
        fc.subarray(COLUMNS, { minLength: 1, maxLength: 2 }),
        fc.constantFrom(['bigquery', 'EXCEPT'], ['snowflake', 'EXCLUDE']),
        blank,
        blank,
        (left, replacedAll, [dialect, keyword], s1, s2) => {
          const replaced = replacedAll.filter((c) => !left.includes(c));
          fc.pre(replaced.length > 0);
          // Each replaced column becomes `e + <column>`: it reads e and itself.
          const list = replaced.map((c) => `e + ${c} AS ${c}`).join(', ');
          const sql = `INSERT INTO dw.o\nSELECT *${s1}${keyword} (${left.join(', ')})${s2}REPLACE (${list}) FROM ods.t`;
          const merged = mergeStarModifiers(sql);
          expect(merged.length).toBe(sql.length);
          expect([...merged].map((ch, i) => (ch === '\n') === (sql[i] === '\n'))).not.toContain(false);
          const parsed = parseStatement(sql, dialect!);
          if (!parsed.ok || parsed.statement.kind !== 'write') throw new Error(parsed.ok ? parsed.statement.kind : parsed.message);
          const known = (t: string): KnownTable => (t === 'ods.t' ? { fields: COLUMNS.map((name) => ({ name })) } : {});
          const outputs = Object.fromEntries(statementLineage(parsed.statement, known).outputs.map((o) => [o.name, o.deps.map((d) => d.field).sort()]));
          const expected = Object.fromEntries(
            COLUMNS.filter((c) => !left.includes(c)).map((c) => [c, replaced.includes(c) ? [...new Set(['e', c])].sort() : [c]]),
          );
          expect(outputs).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('leaves a statement without both lists as it is', () => {
    for (const sql of ['SELECT * EXCEPT (a) FROM t', 'SELECT * REPLACE (a + 1 AS a) FROM t', "SELECT replace(x, 'a', 'b') FROM t"]) {
      expect(mergeStarModifiers(sql)).toBe(sql);
    }
  });
});
