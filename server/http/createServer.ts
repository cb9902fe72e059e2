import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { isMigrated } from '../../graph-model/store/migrate.js';

export interface ServerOptions {
  store: GraphStore;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The HTTP service: health and readiness now; the APIs mount here as they land. */
export function createServer({ store }: ServerOptions): Server {
  return createHttpServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (req.method === 'GET' && url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
      if (req.method === 'GET' && url.pathname === '/readyz') {
        const migrated = await isMigrated(store.db);
        const version = migrated ? await store.currentVersion() : null;
        return sendJson(res, migrated ? 200 : 503, { status: migrated ? 'ready' : 'not ready', migrated, version });
      }
      return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `no route for ${req.method} ${url.pathname}` } });
    } catch {
      return sendJson(res, 500, { error: { code: 'INTERNAL', message: 'internal error' } });
    }
  });
}
