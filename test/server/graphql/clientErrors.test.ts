import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { createTestDatabase, type TestDatabase } from '../../support/engines.js';
import { gql, startGraphQL, type GraphQLAnswer, type RunningService } from './graphqlClient.js';
import { ids, loadRiskPlatform } from './riskGraph.js';

async function post(base: string, body: Record<string, unknown>): Promise<GraphQLAnswer> {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: await res.json() };
}

/** The one error of a refused request, after checking it is the client's (status, code, nothing run). */
function refused(answer: GraphQLAnswer, status: number, code: string) {
  expect({ status: answer.status, code: answer.body.errors?.[0]?.extensions?.code }).toEqual({ status, code });
  expect(answer.body.data).toBeUndefined();
  expect(answer.body.errors).toHaveLength(1);
  return answer.body.errors[0];
}

describe('every client mistake is a 4xx with its code, over HTTP [pglite]', () => {
  let database: TestDatabase;
  let store: GraphStore;
  let service: RunningService;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    store = await database.open();
    await loadRiskPlatform(store);
    service = await startGraphQL(store);
  });
  afterAll(async () => {
    await service?.close();
    await database?.dispose();
  });

  it('a missing or invalid variable is BAD_USER_INPUT naming the variable, as the same mistake written inline is', async () => {
    const missing = refused(await gql(service.base, 'query($id: ID!) { node(id: $id) { id } }'), 400, 'BAD_USER_INPUT');
    expect(missing.extensions.variable).toBe('id');
    expect(missing.message).toMatch(/\$id/);

    const mode = refused(await gql(service.base, 'query($mode: ImpactMode) { impact(ids: ["x"], mode: $mode) { summary } }', { mode: 'NUKE' }), 400, 'BAD_USER_INPUT');
    expect(mode.extensions.variable).toBe('mode');
    expect(mode.message).toMatch(/"NUKE".*ImpactMode/);

    const asOf = refused(await gql(service.base, 'query($asOf: AsOf) { node(id: "x", asOf: $asOf) { id } }', { asOf: 'yesterday' }), 400, 'BAD_USER_INPUT');
    expect(asOf.extensions.variable).toBe('asOf');
    expect(asOf.message).toMatch(/"yesterday"/);

    // A variable of the wrong shape in a list, and two mistakes at once: both named.
    const two = refused(await gql(service.base, 'query($ids: [ID!]!, $depth: Int) { lineage(id: "x", depth: $depth) { version } impact(ids: $ids) { summary } }', { depth: 'deep' }), 400, 'BAD_USER_INPUT');
    expect(two.extensions.variables.sort()).toEqual(['depth', 'ids']);

    // The same mistakes inline are validation errors: 400 BAD_USER_INPUT too.
    refused(await gql(service.base, '{ impact(ids: ["x"], mode: NUKE) { summary } }'), 400, 'BAD_USER_INPUT');
    refused(await gql(service.base, '{ node { id } }'), 400, 'BAD_USER_INPUT');
  });

  it('an unknown operation name, or several operations and none named, is BAD_USER_INPUT', async () => {
    const document = 'query A { graphVersion } query B { graphVersion }';
    const unknown = refused(await post(service.base, { query: document, operationName: 'C' }), 400, 'BAD_USER_INPUT');
    expect(unknown.message).toMatch(/no operation named "C"; it has A, B/);
    const unnamed = refused(await post(service.base, { query: document }), 400, 'BAD_USER_INPUT');
    expect(unnamed.message).toMatch(/2 operations .* operationName/);
    expect((await post(service.base, { query: document, operationName: 'B' })).body).toEqual({ data: { graphVersion: 2 } });
  });

  it('a mutation or a subscription, which this API has none of, is a 400', async () => {
    for (const type of ['mutation', 'subscription']) {
      const error = refused(await gql(service.base, `${type} { graphVersion }`), 400, 'BAD_USER_INPUT');
      expect(error.message).toMatch(new RegExp(`no ${type}s, only queries`));
    }
  });

  it('variables are checked whatever else the query asks, and a valid query with them still answers', async () => {
    const ok = await gql(service.base, 'query($id: ID!, $asOf: AsOf) { node(id: $id, asOf: $asOf) { id } }', { id: ids.x, asOf: 1 });
    expect(ok.body).toEqual({ data: { node: { id: ids.x } } });
    expect(ok.status).toBe(200);
  });
});
