import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { logger } from '../logger.js';
import { HttpError } from './httpError.js';
import { maxBodyBytesFromEnv } from './readBody.js';
import { Router } from './router.js';
import { healthRoutes } from './routes/health.js';
import { lineageRoute } from './routes/lineage.js';
import { sendJson } from './sendJson.js';

export interface ServerOptions {
  store: GraphStore;
  /** Largest request body accepted (default DCTX_MAX_BODY_BYTES, else 10 MiB). */
  maxBodyBytes?: number;
}

function routes({ store, maxBodyBytes = maxBodyBytesFromEnv() }: ServerOptions): Router {
  const router = new Router();
  healthRoutes(router, store);
  lineageRoute(router, store, { maxBodyBytes });
  return router;
}

/**
 * Client errors answer with their status and JSON body. Anything else is a 500 with a generic
 * message and an error id; the details (stack included) go only to the log under that id.
 */
function answerError(req: IncomingMessage, res: ServerResponse, requestId: string, error: unknown): void {
  if (error instanceof HttpError) {
    if (error.closeConnection) res.on('finish', () => req.socket.destroySoon());
    if (!res.headersSent) sendJson(res, error.status, error.body(), error.closeConnection ? { connection: 'close' } : {});
    return;
  }
  logger.error({ errorId: requestId, err: error, method: req.method, url: req.url }, 'request failed');
  if (res.headersSent) res.destroy();
  else sendJson(res, 500, { error: { code: 'INTERNAL', message: 'internal error', errorId: requestId } });
}

/** The HTTP service: health, readiness and the OpenLineage endpoint; more APIs mount on the router. */
export function createServer(options: ServerOptions): Server {
  const router = routes(options);
  return createHttpServer(async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      await router.match(req.method ?? 'GET', url.pathname)(req, res, { url, requestId });
    } catch (error) {
      answerError(req, res, requestId, error);
    }
  });
}
