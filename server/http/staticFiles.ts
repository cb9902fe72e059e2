import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import Negotiator from 'negotiator';
import type { Router } from './router.js';

const gzipAsync = promisify(gzip);

export const CONTENT_TYPES = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
  svg: 'image/svg+xml',
  json: 'application/json; charset=utf-8',
  woff2: 'font/woff2',
  png: 'image/png',
} as const;

/** A file the service serves as it is on disk (a package's bundle, a page's script). */
export interface StaticFile {
  /** The URL path it is served at. */
  path: string;
  /** Its absolute path on disk. */
  file: string;
  contentType: string;
}

interface LoadedFile {
  body: Buffer;
  /** The body gzipped, when that is smaller (text); null for files that do not compress (fonts, images). */
  gzipped: Buffer | null;
  etag: string;
}

async function load(file: StaticFile): Promise<LoadedFile> {
  const body = await readFile(file.file);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  const compressible = file.contentType.startsWith('text/') || file.contentType.includes('json') || file.contentType.includes('svg');
  const zipped = compressible ? await gzipAsync(body, { level: 9 }) : null;
  return { body, etag, gzipped: zipped && zipped.length < body.length ? zipped : null };
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function send(req: IncomingMessage, res: ServerResponse, file: StaticFile, loaded: LoadedFile, cacheControl: string): void {
  const headers: Record<string, string | number> = { etag: loaded.etag, 'cache-control': cacheControl, vary: 'Accept-Encoding' };
  if (matches(req.headers['if-none-match'], loaded.etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const zipped = loaded.gzipped !== null && new Negotiator(req).encoding(['gzip', 'identity']) === 'gzip';
  const body = zipped ? loaded.gzipped! : loaded.body;
  res.writeHead(200, { ...headers, 'content-type': file.contentType, 'content-length': body.length, ...(zipped ? { 'content-encoding': 'gzip' } : {}) });
  res.end(body);
}

/**
 * Serves `files` at their paths (GET, no scope: they hold no data), each read and gzipped once, on
 * its first request, and held in memory. Answers carry a strong ETag of the content and
 * `Cache-Control: no-cache` by default: a browser keeps the file but asks again each time, and a
 * 304 costs no body, so a new version of the service is picked up at once. Gzip when the client
 * accepts it. The security headers (nosniff, CSP) are the service's, set for every answer.
 */
export function staticFileRoutes(router: Router, files: readonly StaticFile[], options: { name: string; cacheControl?: string }): void {
  const cacheControl = options.cacheControl ?? 'no-cache';
  for (const file of files) {
    let loaded: Promise<LoadedFile> | undefined;
    router.on(
      'GET',
      file.path,
      async (req, res) => {
        loaded ??= load(file);
        // A file that could not be read is tried again on the next request rather than failing for ever.
        loaded.catch(() => (loaded = undefined));
        send(req, res, file, await loaded, cacheControl);
      },
      { name: options.name },
    );
  }
}
