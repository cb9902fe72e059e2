import { expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../server/graphql/limits.js';
import { describeEachEngine } from '../../support/engines.js';
import { data, gql, useLoadedService } from './graphqlClient.js';
import { loadRiskPlatform } from './riskGraph.js';

const HEADERS = '{ version committedAt source actor mode stats { nodesCreated nodesDeleted edgesAdded edgesRemoved } }';

describeEachEngine('GraphQL graphVersions (the explorer time slider)', (engine) => {
  const loaded = useLoadedService(engine, loadRiskPlatform, { server: { limits: { ...DEFAULT_LIMITS, maxPageSize: 5 } } });

  it("lists every version with its changeset's time, source, actor and counts, as changes does, oldest first", async () => {
    const d = await data(loaded.service().base, `{ graphVersion graphVersions ${HEADERS} changes(since: 0, first: 5) ${HEADERS} }`);
    expect(d.graphVersions.length).toBe(d.graphVersion);
    expect(d.graphVersions).toEqual(d.changes);
    expect(d.graphVersions.map((v: { version: number }) => v.version)).toEqual([...Array(d.graphVersion).keys()].map((i) => i + 1));
  });

  it('with last, the newest that many, still oldest first; more than the page size is refused', async () => {
    const d = await data(loaded.service().base, `{ graphVersion graphVersions(last: 1) { version } }`);
    expect(d.graphVersions).toEqual([{ version: d.graphVersion }]);
    const refused = await gql(loaded.service().base, `{ graphVersions(last: 6) { version } }`);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
  });
});
