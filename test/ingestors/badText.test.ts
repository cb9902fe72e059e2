import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { nodeId } from '../../graph-model/ids.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { dbtIngestor } from '../../ingestors/dbt/index.js';
import { metricsIngestor } from '../../ingestors/metrics/index.js';
import { riskCatalogIngestor } from '../../ingestors/risk/index.js';
import { runIngestor } from '../../ingestors/runIngestor.js';
import { describeEachEngine, useStore } from '../support/engines.js';
import { fixturePath, readFixture } from './dbt/dbtFixtures.js';
import { metricsGraph } from './metrics/metricsGraph.js';
import { scratchCatalog } from './risk/catalog/riskCatalogFixtures.js';

/**
 * Each file ingestor, given one item holding a string the store cannot hold or a time that does
 * not exist: that item is an ingest error naming where it is, and the rest of the input commits.
 * Before, the string reached the database and failed the one changeset of the whole input.
 */
describeEachEngine('file ingestors: a bad string or time costs only its item', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dctx-badtext-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));
  beforeEach(() => {
    store = shared.store();
  });

  it('dbt: a model whose description holds a NUL is left out, named by its JSON path; the rest of the manifest commits', async () => {
    const manifest = readFixture('duckdb_manifest.json');
    manifest.nodes['model.jaffle_shop.orders'].description = 'orders\u0000, one row each';
    const path = join(dir, 'manifest.json');
    await writeFile(path, JSON.stringify(manifest));
    const report = await runIngestor(store, dbtIngestor(), { manifestPath: path, namespace: 'duckdb://jaffle_shop' });
    // (The fixture's manifest lacks the staging models its models depend on: those errors are the fixture's.)
    expect(report.errors.filter((e) => !e.message.includes('which is not in the manifest'))).toEqual([
      {
        location: `${path}#/nodes/model.jaffle_shop.orders/description`,
        message: 'dbt model.jaffle_shop.orders: description holds a NUL character (U+0000) at character 7, which the store cannot hold',
      },
    ]);
    expect(report.versions).toEqual([1]);
    expect(await store.nodeByName('COMPUTATION', 'duckdb://jaffle_shop', 'model.jaffle_shop.customers')).not.toBeNull();
    expect(await store.nodeByName('COMPUTATION', 'duckdb://jaffle_shop', 'model.jaffle_shop.orders')).toBeNull();
  });

  it('dbt: a run result timed on February 30 is refused, naming the timing field; the other runs are recorded', async () => {
    const results = JSON.parse(await readFile(fixturePath('duckdb_run_results.json'), 'utf8'));
    const index = results.results.findIndex((r: { unique_id: string }) => r.unique_id === 'model.jaffle_shop.orders');
    results.results[index].timing[1].started_at = '2024-02-30T23:49:48.130000Z';
    const path = join(dir, 'run_results.json');
    await writeFile(path, JSON.stringify(results));
    const report = await runIngestor(store, dbtIngestor(), { manifestPath: fixturePath('duckdb_manifest.json'), runResultsPath: path, namespace: 'duckdb://jaffle_shop' });
    expect(report.errors.filter((e) => e.location.startsWith(path))).toEqual([
      { location: `${path}#/results/${index}/timing/1/started_at`, message: expect.stringMatching(/^invalid dbt run result: started_at "2024-02-30T23:49:48.130000Z": 2024-02 has no day 30; run skipped$/) },
    ]);
    expect(report.results[0]!.stats.runsRecorded).toBe(1);
  });

  it('metrics: a tag value with a NUL and an hour bucket on November 31 are refused at their lines; the other rows are recorded', async () => {
    await store.apply(metricsGraph);
    const path = join(dir, 'metrics.csv');
    await writeFile(
      path,
      [
        'kind,target,field,metric,bucket,granularity,value,key',
        'metric,asset:risk-engine/rules.high_amount_new_device,,rule.evaluations,2026-11-01,,1200000,',
        'metric,asset:risk-engine/rules.high_amount_new_device,,rule.evaluations,2026-11-31T00:00:00Z,hour,5,',
        'tag,asset:postgres://warehouse:5432/risk.orders,,,,,"L3\u0000",sensitivity',
        'tag,asset:risk-engine/rules.high_amount_new_device,,,,,team-risk,owner',
      ].join('\n'),
    );
    const report = await runIngestor(store, metricsIngestor(), path);
    expect(report.errors).toEqual([
      { location: `${path}:3`, message: expect.stringMatching(/^bucket: "2026-11-31T00:00:00Z" is not a valid timestamp: 2026-11 has no day 31$/) },
      { location: `${path}:4`, message: 'value: holds a NUL character (U+0000) at character 3, which the store cannot hold' },
    ]);
    const rule = nodeId('ASSET', 'risk-engine', 'rules.high_amount_new_device');
    expect(await store.metricTotals({ metric: 'rule.evaluations', from: '2026-11-01', to: '2026-12-02' })).toEqual(new Map([[rule, 1_200_000]]));
    expect((await store.tags(rule)).map((t) => `${t.key}=${t.value}`)).toEqual(['owner=team-risk']);
  });

  it('risk catalog: a model whose description holds a NUL is left out at its YAML line; the rest of the catalog commits', async () => {
    const catalog = scratchCatalog('catalog', 'basic');
    try {
      catalog.write('models.yaml', catalog.read('models.yaml').replace('description: Gradient-boosted fraud score for card payments.', 'description: "Gradient-boosted\\0 fraud score"'));
      const report = await runIngestor(store, riskCatalogIngestor(), { directory: catalog.directory });
      const nulError = report.errors.find((e) => e.message.includes('NUL'));
      expect(nulError).toEqual({ location: `${join(catalog.directory, 'models.yaml')}:4:18`, message: 'models[0].description holds a NUL character (U+0000) at character 17, which the store cannot hold; the item is left out' });
      expect(report.versions).toEqual([1]);
      const features = report.results[0]!.stats.nodesCreated;
      expect(features).toBeGreaterThan(10);
    } finally {
      catalog.dispose();
    }
  });
});
