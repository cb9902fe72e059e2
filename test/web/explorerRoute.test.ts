import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphStore } from '../../graph-model/store/graphStore.js';
import { EXPLORER_DIST } from '../../server/http/routes/explorer.js';
import { startServer } from '../server/httpClient.js';

/** The initial download of the explorer, gzip: index.html and what it loads (not the layout worker, loaded when a graph is drawn). */
const INITIAL_BUDGET_GZIP = 500 * 1024;

/** A GET that leaves the body as sent (fetch would decompress it). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('the explorer at /', () => {
  let store: GraphStore;
  let dist: string;
  let empty: string;
  let built: { base: string; close(): Promise<void> };
  let unbuilt: { base: string; close(): Promise<void> };
  beforeAll(async () => {
    store = await GraphStore.open({ dataDir: 'memory' });
    // A copy of the build, so the test can remove a file from it without touching web/dist.
    dist = mkdtempSync(join(tmpdir(), 'dctx-explorer-'));
    cpSync(EXPLORER_DIST, dist, { recursive: true });
    empty = mkdtempSync(join(tmpdir(), 'dctx-explorer-empty-'));
    built = await startServer(store, { explorerDir: dist });
    unbuilt = await startServer(store, { explorerDir: empty });
  });
  afterAll(async () => {
    await built.close();
    await unbuilt.close();
    await store.close();
    rmSync(dist, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  });

  const assetsOf = (html: string) => [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);

  it('serves index.html without caching, under a same-origin-only CSP, to anyone (the page holds no data)', async () => {
    const res = await fetch(`${built.base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy')!;
    for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "worker-src 'self'", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|blob:|data:|https?:/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).toContain('<div id="app">');
    // Everything the page loads comes from this server.
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    expect(assetsOf(html).length).toBeGreaterThanOrEqual(2);
  });

  it('serves hashed assets for a year, immutable, gzipped when asked, within the initial download budget', async () => {
    const html = await (await fetch(`${built.base}/`)).text();
    let gzipTotal = 0;
    for (const path of assetsOf(html)) {
      const res = await rawGet(`${built.base}${path}`, { 'accept-encoding': 'gzip, deflate' });
      expect(res.status, path).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      if (path.endsWith('.js')) expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
      const raw = readFileSync(join(dist, path));
      if (raw.length > 4096) expect(res.headers['content-encoding'], path).toBe('gzip');
      expect((res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.body) : res.body).equals(raw), path).toBe(true);
      gzipTotal += res.body.length;
    }
    gzipTotal += (await rawGet(`${built.base}/`, { 'accept-encoding': 'gzip' })).body.length;
    // Without gzip in accept-encoding, the bytes as they are.
    const plain = await rawGet(`${built.base}${assetsOf(html).find((p) => p.endsWith('.js'))!}`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzipTotal).toBeLessThanOrEqual(INITIAL_BUDGET_GZIP);
  });

  it('answers 404 for an asset it does not have, and for one a rebuild removed before it was served', async () => {
    expect((await fetch(`${built.base}/assets/nope-12345678.js`)).status).toBe(404);
    // (One already served stays served from memory: under its hashed name its content cannot change.)
    const name = readdirSync(join(dist, 'assets')).find((n) => n.startsWith('elkWorker'))!;
    rmSync(join(dist, 'assets', name));
    expect((await fetch(`${built.base}/assets/${name}`)).status).toBe(404);
  });

  it('picks up a rebuild while running: a new asset is served after index.html is loaded again', async () => {
    writeFileSync(join(dist, 'assets', 'later-abcdef12.js'), 'export {};\n');
    expect((await fetch(`${built.base}/assets/later-abcdef12.js`)).status).toBe(404);
    await fetch(`${built.base}/`);
    expect((await fetch(`${built.base}/assets/later-abcdef12.js`)).status).toBe(200);
  });

  it('without a build, says so at / with a 503 page naming the command, and still serves the API', async () => {
    const res = await fetch(`${unbuilt.base}/`);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const text = await res.text();
    expect(text).toContain('The explorer is not built');
    expect(text).toContain('npm run web:build');
    expect((await fetch(`${unbuilt.base}/healthz`)).status).toBe(200);
  });
});
