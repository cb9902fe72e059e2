import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestEvents } from '../../../ingestors/openlineage/index.js';
import { parseTokens } from '../../../server/auth/parseTokens.js';
import { TokenRegistry } from '../../../server/auth/tokenRegistry.js';
import { RUN_1, dataset, runEvent } from '../../ingestors/openlineage/olEvents.js';
import { describeWithBrowser, launchBrowser, watchPage, type Browser } from '../../support/browser.js';
import { startGraphQL } from '../graphql/graphqlClient.js';
import { rawRequest } from '../httpClient.js';
import { usePgliteServices } from './pgliteServices.js';

const READER = 'reader-secret-0123456789';
/** What Chromium sends when the address bar opens a URL. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const PROBE_JOB = 'ide_probe_job';

/** The CSP's directives by name. */
function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((part) => part.trim().split(/\s+/)).filter((words) => words[0]).map(([name, ...values]) => [name!, values]));
}

/** Every URL a page links (src, href). */
const linked = (html: string) => [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((match) => match[1]!);

const probe = runEvent({ runId: RUN_1, eventType: 'COMPLETE', eventTime: '2026-03-01T08:05:00Z', job: PROBE_JOB, outputs: [dataset('risk.ide_probe_out')] });
const services = usePgliteServices({ open: {}, guarded: { tokens: new TokenRegistry(parseTokens(`reader:read:${READER}`)) }, ideOff: { graphqlIde: false } }, (store) =>
  ingestEvents(store, [probe], 'test'),
);
const open = () => services.service('open').base;
const guarded = () => services.service('guarded').base;
const ideOff = () => services.service('ideOff').base;

describe('the GraphQL IDE at GET /graphql over HTTP [pglite]', () => {
  it('serves a page to a browser that loads nothing from another host, under a CSP of the service\'s own origin', async () => {
    const res = await rawRequest(open(), '/graphql', { headers: { accept: BROWSER_ACCEPT } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    for (const url of linked(res.text)) expect(url, url).toMatch(/^(graphql\/ide\/[\w.-]+|data:,)$/);
    expect(res.text).not.toMatch(/apollographql|googleapis|gstatic|unpkg|jsdelivr|cdn\./i);
    const csp = directives(String(res.headers['content-security-policy']));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    // Styles: the service's files, and the one <style> element GraphiQL's dialogs add, by a nonce made per page.
    expect(csp.get('style-src')).toEqual(["'self'", expect.stringMatching(/^'nonce-[A-Za-z0-9+/=]{24}'$/)]);
    const again = await rawRequest(open(), '/graphql', { headers: { accept: BROWSER_ACCEPT } });
    expect(again.headers['content-security-policy']).not.toBe(res.headers['content-security-policy']);
  });

  it('serves the page\'s scripts and styles from the packages, with an ETag, 304 when unchanged and gzip when accepted', async () => {
    const page = await rawRequest(open(), '/graphql', { headers: { accept: BROWSER_ACCEPT } });
    const assets = linked(page.text).filter((url) => url.startsWith('graphql/ide/'));
    expect(assets.map((url) => url.split('/').pop())).toEqual(['graphiql.min.css', 'ide.css', 'react.production.min.js', 'react-dom.production.min.js', 'graphiql.min.js', 'start.js']);
    for (const url of assets) {
      const res = await rawRequest(open(), `/${url}`);
      expect(res.status, url).toBe(200);
      expect(res.headers['content-type'], url).toBe(url.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
      expect(res.headers.etag, url).toMatch(/^"[\w-]+"$/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      const cached = await rawRequest(open(), `/${url}`, { headers: { 'if-none-match': String(res.headers.etag) } });
      expect(cached.status, url).toBe(304);
      expect(cached.text).toBe('');
      const zipped = await rawRequest(open(), `/${url}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
      if (zipped.headers['content-encoding'] === 'gzip') expect(Number(zipped.headers['content-length'])).toBeLessThan(Buffer.byteLength(res.text));
    }
    // The gzip answer is the same file (fetch inflates it).
    const plain = await rawRequest(open(), '/graphql/ide/graphiql.min.js');
    const zipped = await fetch(`${open()}/graphql/ide/graphiql.min.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(Number(zipped.headers.get('content-length'))).toBeLessThan(Buffer.byteLength(plain.text) / 2);
    expect(zipped.headers.get('vary')).toMatch(/Accept-Encoding/);
    expect(await zipped.text()).toBe(plain.text);
    // Each representation has its own validator, and each revalidates.
    const zippedTag = String(zipped.headers.get('etag'));
    expect(zippedTag).not.toBe(plain.headers.etag);
    expect((await rawRequest(open(), '/graphql/ide/graphiql.min.js', { headers: { 'accept-encoding': 'gzip', 'if-none-match': zippedTag } })).status).toBe(304);
    const refused = await rawRequest(open(), '/graphql/ide/graphiql.min.js', { headers: { 'accept-encoding': 'gzip;q=0' } });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('needs no token for the page and its files, and still one for GraphQL, asking for it in the headers editor', async () => {
    const page = await rawRequest(guarded(), '/graphql', { headers: { accept: BROWSER_ACCEPT } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-tokens="required"');
    expect((await rawRequest(guarded(), '/graphql/ide/start.js')).status).toBe(200);
    const get = await rawRequest(guarded(), `/graphql?query=${encodeURIComponent('{ graphVersion }')}`, { headers: { accept: 'application/json' } });
    expect(get.status).toBe(401);
    const curl = await rawRequest(guarded(), `/graphql?query=${encodeURIComponent('{ graphVersion }')}`, { headers: { accept: '*/*' } });
    expect(curl.status).toBe(401);
  });

  it('with the IDE off (DCTX_GRAPHQL_IDE=false), answers a browser\'s GET /graphql as GraphQL over HTTP, with no page and no Apollo landing page', async () => {
    const res = await rawRequest(ideOff(), '/graphql', { headers: { accept: BROWSER_ACCEPT } });
    expect(res.headers['content-type']).not.toMatch(/html/);
    expect(res.status).toBe(400);
    expect(res.json.errors[0].message).toMatch(/must contain a non-empty `query`/);
    expect((await rawRequest(ideOff(), '/graphql/ide/start.js')).status).toBe(404);
    const query = await rawRequest(ideOff(), `/graphql?query=${encodeURIComponent('{ graphVersion }')}`, { headers: { accept: BROWSER_ACCEPT } });
    expect(query.status).toBe(200);
    expect(query.json.data.graphVersion).toEqual(expect.any(Number));
  });
});

describeWithBrowser('the GraphQL IDE in a browser (Debian chromium) [pglite]', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  const queryEditor = '.graphiql-query-editor .CodeMirror';
  const headersEditor = '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror';
  const setEditor = (selector: string, text: string) => `document.querySelector(${JSON.stringify(selector)}).CodeMirror.setValue(${JSON.stringify(text)})`;
  const resultText = `document.querySelector('.result-window')?.textContent ?? ''`;

  it('runs a query through the IDE and shows the answer, loading nothing from another host and breaking no CSP rule', { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    const watch = await watchPage(page);
    await page.goto(`${open()}/graphql`);
    await page.waitForSelector(queryEditor, { timeout: 60_000 });
    await page.evaluate(setEditor(queryEditor, `{ search(query: "${PROBE_JOB}") { totalCount nodes { name } } }`));
    await page.click('button[aria-label^="Execute query"]');
    await page.waitForFunction(`(${resultText}).includes(${JSON.stringify(PROBE_JOB)})`, null, { timeout: 30_000 });
    expect(await page.evaluate(resultText)).toMatch(/"totalCount":\s*1/);
    // A dialog: GraphiQL adds a <style> element for it, which the page's nonce must cover.
    await page.click('button[aria-label="Open settings dialog"]');
    await page.waitForSelector('[role=dialog]');
    await page.keyboard.press('Escape');

    const origin = new URL(open()).origin;
    const elsewhere = watch.requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
    expect(elsewhere).toEqual([]);
    expect(watch.requests).toContain(`${origin}/graphql/ide/graphiql.min.js`);
    expect(watch.cspViolations).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    await page.close();
  });

  it('lets the user give a token in the headers editor when tokens are configured', { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    const watch = await watchPage(page);
    await page.goto(`${guarded()}/graphql`);
    await page.waitForSelector(headersEditor, { timeout: 60_000 });
    await page.evaluate(setEditor(queryEditor, '{ graphVersion }'));
    await page.click('button[aria-label^="Execute query"]');
    await page.waitForFunction(`(${resultText}).includes('UNAUTHENTICATED')`, null, { timeout: 30_000 });
    await page.evaluate(setEditor(headersEditor, JSON.stringify({ Authorization: `Bearer ${READER}` })));
    await page.click('button[aria-label^="Execute query"]');
    await page.waitForFunction(`(${resultText}).includes('"graphVersion"')`, null, { timeout: 30_000 });
    expect(await page.evaluate(resultText)).not.toContain('UNAUTHENTICATED');
    // The token stays in the tab: neither the headers editor nor the history writes it to localStorage.
    const stored = String(await page.evaluate(`JSON.stringify(Object.entries(localStorage))`));
    expect(stored).toContain('graphiql:queries');
    expect(stored).not.toContain(READER);
    expect(watch.cspViolations).toEqual([]);
    await page.close();
  });

  it('lets a dashboard on an allowed origin call the API from the browser, and blocks one on another origin', { timeout: 120_000 }, async () => {
    // Two "dashboards": pages on two other origins (other ports), one of them allowed.
    const pages: Server[] = [];
    const serveDashboard = async () => {
      const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>dashboard</title>'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      pages.push(server);
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    };
    const allowed = await serveDashboard();
    const other = await serveDashboard();
    const api = await startGraphQL(services.store(), { corsOrigins: [allowed], tokens: new TokenRegistry(parseTokens(`reader:read:${READER}`)) });
    try {
      const call = `fetch(${JSON.stringify(`${api.base}/graphql`)}, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ${READER}' }, body: JSON.stringify({ query: '{ graphVersion }' }) })
        .then((res) => res.json()).then((body) => 'ok ' + JSON.stringify(body), (error) => 'blocked ' + error.message)`;
      const page = await browser.newPage();
      await page.goto(allowed);
      expect(await page.evaluate(call)).toMatch(/^ok \{"data":\{"graphVersion":\d+\}\}$/);
      await page.goto(other);
      expect(await page.evaluate(call)).toMatch(/^blocked /);
      await page.close();
    } finally {
      await api.close();
      for (const server of pages) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    }
  });
});
