import { describe, expect, it } from 'vitest';
import { parseTokens, TokenConfigError } from '../../../server/auth/parseTokens.js';
import { TokenRegistry } from '../../../server/auth/tokenRegistry.js';
import { rawRequest } from '../httpClient.js';
import { usePgliteServices } from './pgliteServices.js';

const READER = 'reader-secret-0123456789';
const SCRAPER = 'scraper-secret-0123456789';
const ADMIN = 'admin-secret-0123456789abc';
const SHARED = 'one-secret-for-two-tokens-123';
const MISPLACED = 'Kq7vX2mN9pL4wR8tY3zB6c';
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

function refusal(spec: string): string {
  try {
    parseTokens(spec);
  } catch (error) {
    expect(error).toBeInstanceOf(TokenConfigError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('DCTX_TOKENS configuration mistakes', () => {
  it('refuses two tokens with one secret, naming both tokens and not the secret', () => {
    const message = refusal(`dashboard:read:${SHARED},airflow:ingest:${SHARED}`);
    expect(message).toBe('DCTX_TOKENS entry 1 (dashboard) and DCTX_TOKENS entry 2 (airflow) have the same secret; give each token its own secret');
    expect(message).not.toContain(SHARED);
    // A registry built without parseTokens refuses it too: the read-only holder could otherwise ingest.
    expect(() => new TokenRegistry([{ name: 'dashboard', scopes: ['read'], secret: SHARED }, { name: 'airflow', scopes: ['ingest'], secret: SHARED }])).toThrow(
      'tokens dashboard and airflow have the same secret; give each token its own secret',
    );
  });

  it('refuses two tokens with one name', () => {
    expect(refusal(`etl:read:${READER},etl:ingest:${ADMIN}`)).toBe('DCTX_TOKENS entry 2 (etl): the name is used twice, also by DCTX_TOKENS entry 1 (etl); give each token its own name');
  });

  it('says which entry has an unknown scope without echoing the value, which may be a misplaced secret', () => {
    const message = refusal(`dashboard:read:${READER},etl:${MISPLACED}:read`);
    expect(message).toBe(
      'DCTX_TOKENS entry 2 (etl): scope 1 of 1 is not one of read, ingest, audit, metrics or admin (the value is not shown: it may be a misplaced secret; the format is name:scope+scope:secret)',
    );
    expect(message).not.toContain(MISPLACED);
    expect(refusal(`etl:read+${MISPLACED}:${READER}`)).toMatch(/^DCTX_TOKENS entry 1 \(etl\): scope 2 of 2 is not one of/);
    // A secret in the name's place with a character a name may not hold is not echoed either.
    const inName = refusal(`${MISPLACED}/x:read:${READER}`);
    expect(inName).toBe('DCTX_TOKENS entry 1: the name may only hold letters, digits and _.@- (the value is not shown: it may be a misplaced secret)');
    // A secret swapped with the name (`<secret>:read:etl`) leaves a short secret and a long name: the name is not shown.
    const swapped = refusal(`${MISPLACED}:read:etl`);
    expect(swapped).toBe('DCTX_TOKENS entry 1 (the name is not shown: it is as long as a secret, and may be one): the secret must be at least 16 characters');
    expect(refusal('etl:read:short')).toBe('DCTX_TOKENS entry 1 (etl): the secret must be at least 16 characters');
  });

  it('knows the metrics scope', () => {
    expect(parseTokens(`prometheus:metrics:${SCRAPER}`)).toEqual([{ name: 'prometheus', scopes: ['metrics'], secret: SCRAPER }]);
  });
});

describe('/metrics access over HTTP [pglite]', () => {
  const services = usePgliteServices({ withTokens: { tokens: new TokenRegistry(parseTokens(`reader:read:${READER},prometheus:metrics:${SCRAPER},root:admin:${ADMIN}`)) }, withoutTokens: {} });
  const withTokens = () => services.service('withTokens').base;
  const withoutTokens = () => services.service('withoutTokens').base;

  it('needs a token with the metrics scope (or admin) when tokens are configured', async () => {
    const none = await rawRequest(withTokens(), '/metrics');
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe('UNAUTHENTICATED');
    expect(none.headers['www-authenticate']).toBe('Bearer');
    const reader = await rawRequest(withTokens(), '/metrics', { headers: bearer(READER) });
    expect(reader.status).toBe(403);
    expect(reader.json.error.message).toBe('GET /metrics needs a token with the metrics scope; reader lacks it');
    for (const secret of [SCRAPER, ADMIN]) {
      const res = await rawRequest(withTokens(), '/metrics', { headers: bearer(secret) });
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/^# HELP /m);
    }
    // A metrics token reads no graph data.
    const graphql = await rawRequest(withTokens(), '/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(SCRAPER) }, body: '{"query":"{ graphVersion }"}' });
    expect(graphql.status).toBe(403);
  });

  it('stays open without tokens (the server is then on loopback only), like the health checks', async () => {
    expect((await rawRequest(withoutTokens(), '/metrics')).status).toBe(200);
    expect((await rawRequest(withTokens(), '/healthz')).status).toBe(200);
  });
});
