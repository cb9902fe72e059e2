import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './httpError.js';

export interface RequestContext {
  url: URL;
  /** Unique per request; names the request in logs and in recorded ingest errors. */
  requestId: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, context: RequestContext) => Promise<void> | void;

/** Exact-path routing by method: all this service needs, without a framework. */
export class Router {
  private readonly routes = new Map<string, Map<string, Handler>>();

  on(method: string, path: string, handler: Handler): this {
    const byMethod = this.routes.get(path) ?? new Map<string, Handler>();
    byMethod.set(method.toUpperCase(), handler);
    this.routes.set(path, byMethod);
    return this;
  }

  /** The handler for a request; 404 for an unknown path, 405 for a known path and another method. */
  match(method: string, path: string): Handler {
    const byMethod = this.routes.get(path);
    if (!byMethod) throw new HttpError(404, 'NOT_FOUND', `no route for ${method} ${path}`);
    const handler = byMethod.get(method.toUpperCase());
    if (!handler) {
      const allowed = [...byMethod.keys()].join(', ');
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}; use ${allowed}`, { allowed });
    }
    return handler;
  }
}
