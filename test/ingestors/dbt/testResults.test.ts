import { beforeEach, expect, it } from 'vitest';
import { nodeId } from '../../../graph-model/ids.js';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { dbtIngestor } from '../../../ingestors/dbt/index.js';
import { dbtRunId } from '../../../ingestors/dbt/runId.js';
import { runIngestor } from '../../../ingestors/runIngestor.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { fixturePath, readFixture } from './dbtFixtures.js';

const NS = 'postgres://warehouse:5432';
const INPUT = { manifestPath: fixturePath('quality/manifest.json'), runResultsPath: fixturePath('quality/run_results.json'), namespace: NS };
const INVOCATION = '7c4f3a9e-2f1b-4d0c-9a61-3e8d2b5f0a11';

describeEachEngine('dbt ingestor: test results as quality results', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(() => {
    store = shared.store();
  });

  it('records each test result on the asset (and field) the test is attached to, as the expected file says', async () => {
    const report = await runIngestor(store, dbtIngestor(), INPUT);
    expect(report.source).toBe('dbt:shop');
    expect(report.versions).toEqual([1]);
    expect(report.quality).toEqual({ inserted: 5, updated: 0, unchanged: 0 });
    const expected = readFixture('quality/expected_quality.json') as Record<string, unknown[]>;
    for (const [relation, results] of Object.entries(expected)) {
      const stored = await store.qualityResults(nodeId('ASSET', NS, relation));
      expect(stored.map((r) => ({ field: r.field, check: r.check, observedAt: r.observedAt, outcome: r.outcome, observed: r.observed, message: r.message }))).toEqual(results);
      expect(new Set(stored.map((r) => r.source))).toEqual(new Set(['dbt:shop']));
    }
    const [failing] = await store.qualityResults(nodeId('ASSET', NS, 'shop.analytics.orders'), { check: 'not_null_orders_order_id' });
    expect(failing!.runId).toBe(dbtRunId(INVOCATION, 'test.shop.not_null_orders_order_id.aa11'));
  });

  it('says which results it could not place: an undeclared column (kept on the relation), a test on two relations without attached_node', async () => {
    const report = await runIngestor(store, dbtIngestor(), INPUT);
    const path = fixturePath('quality/run_results.json');
    expect(report.errors.map((e) => [e.location, e.message.split(',')[0]])).toEqual([
      [`${path}#/results/3`, 'dbt test test.shop.accepted_values_orders_status.cc33 names column status'],
      [`${path}#/results/5`, 'dbt test test.shop.relationships_orders_customer_id.ee55 has no attached_node and depends on 2 relations (model.shop.orders'],
    ]);
    // The skipped test did not run: it records nothing.
    expect(await store.qualityResults(nodeId('ASSET', NS, 'shop.analytics.orders'), { check: 'unique_orders_customer_id' })).toEqual([]);
  });

  it('is idempotent: the same run results again record nothing new', async () => {
    await runIngestor(store, dbtIngestor(), INPUT);
    const again = await runIngestor(store, dbtIngestor(), INPUT);
    expect(again.versions).toEqual([]);
    expect(again.quality).toEqual({ inserted: 0, updated: 0, unchanged: 5 });
  });
});
