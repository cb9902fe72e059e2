import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { qualityIngestor } from '../../../ingestors/quality/index.js';
import { runIngestor } from '../../../ingestors/runIngestor.js';
import { describeEachEngine } from '../../support/engines.js';
import { metricsGraph } from '../../ingestors/metrics/metricsGraph.js';
import { data } from './graphqlClient.js';
import { useLoadedService } from './graphqlClient.js';

const CSV = fileURLToPath(new URL('../../fixtures/quality/checks.csv', import.meta.url));

describeEachEngine('GraphQL Asset.qualityResults and Asset.freshness', (engine) => {
  const loaded = useLoadedService(engine, async (store) => {
    await store.apply(metricsGraph);
    await store.apply({ source: 'test:tags', mode: 'full', tags: [{ target: { type: 'ASSET', namespace: 'postgres://warehouse:5432', name: 'risk.user_features' }, key: 'freshness', value: '1d' }] });
    await store.apply({
      source: 'test:runs',
      mode: 'delta',
      runs: [{ runId: 'r1', computation: { namespace: 'airflow', name: 'features.daily_user_features' }, state: 'COMPLETE', startedAt: '2026-11-01T00:00:00Z', endedAt: '2026-11-01T01:00:00Z', properties: {} }],
    });
    await runIngestor(store, qualityIngestor(), { path: join(CSV) });
  });

  it('answers a field\'s check history newest first, values as JSON text', async () => {
    const d = await data(
      loaded.service().base,
      `{ asset(namespace: "postgres://warehouse:5432", name: "risk.orders") { qualityResults(field: "amount") { check outcome observedAt observed expected source } } }`,
    );
    expect(d.asset.qualityResults).toEqual([
      { check: 'amount_non_negative', outcome: 'fail', observedAt: '2026-11-02T06:00:00.000Z', observed: '17', expected: '0', source: 'quality:checks.csv' },
      { check: 'amount_non_negative', outcome: 'pass', observedAt: '2026-11-01T06:00:00.000Z', observed: '0', expected: '0', source: 'quality:checks.csv' },
    ]);
  });

  it('answers freshness at a time: the tagged interval, the last successful write and the lateness', async () => {
    const d = await data(
      loaded.service().base,
      `{ asset(namespace: "postgres://warehouse:5432", name: "risk.user_features") { freshness(at: "2026-11-03T01:00:00Z") { expectedIntervalSeconds origin lastSuccessfulWrite dueAt lateBySeconds late } } }`,
    );
    expect(d.asset.freshness).toEqual({
      expectedIntervalSeconds: 86_400,
      origin: 'TAG',
      lastSuccessfulWrite: '2026-11-01T01:00:00.000Z',
      dueAt: '2026-11-02T01:00:00.000Z',
      lateBySeconds: 86_400,
      late: true,
    });
  });
});
