import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import Negotiator from 'negotiator';
import type { Router } from './router.js';

const gzipAsync = promisify(gzip);

/** Content types of the files a web page is made of, by extension. */
export const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  woff: 'font/woff',
  txt: 'text/plain; charset=utf-8',
} as const;

/** The content type of a file by its extension; a file of another kind is refused rather than served as something a browser would guess at. */
export function contentTypeFor(file: string): string {
  const extension = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  const type = (CONTENT_TYPES as Record<string, string>)[extension];
  if (!type) throw new Error(`no content type for ${file}: add its extension to CONTENT_TYPES`);
  return type;
}

/** A file the service serves as it is on disk (a package's bundle, a page's script). */
export interface StaticFile {
  /** The URL path it is served at. */
  path: string;
  /** Its absolute path on disk. */
  file: string;
  /** Default: by the file's extension (contentTypeFor). */
  contentType?: string;
}

/** A file read and, where it pays, gzipped once: what is sent for it. */
export interface LoadedFile {
  body: Buffer;
  /** The body gzipped, when that is smaller (text); null for files that do not compress (fonts, images). */
  gzipped: Buffer | null;
  etag: string;
}

async function load(file: StaticFile, contentType: string): Promise<LoadedFile> {
  return loadedFile(await readFile(file.file), contentType);
}

/** `body` with its ETag, and gzipped when that is smaller (text). */
export async function loadedFile(body: Buffer, contentType: string): Promise<LoadedFile> {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  const compressible = contentType.startsWith('text/') || contentType.includes('json') || contentType.includes('svg');
  const zipped = compressible ? await gzipAsync(body, { level: 9 }) : null;
  return { body, etag, gzipped: zipped && zipped.length < body.length ? zipped : null };
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * Answers with `loaded` (gzipped when the client accepts it, 304 when it holds this representation
 * already), plus `extra` headers (a page's CSP); `status` other than 200 is never a 304.
 */
export function sendStaticFile(req: IncomingMessage, res: ServerResponse, contentType: string, loaded: LoadedFile, cacheControl: string, extra: Record<string, string> = {}, status = 200): void {
  const zipped = loaded.gzipped !== null && new Negotiator(req).encoding(['gzip', 'identity']) === 'gzip';
  // A strong ETag names one representation: the gzipped bytes have their own.
  const etag = zipped ? `${loaded.etag.slice(0, -1)}-gzip"` : loaded.etag;
  const headers: Record<string, string | number> = { ...extra, etag, 'cache-control': cacheControl, vary: 'Accept-Encoding' };
  if (status === 200 && matches(req.headers['if-none-match'], etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const body = zipped ? loaded.gzipped! : loaded.body;
  res.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': body.length, ...(zipped ? { 'content-encoding': 'gzip' } : {}) });
  res.end(body);
}

/**
 * Serves `files` at their paths (GET, no scope: they hold no data), each read and gzipped once, on
 * its first request, and held in memory. Answers carry a strong ETag of the content and
 * `Cache-Control: no-cache` by default: a browser keeps the file but asks again each time, and a
 * 304 costs no body, so a new version of the service is picked up at once (files whose names hold
 * a hash of their content, as a bundler writes them, can say `public, max-age=31536000, immutable`).
 * Gzip when the client accepts it. The security headers (nosniff, CSP) are the service's, set for
 * every answer; a page sets its own CSP.
 */
export function staticFileRoutes(router: Router, files: readonly StaticFile[], options: { name: string; cacheControl?: string }): void {
  const cacheControl = options.cacheControl ?? 'no-cache';
  for (const file of files) {
    const contentType = file.contentType ?? contentTypeFor(file.file);
    let loaded: Promise<LoadedFile> | undefined;
    router.on(
      'GET',
      file.path,
      async (req, res) => {
        // A file that could not be read is tried again on the next request rather than failing for ever.
        loaded ??= load(file, contentType).catch((error: unknown) => {
          loaded = undefined;
          throw error;
        });
        sendStaticFile(req, res, contentType, await loaded, cacheControl);
      },
      { name: options.name },
    );
  }
}
