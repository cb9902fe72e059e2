import { describe, expect, it } from 'vitest';
import type { KnownTable } from '../../../ingestors/sql/knownSchemas.js';
import { parseStatement } from '../../../ingestors/sql/parseStatement.js';
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
