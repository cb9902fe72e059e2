import { describe, expect, it } from 'vitest';
import { parseTokens } from '../../../server/auth/parseTokens.js';
import { TokenRegistry } from '../../../server/auth/tokenRegistry.js';
import { CorsConfigError, parseCorsOrigins } from '../../../server/http/cors.js';
import { rawRequest } from '../httpClient.js';
import { usePgliteServices } from './pgliteServices.js';

const DASHBOARD = 'https://dash.example.com';
const LOCAL_DASHBOARD = 'http://localhost:3000';
const OTHER = 'https://evil.example.net';
const READER = 'reader-secret-0123456789';
const QUERY = '{"query":"{ graphVersion }"}';

const preflight = (base: string, path: string, origin: string, method = 'POST', requestHeaders = 'authorization, content-type, content-encoding') =>
  rawRequest(base, path, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': requestHeaders } });

const corsHeaders = (headers: Record<string, unknown>) => Object.keys(headers).filter((name) => name.startsWith('access-control-'));

describe('DCTX_CORS_ORIGINS', () => {
  it('takes a comma-separated list of exact origins', () => {
    expect(parseCorsOrigins(undefined)).toEqual([]);
    expect(parseCorsOrigins(` ${DASHBOARD}, ${LOCAL_DASHBOARD} `)).toEqual([DASHBOARD, LOCAL_DASHBOARD]);
  });

  it('refuses *, paths, trailing slashes and anything that is not an http(s) origin, naming the entry', () => {
    const refused = (spec: string) => {
      try {
        parseCorsOrigins(spec);
      } catch (error) {
        expect(error).toBeInstanceOf(CorsConfigError);
        return (error as Error).message;
      }
      throw new Error(`accepted ${spec}`);
    };
    expect(refused(`${DASHBOARD},*`)).toBe('DCTX_CORS_ORIGINS entry 2 ("*"): "*" is not accepted; list the exact origins that may call the API, e.g. https://dash.example.com');
    expect(refused(`${DASHBOARD}/`)).toMatch(/entry 1 \("https:\/\/dash.example.com\/"\): not an origin; expected scheme:\/\/host\[:port\] with no path or trailing slash, e.g. https:\/\/dash.example.com$/);
    expect(refused(`${DASHBOARD}/app`)).toMatch(/entry 1 .*not an origin/);
    expect(refused('dash.example.com')).toMatch(/entry 1 .*not an origin/);
    expect(refused('file:///tmp/x')).toMatch(/entry 1 .*not an origin/);
    expect(refused('null')).toMatch(/entry 1 .*not an origin/);
  });
});

describe('CORS over HTTP [pglite]', () => {
  const services = usePgliteServices({ closed: {}, open: { corsOrigins: [DASHBOARD, LOCAL_DASHBOARD], tokens: new TokenRegistry(parseTokens(`reader:read:${READER}`)) } });
  const closed = () => services.service('closed').base;
  const open = () => services.service('open').base;

  it('without configured origins, sends no CORS header at all and refuses a preflight', async () => {
    const refused = await preflight(closed(), '/graphql', DASHBOARD);
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({ code: 'CORS_ORIGIN_NOT_ALLOWED', origin: DASHBOARD });
    expect(refused.json.error.message).toMatch(/cross-origin requests are not enabled; DCTX_CORS_ORIGINS lists the origins/);
    expect(corsHeaders(refused.headers)).toEqual([]);
    const actual = await rawRequest(closed(), '/graphql', { method: 'POST', headers: { origin: DASHBOARD, 'content-type': 'application/json' }, body: QUERY });
    expect(actual.status).toBe(200);
    expect(corsHeaders(actual.headers)).toEqual([]);
    expect(actual.headers.vary).toBeUndefined();
  });

  it('answers a preflight from an allowed origin with 204, the methods and the headers the API takes, without a token', async () => {
    for (const origin of [DASHBOARD, LOCAL_DASHBOARD]) {
      const res = await preflight(open(), '/graphql', origin);
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(res.headers['access-control-allow-methods']).toBe('POST, GET, OPTIONS');
      const allowed = String(res.headers['access-control-allow-headers']).toLowerCase().split(/,\s*/);
      expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type', 'content-encoding']));
      expect(res.headers.vary).toMatch(/\bOrigin\b/);
      expect(Number(res.headers['access-control-max-age'])).toBeGreaterThan(0);
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    }
    const ingest = await preflight(open(), '/api/v1/lineage', DASHBOARD);
    expect(ingest.status).toBe(204);
    expect(ingest.headers['access-control-allow-methods']).toBe('POST, GET, OPTIONS');
  });

  it('refuses a preflight from any other origin with 403 and no CORS headers', async () => {
    for (const origin of [OTHER, `${DASHBOARD}:8443`, 'http://dash.example.com', 'null']) {
      const res = await preflight(open(), '/graphql', origin);
      expect(res.status, origin).toBe(403);
      expect(res.json.error).toMatchObject({ code: 'CORS_ORIGIN_NOT_ALLOWED', origin });
      expect(res.json.error.message).toBe(`origin ${origin} is not allowed; DCTX_CORS_ORIGINS lists the origins that may call this API`);
      expect(corsHeaders(res.headers)).toEqual([]);
      expect(res.headers.vary).toMatch(/\bOrigin\b/);
    }
  });

  it('answers 404 to a preflight for a path the API does not have', async () => {
    const res = await preflight(open(), '/nowhere', DASHBOARD);
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('NOT_FOUND');
  });

  it('marks actual answers for allowed origins only (errors included), never with *, and always varies on Origin', async () => {
    const ok = await rawRequest(open(), '/graphql', { method: 'POST', headers: { origin: DASHBOARD, 'content-type': 'application/json', authorization: `Bearer ${READER}` }, body: QUERY });
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe(DASHBOARD);
    expect(ok.headers.vary).toMatch(/\bOrigin\b/);
    // A dashboard can read why it was refused.
    const unauthenticated = await rawRequest(open(), '/graphql', { method: 'POST', headers: { origin: DASHBOARD, 'content-type': 'application/json' }, body: QUERY });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers['access-control-allow-origin']).toBe(DASHBOARD);
    expect(String(unauthenticated.headers['access-control-expose-headers']).toLowerCase()).toContain('www-authenticate');
    const decision = await rawRequest(open(), '/v1/decision/rule-features?id=nothing', { headers: { origin: LOCAL_DASHBOARD, authorization: `Bearer ${READER}` } });
    expect(decision.status).toBe(404);
    expect(decision.headers['access-control-allow-origin']).toBe(LOCAL_DASHBOARD);

    const other = await rawRequest(open(), '/graphql', { method: 'POST', headers: { origin: OTHER, 'content-type': 'application/json', authorization: `Bearer ${READER}` }, body: QUERY });
    expect(other.status).toBe(200);
    expect(corsHeaders(other.headers)).toEqual([]);
    expect(other.headers.vary).toMatch(/\bOrigin\b/);
    const sameOrigin = await rawRequest(open(), '/healthz');
    expect(corsHeaders(sameOrigin.headers)).toEqual([]);
    expect(sameOrigin.headers.vary).toMatch(/\bOrigin\b/);
  });
});
