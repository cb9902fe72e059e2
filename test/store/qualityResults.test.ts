import { beforeEach, expect, it } from 'vitest';
import { nodeId } from '../../graph-model/ids.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { InvalidQualityResultError, type QualityResultInput } from '../../graph-model/store/operations/recordQualityResults.js';
import { describeEachEngine, useStore } from '../support/engines.js';

const orders = nodeId('ASSET', 'postgres://wh:5432', 'shop.analytics.orders');
const customers = nodeId('ASSET', 'postgres://wh:5432', 'shop.analytics.customers');

const result = (check: string, observedAt: string, outcome: QualityResultInput['outcome'], extra: Partial<QualityResultInput> = {}): QualityResultInput => ({
  nodeId: orders,
  field: 'order_id',
  check,
  observedAt,
  outcome,
  ...extra,
});

describeEachEngine('quality results store', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(() => {
    store = shared.store();
  });

  it('keeps every result with its values, newest first, filtered by field, check and window', async () => {
    expect(
      await store.recordQualityResults('quality:a.csv', [
        result('not_null', '2026-11-01T10:00:00Z', 'pass', { observed: 0, expected: 0 }),
        result('not_null', '2026-11-01T11:00:00+01:00', 'fail', { observed: 3, expected: 0, message: 'Got 3 results, configured to fail if != 0', runId: 'r1' }),
        result('row_count', '2026-11-01T12:00:00Z', 'measured', { field: '', observed: 1200 }),
        result('not_null', '2026-11-01T10:30:00Z', 'warn', { nodeId: customers, field: 'email', observed: { rows: [1, 2] } }),
      ]),
    ).toEqual({ version: 0, inserted: 3, updated: 0, unchanged: 0 });

    const history = await store.qualityResults(orders);
    // 11:00+01:00 is 10:00Z: the same check at the same instant, so the later of the two in the call is kept.
    expect(history.map((r) => [r.observedAt, r.field, r.check, r.outcome, r.observed])).toEqual([
      ['2026-11-01T12:00:00.000Z', '', 'row_count', 'measured', 1200],
      ['2026-11-01T10:00:00.000Z', 'order_id', 'not_null', 'fail', 3],
    ]);
    expect(history[1]).toEqual({
      nodeId: orders,
      field: 'order_id',
      check: 'not_null',
      source: 'quality:a.csv',
      observedAt: '2026-11-01T10:00:00.000Z',
      outcome: 'fail',
      observed: 3,
      expected: 0,
      message: 'Got 3 results, configured to fail if != 0',
      runId: 'r1',
      recordedVersion: 0,
    });
    expect((await store.qualityResults(customers))[0]!.observed).toEqual({ rows: [1, 2] });
    expect((await store.qualityResults(orders, { field: '' })).map((r) => r.check)).toEqual(['row_count']);
    expect((await store.qualityResults(orders, { check: 'not_null' })).map((r) => r.outcome)).toEqual(['fail']);
    expect((await store.qualityResults(orders, { from: '2026-11-01T11:00:00Z' })).map((r) => r.check)).toEqual(['row_count']);
    expect((await store.qualityResults(orders, { to: '2026-11-01T11:00:00Z' })).map((r) => r.check)).toEqual(['not_null']);
    expect((await store.qualityResults(orders, { limit: 1 })).map((r) => r.check)).toEqual(['row_count']);
  });

  it('is idempotent on re-recording and lets a corrected result win; no graph version is created', async () => {
    const batch = [result('not_null', '2026-11-01T10:00:00Z', 'fail', { observed: 3 }), result('unique', '2026-11-01T10:00:00Z', 'pass')];
    await store.recordQualityResults('dbt:shop', batch);
    expect(await store.recordQualityResults('dbt:shop', batch)).toEqual({ version: 0, inserted: 0, updated: 0, unchanged: 2 });
    await store.apply({ source: 'test', mode: 'full', assets: [{ namespace: 'postgres://wh:5432', name: 'shop.analytics.orders', kind: 'TABLE' }] });
    expect(await store.recordQualityResults('dbt:shop', [result('not_null', '2026-11-01T10:00:00Z', 'pass', { observed: 0 })])).toEqual({
      version: 1,
      inserted: 0,
      updated: 1,
      unchanged: 0,
    });
    // The same check reported by another source is kept beside it.
    await store.recordQualityResults('openlineage', [result('not_null', '2026-11-01T10:00:00Z', 'fail')]);
    const rows = await store.qualityResults(orders, { check: 'not_null' });
    expect(rows.map((r) => [r.source, r.outcome, r.recordedVersion])).toEqual([
      ['dbt:shop', 'pass', 1],
      ['openlineage', 'fail', 1],
    ]);
    expect(await store.currentVersion()).toBe(1);
  });

  it('answers the latest result of each check at a time, across sources, the last recorded winning a tie', async () => {
    await store.recordQualityResults('dbt:shop', [
      result('not_null', '2026-11-01T10:00:00Z', 'fail'),
      result('not_null', '2026-11-02T10:00:00Z', 'pass'),
      result('unique', '2026-11-01T10:00:00Z', 'pass'),
      result('unique', '2026-11-01T10:00:00Z', 'warn', { nodeId: customers }),
    ]);
    await store.recordQualityResults('openlineage', [result('unique', '2026-11-01T10:00:00Z', 'fail')]);
    const latest = async (at: string, ids: string[] | null = null) =>
      (await store.latestQualityResults(at, ids)).map((r) => [r.nodeId === orders ? 'orders' : 'customers', r.check, r.outcome, r.observedAt.slice(0, 10)]);
    expect(await latest('2026-11-03T00:00:00Z')).toEqual(
      [
        ['customers', 'unique', 'warn', '2026-11-01'],
        ['orders', 'not_null', 'pass', '2026-11-02'],
        ['orders', 'unique', 'fail', '2026-11-01'],
      ].sort((a, b) => (nodeId('ASSET', 'postgres://wh:5432', `shop.analytics.${a[0]}`) < nodeId('ASSET', 'postgres://wh:5432', `shop.analytics.${b[0]}`) ? -1 : 1)),
    );
    // Before the pass of 2 November, the failure of the 1st is the latest.
    expect(await latest('2026-11-01T12:00:00Z', [orders])).toEqual([
      ['orders', 'not_null', 'fail', '2026-11-01'],
      ['orders', 'unique', 'fail', '2026-11-01'],
    ]);
    expect(await latest('2026-10-01T00:00:00Z')).toEqual([]);
  });

  it('says which nodes had results recorded at or after a graph version', async () => {
    await store.recordQualityResults('s', [result('a', '2026-11-01T10:00:00Z', 'pass')]);
    await store.apply({ source: 'test', mode: 'full', assets: [{ namespace: 'postgres://wh:5432', name: 'shop.analytics.orders', kind: 'TABLE' }] });
    expect(await store.qualityTouched(1)).toEqual([]);
    await store.recordQualityResults('s', [result('a', '2026-11-01T10:00:00Z', 'pass', { nodeId: customers })]);
    expect(await store.qualityTouched(1)).toEqual([customers]);
    expect(await store.qualityTouched(0)).toEqual([orders, customers].sort());
    // Recording the same again touches nothing.
    await store.recordQualityResults('s', [result('a', '2026-11-01T10:00:00Z', 'pass')]);
    expect(await store.qualityTouched(1)).toEqual([customers]);
  });

  it('refuses a whole batch with a bad result: unknown outcomes, times without offset, non-finite values', async () => {
    await expect(store.recordQualityResults('s', [result('a', '2026-11-01T10:00:00Z', 'pass'), result('b', '2026-11-01T10:00:00Z', 'ok' as 'pass')])).rejects.toThrow(
      InvalidQualityResultError,
    );
    await expect(store.recordQualityResults('s', [result('a', '2026-11-01T10:00:00', 'pass')])).rejects.toThrow(/observedAt/);
    await expect(store.recordQualityResults('s', [result('a', '2026-11-01T10:00:00Z', 'pass', { observed: Number.POSITIVE_INFINITY })])).rejects.toThrow(/finite/);
    await expect(store.recordQualityResults('s', [result('a', '2026-11-01T10:00:00Z', 'pass', { message: 'a\u0000b' })])).rejects.toThrow(/message/);
    expect(await store.qualityResults(orders)).toEqual([]);
  });
});
