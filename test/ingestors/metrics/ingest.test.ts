import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import type { RecordMetricsResult } from '../../../graph-model/store/operations/recordMetrics.js';
import { metricsIngestor } from '../../../ingestors/metrics/index.js';
import { runIngestor } from '../../../ingestors/runIngestor.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { ids, metricsGraph } from './metricsGraph.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/metrics/', import.meta.url));
const NOVEMBER = { from: '2026-11-01', to: '2026-12-01' };

const tagsOf = async (store: GraphStore, id: string, asOf?: number) =>
  (await store.tags(id, asOf)).map((t) => `${t.field ? `${t.field}:` : ''}${t.key}=${t.value}`).sort();

describeEachEngine('metrics ingestor', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  let dir: string;
  let recorded: RecordMetricsResult[];
  const ingest = (path: string) => runIngestor(store, metricsIngestor({ onMetricsRecorded: (r) => recorded.push(r) }), path);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dctx-metrics-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    store = shared.store();
    recorded = [];
    await store.apply(metricsGraph);
  });

  it('ingests the CSV fixture: daily traffic, lookups and cost as metrics, tags as one full changeset', async () => {
    const progress: [number, number][] = [];
    const report = await runIngestor(store, metricsIngestor(), join(FIXTURES, 'platform_daily.csv'), { progress: (d, t) => progress.push([d, t]) });
    expect(report.errors).toEqual([]);
    expect(report.source).toBe('metrics:platform_daily.csv');
    expect(report.versions).toEqual([2]);
    expect(progress.at(-1)).toEqual([18, 18]);

    const evaluations = await store.metrics(ids.rule, { ...NOVEMBER, metric: 'rule.evaluations' });
    expect(evaluations.map((m) => [m.bucketStart, m.value, m.granularity, m.source, m.recordedVersion])).toEqual([
      ['2026-11-01T00:00:00.000Z', 1_200_000, 'day', 'metrics:platform_daily.csv', 1],
      ['2026-11-02T00:00:00.000Z', 1_350_000, 'day', 'metrics:platform_daily.csv', 1],
      ['2026-11-03T00:00:00.000Z', 1_100_000, 'day', 'metrics:platform_daily.csv', 1],
    ]);
    expect((await store.metrics(ids.rule, { ...NOVEMBER, metric: 'rule.hits' })).map((m) => m.value)).toEqual([3120, 2870, 3015]);
    const lookups = await store.metrics(ids.userFeatures, { ...NOVEMBER, metric: 'feature.lookups' });
    expect(lookups.map((m) => [m.field, m.bucketStart.slice(0, 10), m.value])).toEqual([
      ['', '2026-11-01', 980_000],
      ['', '2026-11-02', 1_010_000],
      ['txn_count_7d', '2026-11-01', 640_000],
    ]);
    expect((await store.metrics(ids.userFeatures, { ...NOVEMBER, metric: 'freshness.lag_seconds' })).map((m) => [m.granularity, m.bucketStart, m.value])).toEqual([
      ['hour', '2026-11-01T06:00:00.000Z', 540],
    ]);
    expect(await store.metricTotals({ metric: 'cost.compute', ...NOVEMBER })).toEqual(new Map([[ids.pipeline, 82.75]]));
    expect(await store.metricTotals({ metric: 'cost.storage', ...NOVEMBER })).toEqual(new Map([[ids.orders, 6.45]]));
    // Totals over a window: only the buckets starting in [Nov 2, Nov 3).
    expect(await store.metricTotals({ metric: 'rule.evaluations', from: '2026-11-02', to: '2026-11-03' })).toEqual(new Map([[ids.rule, 1_350_000]]));

    expect(await tagsOf(store, ids.orders)).toEqual(['sensitivity=L3', 'user_phone:pii=phone']);
    expect(await tagsOf(store, ids.rule)).toEqual(['owner=team-risk', 'purpose=anti-fraud, chargeback']);
  });

  it('ingests the JSON-lines fixture: separate target columns, numeric strings, hour buckets, field tags', async () => {
    const report = await ingest(join(FIXTURES, 'feature_traffic.jsonl'));
    expect(report.errors).toEqual([]);
    expect(recorded).toEqual([{ version: 1, inserted: 4, updated: 0, unchanged: 0 }]);
    expect((await store.metrics(ids.userFeatures, NOVEMBER)).map((m) => [m.field, m.bucketStart.slice(0, 10), m.value])).toEqual([
      ['', '2026-11-03', 1_025_000],
      ['txn_count_7d', '2026-11-02', 655_000],
    ]);
    expect((await store.metrics(ids.decisionApi, { ...NOVEMBER, metric: 'service.qps', granularity: 'hour' })).map((m) => [m.bucketStart, m.value])).toEqual([
      ['2026-11-01T09:00:00.000Z', 850.5],
      ['2026-11-01T10:00:00.000Z', 910],
    ]);
    expect(await tagsOf(store, ids.userFeatures)).toEqual(['user_id:pii=user_id']);
    expect(await tagsOf(store, ids.decisionApi)).toEqual(['owner=team-decision']);
  });

  it('re-ingests the same file idempotently: same values, no duplicates, no new graph version', async () => {
    const file = join(FIXTURES, 'platform_daily.csv');
    await ingest(file);
    const version = await store.currentVersion();
    const before = await store.metrics(ids.rule, NOVEMBER);

    const again = await ingest(file);
    expect(again.errors).toEqual([]);
    expect(again.versions).toEqual([]);
    expect(await store.currentVersion()).toBe(version);
    expect(recorded[1]).toEqual({ version, inserted: 0, updated: 0, unchanged: 14 });
    expect(await store.metrics(ids.rule, NOVEMBER)).toEqual(before);
    expect(await store.metricTotals({ metric: 'rule.evaluations', ...NOVEMBER })).toEqual(new Map([[ids.rule, 3_650_000]]));
  });

  it('re-ingests with a changed value: the latest value for the bucket wins', async () => {
    const file = join(dir, 'changed.csv');
    await copyFile(join(FIXTURES, 'platform_daily.csv'), file);
    await ingest(file);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('2026-11-02,,1350000,', '2026-11-02,,1400000,'));
    const report = await ingest(file);
    expect(report.errors).toEqual([]);
    expect(report.versions).toEqual([]);
    expect(recorded[1]).toMatchObject({ inserted: 0, updated: 1, unchanged: 13 });
    const values = (await store.metrics(ids.rule, { ...NOVEMBER, metric: 'rule.evaluations' })).map((m) => m.value);
    expect(values).toEqual([1_200_000, 1_400_000, 1_100_000]);
  });

  it('retracts a tag whose line was removed at the new version, and keeps it at the older asOf', async () => {
    const file = join(dir, 'tags.csv');
    await copyFile(join(FIXTURES, 'platform_daily.csv'), file);
    await ingest(file);
    const tagged = await store.currentVersion();
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.split('\n').filter((line) => !line.includes(',phone,pii')).join('\n'));

    const report = await ingest(file);
    expect(report.errors).toEqual([]);
    expect(report.versions).toEqual([tagged + 1]);
    expect(report.results[0]!.stats.tagsRemoved).toBe(1);
    expect(await tagsOf(store, ids.orders)).toEqual(['sensitivity=L3']);
    expect(await tagsOf(store, ids.orders, tagged)).toEqual(['sensitivity=L3', 'user_phone:pii=phone']);
    // The metrics of the file are untouched by the tag sync.
    expect(await store.metrics(ids.orders, NOVEMBER)).toHaveLength(2);
  });

  it('reports bad rows with file:line and records the good ones', async () => {
    const file = join(dir, 'bad.csv');
    await writeFile(
      file,
      [
        'kind,target,field,metric,bucket,granularity,value,key',
        'metric,asset:risk-engine/rules.high_amount_new_device,,rule.evaluations,2026-11-01,,100,',
        'metric,asset:risk-engine/rules.gone,,rule.evaluations,2026-11-01,,5,',
        'metric,asset:risk-engine/rules.high_amount_new_device,,rule.hits,2026-11-01,,lots,',
        'metric,asset:risk-engine/rules.high_amount_new_device,,rule.hits,2026-11-31,,4,',
        'tag,asset:postgres://warehouse:5432/risk.orders,no_such_field,,,,phone,pii',
        'tag,asset:risk-engine/rules.gone,,,,,team-x,owner',
        'metric,asset:risk-engine/rules.high_amount_new_device,,rule.hits,2026-11-01,,7,',
        'tag,asset:risk-engine/rules.high_amount_new_device,,,,,team-risk,owner',
        'metric,asset:risk-engine/rules.high_amount_new_device,,rule.hits,2026-11-01,,8,',
        'metric,asset:risk-engine/rules.high_amount_new_device,x"y,rule.hits,2026-11-01,,8,',
        '',
      ].join('\n'),
    );
    const report = await ingest(file);
    expect(report.errors.map((e) => [e.location, e.message])).toEqual([
      [`${file}:11:56`, expect.stringMatching(/^CSV: quote inside an unquoted field/)],
      [`${file}:4`, 'value: expected a number, got "lots"'],
      [`${file}:5`, expect.stringMatching(/^bucket: "2026-11-31" is not a valid date/)],
      [`${file}:3`, 'asset risk-engine/rules.gone is not in the graph; the metric is left out'],
      [`${file}:6`, 'asset postgres://warehouse:5432/risk.orders has no field "no_such_field"; the tag is left out'],
      [`${file}:7`, 'asset risk-engine/rules.gone is not in the graph; the tag is left out'],
      [`${file}:10`, `a second value for rule.hits of the same node, field and bucket as ${file}:8; the first is kept`],
    ]);
    expect(report.errors[3]!.node).toEqual({ type: 'ASSET', namespace: 'risk-engine', name: 'rules.gone' });
    expect(report.versions).toHaveLength(1);
    expect((await store.metrics(ids.rule, NOVEMBER)).map((m) => [m.metric, m.value])).toEqual([
      ['rule.evaluations', 100],
      ['rule.hits', 7],
    ]);
    expect(await tagsOf(store, ids.rule)).toEqual(['owner=team-risk']);
    // The errors are kept in the store against the source.
    expect(await store.ingestErrors({ source: 'metrics:bad.csv' })).toHaveLength(7);
  });

  it('does not sync tags when the file cannot be read to its end, but records its readable metrics', async () => {
    const file = join(dir, 'cut.csv');
    const header = 'kind,target,field,metric,bucket,granularity,value,key';
    await writeFile(file, `${header}\ntag,asset:risk-engine/rules.high_amount_new_device,,,,,team-risk,owner\n`);
    await ingest(file);
    await writeFile(
      file,
      `${header}\nmetric,asset:risk-engine/rules.high_amount_new_device,,rule.hits,2026-11-01,,7,\ntag,asset:risk-engine/rules.high_amount_new_device,,,,,"team-risk,owner\n`,
    );
    const report = await ingest(file);
    expect(report.errors.map((e) => e.location)).toEqual([`${file}:3:56`, file]);
    expect(report.versions).toEqual([]);
    expect(await tagsOf(store, ids.rule)).toEqual(['owner=team-risk']);
    expect((await store.metrics(ids.rule, NOVEMBER)).map((m) => m.value)).toEqual([7]);
  });
});
