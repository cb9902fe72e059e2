import { beforeEach, expect, it } from 'vitest';
import { nodeId } from '../../graph-model/ids.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { InvalidMetricQueryError } from '../../graph-model/store/operations/readMetrics.js';
import { InvalidMetricPointError, type MetricPoint } from '../../graph-model/store/operations/recordMetrics.js';
import { describeEachEngine, useStore } from '../support/engines.js';

const rule = nodeId('ASSET', 'risk-engine', 'rules.velocity');
const other = nodeId('ASSET', 'risk-engine', 'rules.blacklist');

const day = (date: string, value: number, metric = 'rule.evaluations', nodeIdValue = rule): MetricPoint => ({
  nodeId: nodeIdValue,
  metric,
  granularity: 'day',
  bucketStart: `${date}T00:00:00Z`,
  value,
});

describeEachEngine('metrics store', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(() => {
    store = shared.store();
  });

  it('reads a node\'s metrics in a half-open time range, ordered, optionally of one metric', async () => {
    const result = await store.recordMetrics('metrics:a.csv', [
      day('2026-11-01', 100),
      day('2026-11-02', 200),
      day('2026-11-03', 300),
      day('2026-11-02', 4, 'rule.hits'),
      { nodeId: rule, field: 'amount', metric: 'rule.evaluations', granularity: 'day', bucketStart: new Date('2026-11-02T00:00:00Z'), value: 7 },
      { nodeId: rule, metric: 'rule.evaluations', granularity: 'hour', bucketStart: '2026-11-02T13:00:00Z', value: 9 },
      day('2026-11-02', 999, 'rule.evaluations', other),
    ]);
    expect(result).toEqual({ version: 0, inserted: 7, updated: 0, unchanged: 0 });

    const window = { from: '2026-11-02', to: '2026-11-03T00:00:00Z' };
    const all = await store.metrics(rule, window);
    expect(all.map((m) => [m.metric, m.field, m.granularity, m.bucketStart, m.value])).toEqual([
      ['rule.evaluations', '', 'day', '2026-11-02T00:00:00.000Z', 200],
      ['rule.evaluations', '', 'hour', '2026-11-02T13:00:00.000Z', 9],
      ['rule.evaluations', 'amount', 'day', '2026-11-02T00:00:00.000Z', 7],
      ['rule.hits', '', 'day', '2026-11-02T00:00:00.000Z', 4],
    ]);
    expect(all[0]).toEqual({
      nodeId: rule,
      field: '',
      metric: 'rule.evaluations',
      granularity: 'day',
      bucketStart: '2026-11-02T00:00:00.000Z',
      value: 200,
      source: 'metrics:a.csv',
      recordedVersion: 0,
    });
    const evaluations = await store.metrics(rule, { ...window, metric: 'rule.evaluations', granularity: 'day', field: '' });
    expect(evaluations.map((m) => m.value)).toEqual([200]);
    expect(await store.metrics(rule, { from: '2026-10-01', to: '2026-11-01' })).toEqual([]);
  });

  it('sums one metric per node over a window, of day buckets of the node itself, across sources', async () => {
    await store.recordMetrics('metrics:a.csv', [
      day('2026-10-31', 1_000),
      day('2026-11-01', 100),
      day('2026-11-02', 200),
      day('2026-11-03', 300),
      day('2026-11-01', 50, 'rule.evaluations', other),
      day('2026-11-01', 5, 'rule.hits'),
      { nodeId: rule, metric: 'rule.evaluations', granularity: 'hour', bucketStart: '2026-11-01T10:00:00Z', value: 7 },
      { nodeId: rule, field: 'amount', metric: 'rule.evaluations', granularity: 'day', bucketStart: '2026-11-01T00:00:00Z', value: 11 },
    ]);
    await store.recordMetrics('metrics:b.csv', [day('2026-11-02', 20)]);

    const totals = await store.metricTotals({ metric: 'rule.evaluations', from: '2026-11-01', to: '2026-11-03' });
    expect(totals).toEqual(new Map([[rule, 320], [other, 50]]));
    expect(await store.metricTotals({ metric: 'rule.evaluations', granularity: 'hour', from: '2026-11-01', to: '2026-11-03' })).toEqual(new Map([[rule, 7]]));
    expect(await store.metricTotals({ metric: 'rule.evaluations', field: 'amount', from: '2026-11-01', to: '2026-11-03' })).toEqual(new Map([[rule, 11]]));
    expect(await store.metricTotals({ metric: 'cost.compute', from: '2026-11-01', to: '2026-11-03' })).toEqual(new Map());
  });

  it('upserts: the same values change nothing, a changed value replaces the old one, other sources keep theirs', async () => {
    const points = [day('2026-11-01', 100), day('2026-11-02', 200)];
    await store.recordMetrics('metrics:a.csv', points);
    await store.recordMetrics('metrics:b.csv', [day('2026-11-01', 1)]);
    expect(await store.recordMetrics('metrics:a.csv', points)).toEqual({ version: 0, inserted: 0, updated: 0, unchanged: 2 });

    await store.apply({ source: 'test', mode: 'full', assets: [{ namespace: 'risk-engine', name: 'rules.velocity', kind: 'RULE' }] });
    expect(await store.recordMetrics('metrics:a.csv', [day('2026-11-01', 150), day('2026-11-03', 300)])).toEqual({
      version: 1,
      inserted: 1,
      updated: 1,
      unchanged: 0,
    });
    const stored = await store.metrics(rule, { from: '2026-11-01', to: '2026-12-01' });
    expect(stored.map((m) => [m.source, m.bucketStart.slice(0, 10), m.value, m.recordedVersion])).toEqual([
      ['metrics:a.csv', '2026-11-01', 150, 1],
      ['metrics:b.csv', '2026-11-01', 1, 0],
      ['metrics:a.csv', '2026-11-02', 200, 0],
      ['metrics:a.csv', '2026-11-03', 300, 1],
    ]);
    // Recording metrics never creates a graph version.
    expect(await store.currentVersion()).toBe(1);
  });

  it('keeps the later of two points for one bucket in one call', async () => {
    expect(await store.recordMetrics('s', [day('2026-11-01', 1), day('2026-11-01', 2)])).toMatchObject({ inserted: 1 });
    expect((await store.metrics(rule, { from: '2026-11-01', to: '2026-11-02' })).map((m) => m.value)).toEqual([2]);
  });

  it('refuses misaligned buckets, non-finite values, unknown granularities and bad windows', async () => {
    await expect(store.recordMetrics('s', [{ ...day('2026-11-01', 1), bucketStart: '2026-11-01T05:00:00Z' }])).rejects.toThrow(InvalidMetricPointError);
    await expect(store.recordMetrics('s', [day('2026-11-01', Number.NaN)])).rejects.toThrow(/finite/);
    await expect(store.recordMetrics('s', [{ ...day('2026-11-01', 1), granularity: 'week' as 'day' }])).rejects.toThrow(/hour or day/);
    await expect(store.metrics(rule, { from: 'soon', to: '2026-11-02' })).rejects.toThrow(InvalidMetricQueryError);
    expect(await store.metrics(rule, { from: '2026-01-01', to: '2027-01-01' })).toEqual([]);
  });
});
