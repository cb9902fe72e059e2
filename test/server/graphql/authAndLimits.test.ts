import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { parseTokens, TokenConfigError } from '../../../server/auth/parseTokens.js';
import { TokenRegistry, assertSafeBinding } from '../../../server/auth/tokenRegistry.js';
import { DEFAULT_LIMITS } from '../../../server/graphql/limits.js';
import { createTestDatabase, type TestDatabase } from '../../support/engines.js';
import { gql, startGraphQL, type RunningService } from './graphqlClient.js';
import { ids, loadRiskPlatform } from './riskGraph.js';

const READER = 'reader-secret-0123456789';
const INGESTER = 'ingester-secret-0123456789';
const AUDITOR = 'auditor-secret-0123456789';
const ADMIN = 'admin-secret-0123456789abc';
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

describe('API tokens', () => {
  it('parses name:scope+scope:secret lists and names a bad entry without its secret', () => {
    expect(parseTokens('ui:read:abcdefghijklmnop:q, etl:ingest+read:0123456789abcdef')).toEqual([
      { name: 'ui', scopes: ['read'], secret: 'abcdefghijklmnop:q' },
      { name: 'etl', scopes: ['ingest', 'read'], secret: '0123456789abcdef' },
    ]);
    expect(parseTokens(undefined)).toEqual([]);
    const bad = (spec: string) => {
      try {
        parseTokens(spec);
      } catch (error) {
        expect(error).toBeInstanceOf(TokenConfigError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(bad('ui:read:abcdefghijklmnop,etl:write:topsecretvalue123')).toMatch(/^DCTX_TOKENS entry 2 \(etl\): scope 1 of 1 is not one of read, ingest, audit, metrics or admin/);
    expect(bad('ui:read:short')).toMatch(/entry 1 \(ui\): the secret must be at least 16/);
    expect(bad('ui:read:short')).not.toContain('short');
    expect(bad('justaname')).toMatch(/entry 1: expected name:scope\+scope:secret/);
    expect(bad('a:read:abcdefghijklmnop,a:read:bcdefghijklmnopq')).toMatch(/used twice/);
  });

  it('keeps only digests of secrets, and refuses to bind beyond loopback without tokens', () => {
    const registry = new TokenRegistry(parseTokens(`ui:read:${READER}`));
    // Everything the object holds, private fields and buffers' bytes included, as a heap dump or a
    // logged object would show it: the secret's SHA-256 is there, the secret is not, in any form.
    const held = inspect(registry, { showHidden: true, depth: Infinity, maxArrayLength: Infinity, maxStringLength: Infinity });
    const digest = createHash('sha256').update(READER).digest();
    expect(held).toContain(inspect(digest));
    for (const form of [READER, Buffer.from(READER).toString('hex'), inspect(Buffer.from(READER)).slice('<Buffer '.length, -1), Buffer.from(READER).toString('base64')]) {
      expect(held).not.toContain(form);
    }
    expect(registry.authenticate(`Bearer ${READER}`).name).toBe('ui');
    expect(() => assertSafeBinding(new TokenRegistry([]), '0.0.0.0')).toThrow(/refusing to listen on 0.0.0.0 without API tokens/);
    expect(() => assertSafeBinding(new TokenRegistry([]), '127.0.0.1')).not.toThrow();
    expect(() => assertSafeBinding(registry, '0.0.0.0')).not.toThrow();
  });
});

describe('GraphQL auth, limits and errors over HTTP [pglite]', () => {
  let database: TestDatabase;
  let store: GraphStore;
  let service: RunningService;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    store = await database.open();
    await loadRiskPlatform(store);
    const tokens = new TokenRegistry(parseTokens(`reader:read:${READER},etl:ingest:${INGESTER},auditor:read+audit:${AUDITOR},root:admin:${ADMIN}`));
    service = await startGraphQL(store, { tokens, limits: { ...DEFAULT_LIMITS, maxQueryDepth: 6, maxQueryComplexity: 6_000, maxLineageDepth: 8, maxPageSize: 100 }, maxBodyBytes: 4096 });
  });
  afterAll(async () => {
    await service?.close();
    await database?.dispose();
  });

  const q = '{ graphVersion }';

  it('answers 401 without a token or with an unknown one, 403 without the scope, 200 with it', async () => {
    const none = await gql(service.base, q);
    expect(none.status).toBe(401);
    expect(none.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const unknown = await gql(service.base, q, {}, bearer('not-a-known-token-at-all'));
    expect(unknown.status).toBe(401);
    const ingestOnly = await gql(service.base, q, {}, bearer(INGESTER));
    expect(ingestOnly.status).toBe(403);
    expect(ingestOnly.body.errors[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(ingestOnly.body.errors[0].message).toMatch(/read scope; etl lacks it/);
    expect((await gql(service.base, q, {}, bearer(READER))).body).toEqual({ data: { graphVersion: expect.any(Number) } });
    expect((await gql(service.base, q, {}, bearer(ADMIN))).status).toBe(200);
  });

  it('guards the ingest endpoint with the ingest scope and records the token name as the actor', async () => {
    const event = {
      eventType: 'COMPLETE', eventTime: '2026-11-20T10:00:00Z', producer: 'https://example.com/test', schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
      run: { runId: '0191a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5b' }, job: { namespace: 'airflow://auth', name: 'load_x' },
      inputs: [{ namespace: 'hive://auth', name: 'src' }], outputs: [{ namespace: 'hive://auth', name: 'dst' }],
    };
    const post = (headers: Record<string, string>) => fetch(`${service.base}/api/v1/lineage`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(event) });
    expect((await post({})).status).toBe(401);
    expect((await post(bearer(READER))).status).toBe(403);
    const ok = await post(bearer(INGESTER));
    expect(ok.status).toBe(201);
    const { version } = (await ok.json()) as { version: number };
    expect((await store.changeset(version))?.actor).toBe('etl');
  });

  it('refuses the audit query without the audit scope (403) and lets an auditor run it', async () => {
    const auditQuery = '{ audit { version } }';
    const reader = await gql(service.base, auditQuery, {}, bearer(READER));
    expect(reader.status).toBe(403);
    expect(reader.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const auditor = await gql(service.base, auditQuery, {}, bearer(AUDITOR));
    expect(auditor.status).toBe(200);
    expect(auditor.body.data.audit.version).toBeGreaterThanOrEqual(2);
  });

  it('refuses queries over the depth, complexity, lineage-depth and page-size limits with LIMIT_EXCEEDED', async () => {
    const deep = await gql(service.base, `{ node(id: "${ids.x}") { ... on Asset { producers { nodes { inputs { nodes { producers { nodes { id } } } } } } } } }`, {}, bearer(READER));
    expect(deep.status).toBe(400);
    expect(deep.body.errors[0]).toMatchObject({ extensions: { code: 'LIMIT_EXCEEDED', measure: 'depth', limit: 6, value: 8 } });
    expect(deep.body.errors[0].message).toMatch(/query depth 8 exceeds the limit of 6/);
    const complex = await gql(service.base, `{ search(query: "", first: 100) { nodes { ... on Asset { producers(first: 100) { nodes { id } } } } } }`, {}, bearer(READER));
    expect(complex.status).toBe(400);
    expect(complex.body.errors[0]).toMatchObject({ extensions: { code: 'LIMIT_EXCEEDED', measure: 'complexity', limit: 6000 } });
    const lineage = await gql(service.base, `{ lineage(id: "${ids.a}", direction: DOWNSTREAM, depth: 9) { version } }`, {}, bearer(READER));
    expect(lineage.body.errors[0]).toMatchObject({ extensions: { code: 'LIMIT_EXCEEDED', argument: 'depth', limit: 8 } });
    const page = await gql(service.base, `{ search(query: "", first: 101) { totalCount } }`, {}, bearer(READER));
    expect(page.body.errors[0]).toMatchObject({ extensions: { code: 'LIMIT_EXCEEDED', argument: 'first', limit: 100 } });
  });

  it('refuses a body over the size limit with 413 and LIMIT_EXCEEDED', async () => {
    const big = await gql(service.base, `{ graphVersion }`, { pad: 'x'.repeat(5000) }, bearer(READER));
    expect(big.status).toBe(413);
    expect(big.body.errors[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 4096 });
  });

  it('follows GraphQL over HTTP: GET for queries, 400 for unparsable or invalid documents, JSON content types', async () => {
    const get = await fetch(`${service.base}/graphql?query=${encodeURIComponent('{ graphVersion }')}`, { headers: bearer(READER) });
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
    expect(await get.json()).toEqual({ data: { graphVersion: expect.any(Number) } });
    const parse = await gql(service.base, '{ graphVersion', {}, { ...bearer(READER), accept: 'application/graphql-response+json' });
    expect(parse.status).toBe(400);
    expect(parse.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'GRAPHQL_PARSE_FAILED' });
    const invalid = await gql(service.base, '{ noSuchField }', {}, { ...bearer(READER), accept: 'application/graphql-response+json' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' });
    const notJson = await fetch(`${service.base}/graphql`, { method: 'POST', headers: { ...bearer(READER), 'content-type': 'text/plain' }, body: '{ graphVersion }' });
    expect(notJson.status).toBe(415);
    const badJson = await fetch(`${service.base}/graphql`, { method: 'POST', headers: { ...bearer(READER), 'content-type': 'application/json' }, body: '{"query": ' });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as any).errors[0].message).toMatch(/malformed JSON at line 1, column/);
  });

  it('exposes Prometheus metrics: request latency per route and root field, and the index lag', async () => {
    await gql(service.base, 'query Probe { graphVersion }', {}, bearer(READER));
    await gql(service.base, 'query Both { graphVersion changes { version } }', {}, bearer(READER));
    const res = await fetch(`${service.base}/metrics`, { headers: bearer(ADMIN) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/dctx_http_request_duration_seconds_count\{route="graphql",method="POST",status="200"\} \d+/);
    // Labelled by the root field the operation runs, never by the name the client gave it.
    expect(text).toMatch(/dctx_graphql_operation_duration_seconds_count\{operation="graphVersion",outcome="ok"\} \d+/);
    expect(text).toMatch(/dctx_graphql_operation_duration_seconds_count\{operation="other",outcome="ok"\} 1\n/);
    expect(text).not.toMatch(/operation="(Probe|Both)"/);
    expect(text).toMatch(/dctx_index_version_lag 0/);
    // The ingest test above committed one OpenLineage event (the 401 and 403 attempts never reached the route).
    expect(text).toMatch(/dctx_ingest_events_total\{source="openlineage"\} 1\n/);
    expect(text).not.toContain(READER);
  });
});

describe('GraphQL error masking [pglite]', () => {
  it('masks an internal error to INTERNAL with an id, and keeps the details out of the answer', async () => {
    const database = await createTestDatabase('pglite');
    const store = await database.open();
    await loadRiskPlatform(store);
    const service = await startGraphQL(store);
    try {
      // A table the definition loader reads is gone: the resolver fails on a real database error.
      await store.db.exec('DROP TABLE node_version');
      const answer = await gql(service.base, `{ node(id: "${ids.x}") { id ... on Asset { description } } }`);
      expect(answer.status).toBe(200);
      expect(answer.body.data.node).toEqual({ id: ids.x, description: null });
      expect(answer.body.errors).toHaveLength(1);
      expect(answer.body.errors[0].message).toBe('internal error');
      expect(answer.body.errors[0].extensions).toEqual({ code: 'INTERNAL', errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(JSON.stringify(answer.body)).not.toMatch(/node_version|relation|stack/i);
    } finally {
      await service.close();
      await database.dispose();
    }
  });
});
