import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { DEFAULT_LIMITS } from '../../../server/graphql/limits.js';
import { createTestDatabase, describeEachEngine, type TestDatabase } from '../../support/engines.js';
import { data, gql, startGraphQL, type RunningService } from './graphqlClient.js';
import { loadRiskPlatform } from './riskGraph.js';

const HEADERS = '{ version committedAt source actor mode stats { nodesCreated nodesDeleted edgesAdded edgesRemoved } }';

describeEachEngine('GraphQL graphVersions (the explorer time slider)', (engine) => {
  let database: TestDatabase;
  let store: GraphStore;
  let service: RunningService;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    store = await database.open();
    await loadRiskPlatform(store);
    service = await startGraphQL(store, { limits: { ...DEFAULT_LIMITS, maxPageSize: 5 } });
  });
  afterAll(async () => {
    await service?.close();
    await database?.dispose();
  });

  it("lists every version with its changeset's time, source, actor and counts, as changes does, oldest first", async () => {
    const d = await data(service.base, `{ graphVersion graphVersions ${HEADERS} changes(since: 0, first: 5) ${HEADERS} }`);
    expect(d.graphVersions.length).toBe(d.graphVersion);
    expect(d.graphVersions).toEqual(d.changes);
    expect(d.graphVersions.map((v: { version: number }) => v.version)).toEqual([...Array(d.graphVersion).keys()].map((i) => i + 1));
  });

  it('with last, the newest that many, still oldest first; more than the page size is refused', async () => {
    const d = await data(service.base, `{ graphVersion graphVersions(last: 1) { version } }`);
    expect(d.graphVersions).toEqual([{ version: d.graphVersion }]);
    const refused = await gql(service.base, `{ graphVersions(last: 6) { version } }`);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
  });
});
