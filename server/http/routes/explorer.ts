import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpError } from '../httpError.js';
import type { Handler, Router } from '../router.js';
import { pageHeaders } from '../securityHeaders.js';
import { contentTypeFor, loadedFile, sendStaticFile, type LoadedFile } from '../staticFiles.js';

/** Where `npm run web:build` (and `npm start`, which builds it when missing or stale) writes the explorer. */
export const EXPLORER_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/**
 * The explorer's pages may load only what this server serves: its scripts, styles, layout worker
 * and GraphQL. No CDN, no inline script or style, no telemetry, no framing.
 */
export const EXPLORER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Vite names every file under assets/ by a hash of its content: it never changes under that name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const HTML = contentTypeFor('index.html');

/** The page's own headers: its CSP and frame protection, and no window shared with another origin's. */
const PAGE_HEADERS = { ...pageHeaders(EXPLORER_CSP), 'cross-origin-opener-policy': 'same-origin' };

function notBuiltPage(distDir: string): Promise<LoadedFile> {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>data-context explorer: not built</title></head>
<body><main><h1>The explorer is not built</h1>
<p>This server serves the lineage explorer from <code>${distDir.replace(/[<>&]/g, '')}</code>, which has no <code>index.html</code>.</p>
<p>Build it with <code>npm run web:build</code> (<code>npm start</code> builds it by itself when it is missing or stale), then reload.</p>
<p>The GraphQL API is served at <a href="/graphql">/graphql</a> all the same.</p></main></body></html>\n`;
  return loadedFile(Buffer.from(html), HTML);
}

/**
 * `GET /`: the lineage explorer (web/), a single page whose views are all URLs of `/` with a query
 * string; `GET /assets/<hashed name>`: its scripts, styles and layout worker, cached for a year.
 * Public like health: the page holds no graph data, and every GraphQL call it makes needs the
 * caller's token as any other client's would. Without a build, `/` answers 503 saying how to make one.
 *
 * The router matches exact paths, so each asset gets its route; the directory is scanned again
 * whenever index.html is served, so a rebuild while the server runs is picked up by a reload.
 */
export function explorerRoutes(router: Router, distDir: string = EXPLORER_DIST): void {
  const registered = new Set<string>();
  const assets = new Map<string, LoadedFile>();

  const registerAssets = () => {
    const dir = join(distDir, 'assets');
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = `/assets/${name}`;
      if (registered.has(path) || !statSync(join(dir, name)).isFile()) continue;
      registered.add(path);
      let contentType: string;
      try {
        contentType = contentTypeFor(name);
      } catch {
        contentType = 'application/octet-stream';
      }
      router.on(
        'GET',
        path,
        async (req, res) => {
          let file = assets.get(path);
          if (!file) {
            // A file of an earlier build that a rebuild removed: its name is simply unknown now.
            const body = await readFile(join(dir, name)).catch(() => null);
            if (!body) throw new HttpError('NOT_FOUND', `no route for GET ${path}`);
            file = await loadedFile(body, contentType);
            assets.set(path, file);
          }
          sendStaticFile(req, res, contentType, file, IMMUTABLE, PAGE_HEADERS);
        },
        { name: 'explorer asset' },
      );
    }
  };

  const page: Handler = async (req, res) => {
    let index: Buffer;
    try {
      index = readFileSync(join(distDir, 'index.html'));
    } catch {
      sendStaticFile(req, res, HTML, await notBuiltPage(distDir), 'no-store', PAGE_HEADERS, 503);
      return;
    }
    registerAssets();
    sendStaticFile(req, res, HTML, await loadedFile(index, HTML), 'no-cache', PAGE_HEADERS);
  };
  // HEAD too (Node sends the headers without the body), for link checkers and `curl -I`.
  router.on('GET', '/', page, { name: 'explorer' });
  router.on('HEAD', '/', page, { name: 'explorer' });
  registerAssets();
}
