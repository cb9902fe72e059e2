import { afterEach, beforeEach, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { dbtIngestor } from '../../../ingestors/dbt/index.js';
import { runIngestor } from '../../../ingestors/runIngestor.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { assetId, computationId, graphContents, scratchDirectory } from './dbtFixtures.js';
import { completeJaffleShop } from './jaffleShopVariants.js';

const NS = 'duckdb://jaffle_shop';
const CUSTOMERS = 'model.jaffle_shop.customers';
const ORDERS = 'model.jaffle_shop.orders';

describeEachEngine('dbt ingestor: lineage, full re-sync and bad nodes', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  let scratch: ReturnType<typeof scratchDirectory>;
  beforeEach(() => {
    store = shared.store();
    scratch = scratchDirectory();
  });
  afterEach(() => scratch.dispose());

  const ingest = (manifest: unknown, file = 'manifest.json') =>
    runIngestor(store, dbtIngestor(), { manifestPath: scratch.write(file, manifest), namespace: NS });

  it('links each model to what it reads, through ephemeral models to their inputs', async () => {
    const report = await ingest(completeJaffleShop());
    expect(report.errors).toEqual([]);
    expect(await graphContents(store)).toEqual({
      nodes: [
        'ASSET TABLE jaffle_shop.main.customers',
        'ASSET TABLE jaffle_shop.main.orders',
        'ASSET TABLE jaffle_shop.main.raw_customers',
        'ASSET TABLE jaffle_shop.main.raw_orders',
        'ASSET TABLE jaffle_shop.main.raw_payments',
        'ASSET VIEW jaffle_shop.main.stg_customers',
        'ASSET VIEW jaffle_shop.main.stg_payments',
        `COMPUTATION BATCH_JOB ${CUSTOMERS}`,
        `COMPUTATION BATCH_JOB ${ORDERS}`,
        'COMPUTATION VIEW_DEFINITION model.jaffle_shop.stg_customers',
        'COMPUTATION VIEW_DEFINITION model.jaffle_shop.stg_payments',
      ],
      edges: [
        `${CUSTOMERS} WRITES jaffle_shop.main.customers`,
        `${ORDERS} WRITES jaffle_shop.main.orders`,
        `jaffle_shop.main.raw_customers READS model.jaffle_shop.stg_customers`,
        // stg_orders is ephemeral: its consumers read raw_orders themselves.
        `jaffle_shop.main.raw_orders READS ${CUSTOMERS}`,
        `jaffle_shop.main.raw_orders READS ${ORDERS}`,
        `jaffle_shop.main.raw_payments READS model.jaffle_shop.stg_payments`,
        `jaffle_shop.main.stg_customers READS ${CUSTOMERS}`,
        `jaffle_shop.main.stg_payments READS ${CUSTOMERS}`,
        `jaffle_shop.main.stg_payments READS ${ORDERS}`,
        'model.jaffle_shop.stg_customers WRITES jaffle_shop.main.stg_customers',
        'model.jaffle_shop.stg_payments WRITES jaffle_shop.main.stg_payments',
      ].sort(),
    });
  });

  it('retracts a removed model on a full re-sync, and keeps it visible at the older version', async () => {
    await ingest(completeJaffleShop());
    const without = completeJaffleShop();
    delete without.nodes[ORDERS];
    const report = await ingest(without);
    expect(report.versions).toEqual([2]);
    expect(report.results[0]!.stats).toMatchObject({ nodesDeleted: 2, edgesRemoved: 3, nodesCreated: 0, nodesUpdated: 0 });
    const ordersTable = assetId(NS, 'jaffle_shop.main.orders');
    const ordersJob = computationId(NS, ORDERS);
    expect(await store.node(ordersTable)).toBeNull();
    expect(await store.node(ordersJob)).toBeNull();
    expect(await store.node(ordersJob, 1)).toMatchObject({ name: ORDERS, kind: 'BATCH_JOB', fromVersion: 1, toVersion: 2 });
    expect(await store.node(ordersTable, 1)).toMatchObject({ name: 'jaffle_shop.main.orders', toVersion: 2 });
    expect(await store.edges(ordersJob)).toEqual([]);
    expect(await store.edges(ordersJob, { asOf: 1 })).toHaveLength(3);
    // What still exists is untouched.
    expect(await store.node(computationId(NS, CUSTOMERS))).toMatchObject({ fromVersion: 1, toVersion: null });
  });

  it('reports a node without schema or name at its JSON path, and commits the good nodes', async () => {
    const manifest = completeJaffleShop();
    const broken = structuredClone(manifest.nodes['model.jaffle_shop.stg_customers']);
    Object.assign(broken, { unique_id: 'model.jaffle_shop.broken', name: null, alias: null, schema: null });
    manifest.nodes['model.jaffle_shop.broken'] = broken;
    // A good model that depends on the broken one keeps its other inputs.
    manifest.nodes[CUSTOMERS].depends_on.nodes.push('model.jaffle_shop.broken');
    const path = scratch.write('manifest.json', manifest);
    const report = await runIngestor(store, dbtIngestor(), { manifestPath: path, namespace: NS });
    expect(report.errors).toEqual([
      {
        location: `${path}#/nodes/model.jaffle_shop.broken`,
        message: 'dbt model.jaffle_shop.broken: missing schema and alias/name; cannot name its relation',
      },
      {
        location: `${path}#/nodes/${CUSTOMERS}/depends_on/nodes/3`,
        node: { type: 'COMPUTATION', namespace: NS, name: CUSTOMERS },
        message: `dbt ${CUSTOMERS} depends on model.jaffle_shop.broken, which was left out (see its error); edge skipped`,
      },
    ]);
    expect(report.versions).toEqual([1]);
    expect(await store.nodeByName('COMPUTATION', NS, 'model.jaffle_shop.broken')).toBeNull();
    expect(await store.edges(computationId(NS, CUSTOMERS), { direction: 'in' })).toHaveLength(3);
    expect((await graphContents(store)).nodes).toHaveLength(11);
  });

  it('reports a node of the wrong shape with the offending key, and a dependency on an unknown node', async () => {
    const manifest = completeJaffleShop();
    manifest.nodes['model.jaffle_shop.stg_payments'].columns = ['payment_id'];
    manifest.nodes[ORDERS].depends_on.nodes.push('model.other_project.nowhere');
    const report = await ingest(manifest);
    expect(report.errors.map((e) => [e.location.split('#')[1], e.message])).toEqual([
      ['/nodes/model.jaffle_shop.stg_payments', expect.stringMatching(/^dbt model\.jaffle_shop\.stg_payments: columns: /)],
      [`/nodes/${CUSTOMERS}/depends_on/nodes/2`, expect.stringMatching(/stg_payments, which was left out/)],
      [`/nodes/${ORDERS}/depends_on/nodes/1`, expect.stringMatching(/stg_payments, which was left out/)],
      [`/nodes/${ORDERS}/depends_on/nodes/2`, expect.stringMatching(/model\.other_project\.nowhere, which is not in the manifest/)],
    ]);
    expect(report.versions).toEqual([1]);
    expect(await store.nodeByName('ASSET', NS, 'jaffle_shop.main.stg_payments')).toBeNull();
    expect(await store.nodeByName('ASSET', NS, 'jaffle_shop.main.orders')).not.toBeNull();
  });
});
