import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTokens } from '../../../server/auth/parseTokens.js';
import { TokenRegistry } from '../../../server/auth/tokenRegistry.js';
import { rawRequest, type RawAnswer } from '../httpClient.js';
import { usePgliteServices } from './pgliteServices.js';

const RUNS = Number(process.env.FC_RUNS ?? 80);
const READER = 'reader-secret-0123456789';
const INGESTER = 'ingester-secret-0123456789';
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
const json = { 'content-type': 'application/json' };

function expectSecurityHeaders(res: RawAnswer, what: string): void {
  expect(res.headers['x-content-type-options'], what).toBe('nosniff');
  expect(res.headers['referrer-policy'], what).toBe('no-referrer');
  expect(res.headers['x-powered-by'], what).toBeUndefined();
}

describe('response headers and client errors over HTTP [pglite]', () => {
  const services = usePgliteServices({ guarded: { tokens: new TokenRegistry(parseTokens(`reader:read:${READER},etl:ingest:${INGESTER}`)), maxBodyBytes: 4096 } });
  const base = () => services.service('guarded').base;

  it('sends nosniff and no-referrer on every answer and no X-Powered-By, and a CSP forbidding frames on the page', async () => {
    const answers: [string, RawAnswer][] = [
      ['health', await rawRequest(base(), '/healthz')],
      ['unknown path', await rawRequest(base(), '/nowhere')],
      ['wrong method', await rawRequest(base(), '/healthz', { method: 'DELETE' })],
      ['no token', await rawRequest(base(), '/graphql', { method: 'POST', headers: json, body: '{"query":"{ graphVersion }"}' })],
      ['graphql', await rawRequest(base(), '/graphql', { method: 'POST', headers: { ...json, ...bearer(READER) }, body: '{"query":"{ graphVersion }"}' })],
      ['too large', await rawRequest(base(), '/api/v1/lineage', { method: 'POST', headers: { ...json, ...bearer(INGESTER) }, body: 'x'.repeat(5000) })],
      ['options', await rawRequest(base(), '/graphql', { method: 'OPTIONS' })],
      ['ide page', await rawRequest(base(), '/graphql', { headers: { accept: 'text/html' } })],
      ['ide script', await rawRequest(base(), '/graphql/ide/start.js')],
    ];
    for (const [what, res] of answers) expectSecurityHeaders(res, what);
    // The page may not be framed, by the CSP and by X-Frame-Options for older browsers.
    const page = answers.find(([what]) => what === 'ide page')![1];
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('marks answers that depend on the token Cache-Control: no-store', async () => {
    const answers = [
      await rawRequest(base(), '/graphql', { method: 'POST', headers: { ...json, ...bearer(READER) }, body: '{"query":"{ graphVersion }"}' }),
      await rawRequest(base(), `/graphql?query=${encodeURIComponent('{ graphVersion }')}`, { headers: bearer(READER) }),
      await rawRequest(base(), '/v1/decision/rule-features?id=none', { headers: bearer(READER) }),
      await rawRequest(base(), '/graphql', { method: 'POST', headers: json, body: '{}' }),
      await rawRequest(base(), '/readyz'),
    ];
    for (const res of answers) expect(res.headers['cache-control'], res.text).toBe('no-store');
  });

  it('answers a wrong method with 405 and an Allow header, an unknown path with 404, in JSON', async () => {
    // POST ingests OpenLineage events, GET is Marquez's lineage read (docs/marquez.md).
    const put = await rawRequest(base(), '/api/v1/lineage', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('POST, GET, OPTIONS');
    expect(put.json.error).toMatchObject({ code: 'METHOD_NOT_ALLOWED', allowed: 'POST, GET, OPTIONS' });
    const del = await rawRequest(base(), '/graphql', { method: 'DELETE', headers: bearer(READER) });
    expect(del.status).toBe(405);
    expect(del.headers.allow).toBe('POST, GET, OPTIONS');
    const missing = await rawRequest(base(), '/api/v2/lineage', { method: 'POST' });
    expect(missing.status).toBe(404);
    expect(missing.json.error).toEqual({ code: 'NOT_FOUND', message: 'no route for POST /api/v2/lineage' });
    const options = await rawRequest(base(), '/api/v1/lineage', { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.allow).toBe('POST, GET, OPTIONS');
    // A pattern route (Marquez's) answers its methods too.
    const dataset = await rawRequest(base(), '/api/v1/namespaces/n/datasets/d', { method: 'OPTIONS' });
    expect(dataset.headers.allow).toBe('GET, PUT, DELETE, OPTIONS');
  });

  it('answers nothing a client sends with a 5xx: every request made of known and odd parts is a 4xx or a success, with a JSON or page body', async () => {
    const paths = ['/graphql', '/api/v1/lineage', '/v1/decision/rule-features', '/metrics', '/healthz', '/readyz', '/graphql/ide/start.js', '/', '/graphql/', '//graphql', '/%zz', '/graphql?query=%7B'];
    const bodies = fc.oneof(
      fc.constant(undefined),
      fc.json().map((text) => Buffer.from(text)),
      fc.jsonValue().map((value) => Buffer.from(JSON.stringify({ query: value, variables: value, operationName: value }))),
      fc.constantFrom('{"query":"{ graphVersion }"}', '{"query":"{ nope }"}', '[]', 'null', '{"query":"{ graphVersion","variables":"x"}', '{').map((text) => Buffer.from(text)),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
      fc.json().map((text) => gzipSync(text)),
    );
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
      path: fc.oneof(fc.constantFrom(...paths), fc.webPath().map((path) => path || '/'), fc.constantFrom(...paths).map((path) => `${path}?id=${encodeURIComponent('x')}&name=%E0%A4%A`)),
      contentType: fc.constantFrom(undefined, 'application/json', 'text/plain', 'application/graphql-response+json', 'application/json; charset=latin1', 'multipart/form-data; boundary=x'),
      contentEncoding: fc.constantFrom(undefined, 'gzip', 'deflate', 'identity', 'br', 'gzip, gzip', ''),
      accept: fc.constantFrom(undefined, 'text/html', 'application/json', 'application/xml', '*/*', 'text/html;q=0, */*;q=0.1', 'multipart/mixed'),
      authorization: fc.constantFrom(undefined, `Bearer ${READER}`, `Bearer ${INGESTER}`, 'Bearer', 'Basic abc', `bearer   ${READER}  `),
      origin: fc.constantFrom(undefined, 'https://dash.example.com', 'null'),
      body: bodies,
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers: Record<string, string> = {};
        if (r.contentType !== undefined) headers['content-type'] = r.contentType;
        if (r.contentEncoding !== undefined) headers['content-encoding'] = r.contentEncoding;
        if (r.accept !== undefined) headers.accept = r.accept;
        if (r.authorization !== undefined) headers.authorization = r.authorization;
        if (r.origin !== undefined) headers.origin = r.origin;
        if (r.origin !== undefined && r.method === 'OPTIONS') headers['access-control-request-method'] = 'POST';
        const res = await rawRequest(base(), r.path, { method: r.method, headers, body: r.body });
        expect(res.status, `${r.method} ${r.path}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
        if (res.status !== 204 && res.status !== 304) {
          const type = String(res.headers['content-type']);
          expect(type, `${r.method} ${r.path}`).toMatch(/^(application\/(graphql-response\+)?json|text\/html|text\/javascript|text\/plain; version=0\.0\.4)/);
        }
      }),
      { numRuns: RUNS },
    );
    expect((await rawRequest(base(), '/healthz')).status).toBe(200);
  });
});
