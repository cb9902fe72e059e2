import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../../ingestors/sql/parseStatement.js';

describe('CREATE TABLE forms the grammars refuse (tableDefinitions.ts)', () => {
  it('declares the columns of a table with dialect types, each with its type as written; constraints are not columns', () => {
    const outcome = parseStatement('CREATE TABLE IF NOT EXISTS ods.t (a STRING, `b` NUMBER(18, 6) NOT NULL DEFAULT 0, PRIMARY KEY (a))', 'postgresql');
    expect(outcome.ok && outcome.statement).toEqual({ kind: 'ddl', target: 'ods.t', fields: [{ name: 'a', type: 'string' }, { name: 'b', type: 'number' }] });
  });

  it('leaves the grammar\'s error standing when an item is neither a typed column nor a constraint', () => {
    for (const text of ['CREATE TABLE t (a STRING,, b STRING)', 'CREATE TABLE t (a, b STRING)', 'CREATE TABLE t (a STRING) AS SELECT 1 FROM']) {
      const outcome = parseStatement(text, 'postgresql');
      expect(outcome.ok, text).toBe(false);
      expect(!outcome.ok && outcome.column, text).toBeGreaterThan(1);
    }
  });

  it('reads CREATE TABLE t LIKE s and (LIKE s) as t made from s: s read, nothing selected', () => {
    for (const [text, dialect] of [['CREATE TABLE t LIKE s.src', 'snowflake'], ['CREATE TABLE t (LIKE s.src INCLUDING ALL)', 'postgresql'], ['CREATE TABLE t LIKE s.src', 'mysql']] as const) {
      const outcome = parseStatement(text, dialect);
      expect(outcome.ok && outcome.statement.kind === 'write' && [outcome.statement.target, outcome.statement.query.from, outcome.statement.query.items], text).toEqual([
        't',
        [{ kind: 'table', name: 's.src', using: [] }],
        [],
      ]);
    }
  });
});
