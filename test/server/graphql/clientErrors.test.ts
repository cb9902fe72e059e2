import { describe, expect, it } from 'vitest';
import { gql, refused, useRiskService, type GraphQLAnswer } from './graphqlClient.js';
import { ids } from './riskGraph.js';

async function post(base: string, body: Record<string, unknown>): Promise<GraphQLAnswer> {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: await res.json() };
}

describe('every client mistake is a 4xx with its code, over HTTP [pglite]', () => {
  const risk = useRiskService();
  const base = () => risk.service().base;

  it('a missing or invalid variable is BAD_USER_INPUT naming the variable, as the same mistake written inline is', async () => {
    const missing = refused(await gql(base(), 'query($id: ID!) { node(id: $id) { id } }'), 400, 'BAD_USER_INPUT');
    expect(missing.extensions.variable).toBe('id');
    expect(missing.message).toMatch(/\$id/);

    const mode = refused(await gql(base(), 'query($mode: ImpactMode) { impact(ids: ["x"], mode: $mode) { summary } }', { mode: 'NUKE' }), 400, 'BAD_USER_INPUT');
    expect(mode.extensions.variable).toBe('mode');
    expect(mode.message).toMatch(/"NUKE".*ImpactMode/);

    const asOf = refused(await gql(base(), 'query($asOf: AsOf) { node(id: "x", asOf: $asOf) { id } }', { asOf: 'yesterday' }), 400, 'BAD_USER_INPUT');
    expect(asOf.extensions.variable).toBe('asOf');
    expect(asOf.message).toMatch(/"yesterday"/);

    // A variable of the wrong shape in a list, and two mistakes at once: both named.
    const two = refused(await gql(base(), 'query($ids: [ID!]!, $depth: Int) { lineage(id: "x", depth: $depth) { version } impact(ids: $ids) { summary } }', { depth: 'deep' }), 400, 'BAD_USER_INPUT');
    expect(two.extensions.variables.sort()).toEqual(['depth', 'ids']);

    // The same mistakes inline are validation errors: 400 BAD_USER_INPUT too.
    refused(await gql(base(), '{ impact(ids: ["x"], mode: NUKE) { summary } }'), 400, 'BAD_USER_INPUT');
    refused(await gql(base(), '{ node { id } }'), 400, 'BAD_USER_INPUT');
  });

  it('an unknown operation name, or several operations and none named, is BAD_USER_INPUT', async () => {
    const document = 'query A { graphVersion } query B { graphVersion }';
    const unknown = refused(await post(base(), { query: document, operationName: 'C' }), 400, 'BAD_USER_INPUT');
    expect(unknown.message).toMatch(/no operation named "C"; it has A, B/);
    const unnamed = refused(await post(base(), { query: document }), 400, 'BAD_USER_INPUT');
    expect(unnamed.message).toMatch(/2 operations .* operationName/);
    expect((await post(base(), { query: document, operationName: 'B' })).body).toEqual({ data: { graphVersion: 2 } });
  });

  it('a mutation or a subscription, which this API has none of, is a 400', async () => {
    for (const type of ['mutation', 'subscription']) {
      const error = refused(await gql(base(), `${type} { graphVersion }`), 400, 'BAD_USER_INPUT');
      expect(error.message).toMatch(new RegExp(`no ${type}s, only queries`));
    }
  });

  it('variables are checked whatever else the query asks, and a valid query with them still answers', async () => {
    const ok = await gql(base(), 'query($id: ID!, $asOf: AsOf) { node(id: $id, asOf: $asOf) { id } }', { id: ids.x, asOf: 1 });
    expect(ok.body).toEqual({ data: { node: { id: ids.x } } });
    expect(ok.status).toBe(200);
  });
});
