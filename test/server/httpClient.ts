import { request } from 'node:http';
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
