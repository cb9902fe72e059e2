import { beforeEach, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { dbtIngestor } from '../../../ingestors/dbt/index.js';
import { dbtRunId } from '../../../ingestors/dbt/runId.js';
import { runIngestor } from '../../../ingestors/runIngestor.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { assetId, computationId, fixturePath, graphContents } from './dbtFixtures.js';

const NS = 'duckdb://jaffle_shop';
const MANIFEST = fixturePath('duckdb_manifest.json');
const RUN_RESULTS = fixturePath('duckdb_run_results.json');
const INVOCATION = 'd205f9ce-0e55-4a5f-9f69-bfa170867a41';
const CUSTOMERS = 'model.jaffle_shop.customers';
const ORDERS = 'model.jaffle_shop.orders';

describeEachEngine('dbt ingestor: jaffle_shop manifest (schema v12) and run results', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(() => {
    store = shared.store();
  });

  it('commits seeds and table models as assets, models as computations writing their tables; tests are left out', async () => {
    const report = await runIngestor(store, dbtIngestor(), { manifestPath: MANIFEST, namespace: NS });
    expect(report).toMatchObject({ source: 'dbt:jaffle_shop', versions: [1] });
    expect(report.results[0]!.stats).toMatchObject({ nodesCreated: 7, edgesAdded: 2 });
    expect(await graphContents(store)).toEqual({
      nodes: [
        'ASSET TABLE jaffle_shop.main.customers',
        'ASSET TABLE jaffle_shop.main.orders',
        'ASSET TABLE jaffle_shop.main.raw_customers',
        'ASSET TABLE jaffle_shop.main.raw_orders',
        'ASSET TABLE jaffle_shop.main.raw_payments',
        `COMPUTATION BATCH_JOB ${CUSTOMERS}`,
        `COMPUTATION BATCH_JOB ${ORDERS}`,
      ],
      edges: [`${CUSTOMERS} WRITES jaffle_shop.main.customers`, `${ORDERS} WRITES jaffle_shop.main.orders`],
    });
  });

  it('reports each dependency on a model this (trimmed) manifest lacks, with its JSON path, and skips the edge', async () => {
    const report = await runIngestor(store, dbtIngestor(), { manifestPath: MANIFEST, namespace: NS });
    const customers = { type: 'COMPUTATION', namespace: NS, name: CUSTOMERS };
    const orders = { type: 'COMPUTATION', namespace: NS, name: ORDERS };
    expect(report.errors.map((e) => [e.location, e.node])).toEqual([
      [`${MANIFEST}#/nodes/${CUSTOMERS}/depends_on/nodes/0`, customers],
      [`${MANIFEST}#/nodes/${CUSTOMERS}/depends_on/nodes/1`, customers],
      [`${MANIFEST}#/nodes/${CUSTOMERS}/depends_on/nodes/2`, customers],
      [`${MANIFEST}#/nodes/${ORDERS}/depends_on/nodes/0`, orders],
      [`${MANIFEST}#/nodes/${ORDERS}/depends_on/nodes/1`, orders],
    ]);
    expect(report.errors[0]!.message).toMatch(/model\.jaffle_shop\.stg_customers, which is not in the manifest/);
    expect(await store.edges(computationId(NS, CUSTOMERS), { direction: 'in' })).toEqual([]);
  });

  it('describes the customers model: columns, meta owner, group, compiled code', async () => {
    await runIngestor(store, dbtIngestor(), { manifestPath: MANIFEST, namespace: NS });
    const table = await store.node(assetId(NS, 'jaffle_shop.main.customers'));
    expect(table!.definition.fields!.map((f) => f.name)).toEqual([
      'customer_id',
      'first_name',
      'last_name',
      'first_order',
      'most_recent_order',
      'number_of_orders',
      'total_order_amount',
    ]);
    expect(table!.definition.fields![1]).toEqual({ name: 'first_name', description: "Customer's first name. PII." });
    expect(table!.definition.owners).toEqual([{ name: 'data-team' }]);
    expect(table!.definition.properties).toEqual({
      uniqueId: CUSTOMERS,
      resourceType: 'model',
      materialized: 'table',
      packageName: 'jaffle_shop',
      originalFilePath: 'models/customers.sql',
      group: 'finance',
      meta: { owner: 'data-team', pii: false, tier: 'gold' },
    });
    const job = await store.node(computationId(NS, CUSTOMERS));
    expect(job!.definition.code!.language).toBe('sql');
    // compiled_code (v7+), with refs resolved, rather than the Jinja in raw_code.
    expect(job!.definition.code!.text).toContain('select * from "jaffle_shop"."main"."stg_customers"');
    const seed = await store.node(assetId(NS, 'jaffle_shop.main.raw_orders'));
    expect(seed!.definition).toEqual({
      properties: { uniqueId: 'seed.jaffle_shop.raw_orders', resourceType: 'seed', materialized: 'seed', packageName: 'jaffle_shop', originalFilePath: 'seeds/raw_orders.csv' },
    });
  });

  it('records the run results of models as runs with their execute timing and status', async () => {
    const input = { manifestPath: MANIFEST, runResultsPath: RUN_RESULTS, namespace: NS };
    const report = await runIngestor(store, dbtIngestor(), input);
    // Seed and test results are not runs of a computation here, and not errors either.
    expect(report.errors.filter((e) => e.location.startsWith(RUN_RESULTS))).toEqual([]);
    expect(report.results[0]!.stats.runsRecorded).toBe(2);
    expect(await store.runs(computationId(NS, CUSTOMERS))).toEqual([
      expect.objectContaining({
        runId: dbtRunId(INVOCATION, CUSTOMERS),
        state: 'COMPLETE',
        startedAt: '2024-11-27T23:49:48.010Z',
        endedAt: '2024-11-27T23:49:48.112Z',
        cost: null,
        properties: {
          status: 'success',
          executionTime: 0.1137,
          invocationId: INVOCATION,
          threadId: 'Thread-1 (worker)',
          message: 'OK',
          adapterResponse: { _message: 'OK', code: 'OK', rows_affected: -1 },
        },
      }),
    ]);
    expect(await store.runs(computationId(NS, ORDERS))).toEqual([
      expect.objectContaining({ runId: dbtRunId(INVOCATION, ORDERS), state: 'FAIL', properties: expect.objectContaining({ status: 'error' }) }),
    ]);
    // Re-reading the same files asserts the same runs (same ids, same content): no new version.
    const again = await runIngestor(store, dbtIngestor(), input);
    expect(again.versions).toEqual([]);
  });

  it('reports an unreadable run-results file and still commits the manifest', async () => {
    const report = await runIngestor(store, dbtIngestor(), { manifestPath: MANIFEST, runResultsPath: `${RUN_RESULTS}.missing`, namespace: NS });
    expect(report.versions).toEqual([1]);
    expect(report.errors[0]).toMatchObject({ location: `${RUN_RESULTS}.missing`, message: expect.stringMatching(/cannot read dbt run results/) });
  });
});
