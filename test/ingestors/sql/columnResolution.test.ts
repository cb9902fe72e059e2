import { describe, expect, it } from 'vitest';
import type { KnownTable } from '../../../ingestors/sql/knownSchemas.js';
import { parseStatement } from '../../../ingestors/sql/parseStatement.js';
import { queryReads } from '../../../ingestors/sql/readOnlyQuery.js';
import { statementLineage } from '../../../ingestors/sql/statementLineage.js';

function outputs(sql: string, known: Record<string, string[]> = {}): Record<string, string[]> {
  const parsed = parseStatement(sql, 'hive');
  if (!parsed.ok || parsed.statement.kind !== 'write') throw new Error('not a write statement');
  const lineage = statementLineage(parsed.statement, (t): KnownTable => (known[t] ? { fields: known[t]!.map((name) => ({ name })) } : {}));
  return Object.fromEntries(lineage.outputs.map((o) => [o.name, o.deps.map((d) => `${d.table}.${d.field}`).sort()]));
}

describe('unqualified columns with several tables in scope', () => {
  const sql = 'INSERT INTO dw.t SELECT amount, score FROM ods.txn JOIN ods.user_score ON txn.uid = user_score.uid';

  it('go to the one table whose known columns include them', () => {
    expect(outputs(sql, { 'ods.txn': ['uid', 'amount'], 'ods.user_score': ['uid', 'score'] })).toEqual({
      amount: ['ods.txn.amount'],
      score: ['ods.user_score.score'],
    });
  });

  it('go to every candidate when no table or several could hold them', () => {
    expect(outputs(sql)).toEqual({
      amount: ['ods.txn.amount', 'ods.user_score.amount'],
      score: ['ods.txn.score', 'ods.user_score.score'],
    });
    // One known table without the column leaves the unknown one as the only candidate.
    expect(outputs(sql, { 'ods.txn': ['uid', 'amount'] })).toEqual({ amount: ['ods.txn.amount'], score: ['ods.user_score.score'] });
  });

  it('fill a known target by position in a plain INSERT, and line up UNION branches', () => {
    const union = 'INSERT INTO dw.t SELECT a.uid AS x FROM ods.a a UNION ALL SELECT b.user_id FROM ods.b b';
    expect(outputs(union, { 'dw.t': ['user_id'] })).toEqual({ user_id: ['ods.a.uid', 'ods.b.user_id'] });
  });
});

describe('COUNT(*) counts the rows of the tables in scope', () => {
  // `ods.a.` is table ods.a as a whole (field ''), the way a `*` over unknown columns flows in.
  it('depends on the table as a whole, COUNT(1) alike; COUNT(x) on x only', () => {
    expect(outputs('INSERT INTO dw.t SELECT COUNT(*) AS n, COUNT(1) AS m, COUNT(x) AS k FROM ods.a')).toEqual({
      n: ['ods.a.'],
      m: ['ods.a.'],
      k: ['ods.a.x'],
    });
  });

  it('reaches through subqueries, joins and UNION branches to every table whose rows are counted', () => {
    expect(outputs('INSERT INTO dw.t SELECT COUNT(*) AS n FROM (SELECT a.id FROM ods.a a JOIN ods.b b ON a.id = b.id) s')).toEqual({ n: ['ods.a.', 'ods.b.'] });
    expect(outputs('INSERT INTO dw.t SELECT COUNT(*) AS n FROM (SELECT id FROM ods.a UNION ALL SELECT id FROM ods.c) u')).toEqual({ n: ['ods.a.', 'ods.c.'] });
    // A scalar subquery counts its own FROM, not the outer query's.
    expect(outputs('INSERT INTO dw.t SELECT id, (SELECT COUNT(*) FROM ods.c) AS total FROM ods.a')).toEqual({ id: ['ods.a.id'], total: ['ods.c.'] });
  });

  it('makes a read-only query declare no column for the table it counts', () => {
    const parsed = parseStatement('SELECT COUNT(*) FROM ods.a', 'hive');
    if (!parsed.ok || parsed.statement.kind !== 'read') throw new Error('not a read-only query');
    const reads = queryReads(parsed.statement.query, () => ({}));
    expect(reads.tablesRead).toEqual(['ods.a']);
    expect([...reads.fieldsUsed.get('ods.a')!]).toEqual([]);
  });
});

describe('UNNEST output columns', () => {
  function unnested(sql: string, database: string): Record<string, string[]> {
    const parsed = parseStatement(sql, database);
    if (!parsed.ok || parsed.statement.kind !== 'write') throw new Error(`not a write statement: ${parsed.ok ? parsed.statement.kind : parsed.message}`);
    const lineage = statementLineage(parsed.statement, (): KnownTable => ({}));
    return Object.fromEntries(lineage.outputs.map((o) => [o.name, o.deps.map((d) => `${d.table}.${d.field} ${d.subtype}`).sort()]));
  }

  it('are a transformation of the unnested column (BigQuery: the alias is the element)', () => {
    expect(unnested('INSERT INTO ds.o SELECT t.id, tag FROM ds.t AS t, UNNEST(t.tags) AS tag', 'bigquery')).toEqual({
      id: ['ds.t.id IDENTITY'],
      tag: ['ds.t.tags TRANSFORMATION'],
    });
    expect(unnested('INSERT INTO ds.o SELECT t.id, tag FROM ds.t AS t CROSS JOIN UNNEST(t.tags) AS tag', 'bigquery')).toEqual({
      id: ['ds.t.id IDENTITY'],
      tag: ['ds.t.tags TRANSFORMATION'],
    });
  });

  it('take the names of the column list (Trino, PostgreSQL), each from every unnested column', () => {
    for (const database of ['trino', 'postgresql']) {
      expect(unnested('INSERT INTO o SELECT d.id, x.tag, x.score FROM devices d CROSS JOIN UNNEST(d.tags, d.scores) AS x (tag, score)', database), database).toEqual({
        id: ['devices.id IDENTITY'],
        tag: ['devices.scores TRANSFORMATION', 'devices.tags TRANSFORMATION'],
        score: ['devices.scores TRANSFORMATION', 'devices.tags TRANSFORMATION'],
      });
    }
  });
});
