import { afterAll, beforeAll, expect, it } from 'vitest';
import { describe } from 'vitest';
import { ChangesetRejectedError } from '../../graph-model/errors.js';
import type { Changeset } from '../../graph-model/model.js';
import { ingestEvents } from '../../ingestors/openlineage/index.js';
import { A, C, job, pipeline, reads, table, writes } from '../support/builders.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/engines.js';
import { RUN_1, dataset, runEvent, schema } from '../ingestors/openlineage/olEvents.js';

/**
 * node-postgres deprecates sending a query on a client that is still running one (pg@9 will refuse
 * it). The store's write path sends statements ahead of the ones before; this runs every kind of
 * write on PostgreSQL with process warnings captured and expects none of them from pg. node prints
 * a deprecation once per process, and vitest gives each test file its own process (pool: forks).
 */
describe.skipIf(!ENGINES.includes('postgres'))('the store on PostgreSQL [postgres]', () => {
  let database: TestDatabase;
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  beforeAll(async () => {
    process.on('warning', onWarning);
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    process.off('warning', onWarning);
    await database.dispose();
  });

  it('never sends a query on a client while another runs (no DeprecationWarning from pg)', async () => {
    const store = await database.open();
    // New nodes and every kind of fact, a run, then a full re-sync that ends some and changes others.
    const first: Changeset = {
      ...pipeline('dbt:shop', 'full'),
      runs: [{ runId: 'r1', computation: { namespace: C('enrich').namespace, name: 'enrich' }, state: 'COMPLETE', startedAt: '2026-03-01T08:00:00Z', endedAt: '2026-03-01T08:05:00Z' }],
    };
    expect((await store.apply(first)).changed).toBe(true);
    const resync: Changeset = {
      source: 'dbt:shop',
      mode: 'full',
      assets: [table('shop.public.orders', ['id', 'amount']), table('shop.mart.orders_enriched', ['id', 'amount']), table('shop.public.accounts', ['id'])],
      computations: [job('enrich', 'insert into orders_enriched select 1')],
      edges: [reads('shop.public.orders', 'enrich'), reads('shop.public.accounts', 'enrich'), writes('enrich', 'shop.mart.orders_enriched')],
      tags: [{ target: A('shop.public.orders'), key: 'domain', value: 'risk' }],
    };
    expect((await store.apply(resync)).changed).toBe(true);
    // A second source on the same nodes, a delta that retracts, and an identical re-apply.
    await store.apply({ source: 'docs', mode: 'delta', assets: [table('shop.public.orders', ['id', 'note'])] });
    await store.apply({ source: 'dbt:shop', mode: 'delta', retract: { edges: [reads('shop.public.accounts', 'enrich')] } });
    expect((await store.apply(resync)).changed).toBe(true);
    expect((await store.apply(resync)).changed).toBe(false);
    // A rejection found after the node rows were sent rolls back on a busy connection.
    await expect(store.apply({ source: 'x', mode: 'delta', assets: [table('t.new')], edges: [reads('t.missing', 'enrich')] })).rejects.toBeInstanceOf(
      ChangesetRejectedError,
    );
    // OpenLineage: a batch over the HTTP path's group commit.
    const result = await ingestEvents(store, [
      runEvent({ runId: RUN_1, eventType: 'START', eventTime: '2026-03-01T08:00:00Z', inputs: [dataset('risk.orders', schema('id'))] }),
      runEvent({ runId: RUN_1, eventType: 'COMPLETE', eventTime: '2026-03-01T08:05:00Z', outputs: [dataset('risk.features')] }),
    ]);
    expect(result).toMatchObject({ status: 'applied', errors: [] });
    const fromPg = warnings.filter((w) => w.name === 'DeprecationWarning' && /client\.query\(\)/.test(w.message));
    expect(fromPg.map((w) => w.message)).toEqual([]);
  });
});
