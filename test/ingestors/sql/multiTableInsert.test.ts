import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../../ingestors/sql/parseStatement.js';

describe('multi-table INSERT (multiTableInsert.ts)', () => {
  it('is one statement writing each INTO target, WHEN conditions (and, for INSERT FIRST, the earlier ones) as its filters', () => {
    const parsed = parseStatement('INSERT FIRST WHEN a > 1 THEN INTO t1 WHEN b > 2 THEN INTO t2 (x) VALUES (a + b) ELSE INTO t3 SELECT a, b FROM s', 'postgresql');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok || parsed.statement.kind !== 'multiInsert') throw new Error('expected a multi-insert');
    const writes = parsed.statement.writes;
    expect(writes.map((w) => [w.target, w.columns])).toEqual([['t1', []], ['t2', ['x']], ['t3', []]]);
    const filters = writes.map((w) => (w.query.where?.kind === 'other' ? w.query.where.children.length : 0));
    expect(filters).toEqual([1, 2, 2]);
    expect([...parsed.tables].sort()).toEqual(['s', 't1', 't2', 't3']);
  });

  it('reports an error inside a VALUES list at the script line, not the statement start', () => {
    const parsed = parseStatement('INSERT ALL\n  INTO t1 (x) VALUES (a + )\n  INTO t2\nSELECT a FROM s', 'postgresql');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.line).toBe(2);
    expect(parsed.column).toBeGreaterThanOrEqual('  INTO t1 (x) VALUES (a +'.length);
  });

  it('leaves a statement it cannot follow to the grammar (refused as before)', () => {
    expect(parseStatement('INSERT ALL INTO t1 PARTITION (p) SELECT a FROM s', 'postgresql').ok).toBe(false);
  });
});
