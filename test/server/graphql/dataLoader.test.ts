import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Changeset } from '../../../graph-model/model.js';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { createTestDatabase, describeEachEngine, type TestDatabase } from '../../support/engines.js';
import { data, startGraphQL, type RunningService } from './graphqlClient.js';

const NS = 'hive://loader';
const JOBS = 'airflow://loader';

function hundredTables(): Changeset {
  const n = Array.from({ length: 100 }, (_, i) => String(i).padStart(3, '0'));
  return {
    source: 'test:loader',
    mode: 'full',
    assets: n.map((i) => ({ namespace: NS, name: `dw.t${i}`, kind: 'TABLE', definition: { description: `table ${i}` } })),
    computations: n.map((i) => ({ namespace: JOBS, name: `load_t${i}`, kind: 'BATCH_JOB', definition: { description: `loads t${i}` } })),
    edges: n.map((i) => ({ from: { type: 'COMPUTATION' as const, namespace: JOBS, name: `load_t${i}` }, to: { type: 'ASSET' as const, namespace: NS, name: `dw.t${i}` } })),
    tags: n.map((i) => ({ target: { type: 'ASSET' as const, namespace: NS, name: `dw.t${i}` }, key: 'tier', value: String(Number(i) % 3) })),
  };
}

describeEachEngine('GraphQL batching', (engine) => {
  let database: TestDatabase;
  let store: GraphStore;
  let service: RunningService;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    store = await database.open();
    await store.apply(hundredTables());
    service = await startGraphQL(store);
  });
  afterAll(async () => {
    await service?.close();
    await database?.dispose();
  });

  it('answers 100 assets with their producers, descriptions and tags in a handful of SQL statements', async () => {
    let statements = 0;
    const query = store.db.query.bind(store.db);
    // Counts what reaches the database; the database itself is real.
    store.db.query = ((sql: string, params?: unknown[]) => {
      statements++;
      return query(sql, params);
    }) as typeof store.db.query;
    try {
      const d = await data(
        service.base,
        `{ search(query: "dw.t", kinds: [TABLE], first: 100) {
            totalCount
            nodes { name ... on Asset { description tags { key value } producers { nodes { name description } } } }
        } }`,
      );
      expect(d.search.totalCount).toBe(100);
      expect(d.search.nodes).toHaveLength(100);
      expect(d.search.nodes[42]).toEqual({ name: 'dw.t042', description: 'table 042', tags: [{ key: 'tier', value: '0' }], producers: { nodes: [{ name: 'load_t042', description: 'loads t042' }] } });
      // search: count + page; asset definitions: 1; tags: 1; producer definitions: 1.
      expect(statements).toBeLessThanOrEqual(5);
    } finally {
      store.db.query = query;
    }
  });
});
