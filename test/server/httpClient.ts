import { request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { createServer, type ServerOptions } from '../../server/http/createServer.js';

/** A server on a random local port, and its base URL. */
export async function startServer(store: GraphStore, options: Omit<ServerOptions, 'store'> = {}): Promise<{ server: Server; base: string; close(): Promise<void> }> {
  const server = createServer({ store, ...options });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function postJson(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/**
 * Sends `chunks` with chunked transfer encoding (no Content-Length), so the server only learns the
 * size while reading. Resolves with the answer, even if the server closes before the upload ends.
 */
export function postChunked(base: string, path: string, chunks: Buffer[]): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, base);
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (part: string) => (text += part));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      res.on('error', reject);
    });
    // A write after the server closed the connection fails; the answer already arrived by then.
    req.on('error', () => undefined);
    const write = (i: number) => {
      if (i >= chunks.length) return req.end();
      if (req.destroyed) return;
      req.write(chunks[i], () => setImmediate(() => write(i + 1)));
    };
    write(0);
  });
}

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json: any;
}

/**
 * One request through node:http, exactly as given (no header added but Host, no decompression of
 * the answer), for tests of what the server does with headers and bodies. A body given as chunks
 * is sent with chunked transfer encoding, each chunk written after the previous one was sent;
 * the answer is returned even when the server answers and closes before the upload ends.
 */
export function rawRequest(base: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer | string | Buffer[] } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const chunked = Array.isArray(options.body);
    // Node's client frames no body of a GET unless told its length.
    const length = !chunked && options.body !== undefined ? { 'content-length': String(Buffer.byteLength(options.body as Buffer | string)) } : {};
    const headers = { ...(chunked ? { 'transfer-encoding': 'chunked' } : length), ...options.headers };
    let answered = false;
    const { hostname, port } = new URL(base);
    // The path goes out as given (`//x`, `/%zz`), not resolved as a URL.
    // A connection of its own (no pooled keep-alive socket the server may be closing as it is reused).
    const req = request({ hostname, port, path, method: options.method ?? 'GET', headers, agent: false }, (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    // A write after the server answered and closed the connection fails, and the answer may still
    // be on its way: only an error with no answer soon after it is the request's failure.
    req.on('error', (error) => setTimeout(() => answered || reject(error), 500));
    if (!chunked) {
      req.end(options.body);
      return;
    }
    const chunks = options.body as Buffer[];
    const write = (i: number) => {
      if (i >= chunks.length) return req.end();
      if (req.destroyed) return;
      req.write(chunks[i], () => setImmediate(() => write(i + 1)));
    };
    write(0);
  });
}
