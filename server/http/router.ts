import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal, Scope } from '../auth/scopes.js';
import { HttpError } from './httpError.js';

export interface RequestContext {
  url: URL;
  /** Unique per request; names the request in logs and in recorded ingest errors. */
  requestId: string;
  /** Who is calling: the token's principal (the local one when no tokens are configured). */
  principal: Principal;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, context: RequestContext) => Promise<void> | void;

export interface Route {
  handler: Handler;
  /** The scope a caller needs; undefined for public routes (health, readiness, the GraphQL IDE's files). */
  scope?: Scope;
  /** A low-cardinality name for metrics and logs. */
  name: string;
  /** Answer errors raised before the handler runs (auth, body limits) as GraphQL errors. */
  graphqlErrors: boolean;
  /** Requests of this route that need no scope although the route has one (the GraphQL IDE's page at GET /graphql). */
  publicWhen?: (req: IncomingMessage) => boolean;
}

export interface RouteOptions {
  scope?: Scope;
  name?: string;
  graphqlErrors?: boolean;
  publicWhen?: (req: IncomingMessage) => boolean;
}

/** Exact-path routing by method: all this service needs, without a framework. */
export class Router {
  private readonly routes = new Map<string, Map<string, Route>>();

  on(method: string, path: string, handler: Handler, options: RouteOptions = {}): this {
    const byMethod = this.routes.get(path) ?? new Map<string, Route>();
    byMethod.set(method.toUpperCase(), {
      handler,
      scope: options.scope,
      name: options.name ?? `${method.toUpperCase()} ${path}`,
      graphqlErrors: options.graphqlErrors ?? false,
      publicWhen: options.publicWhen,
    });
    this.routes.set(path, byMethod);
    return this;
  }

  /** The methods a path answers (OPTIONS, answered for every known path, included); undefined for an unknown path. */
  methods(path: string): string[] | undefined {
    const byMethod = this.routes.get(path);
    return byMethod ? [...byMethod.keys(), 'OPTIONS'] : undefined;
  }

  /** The route of a request; 404 for an unknown path, 405 (with Allow) for a known path and another method. */
  match(method: string, path: string): Route {
    const byMethod = this.routes.get(path);
    if (!byMethod) throw notFound(method, path);
    const route = byMethod.get(method.toUpperCase());
    if (!route) {
      const allowed = this.methods(path)!.join(', ');
      throw new HttpError('METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}; use ${allowed}`, { allowed }, { headers: { allow: allowed } });
    }
    return route;
  }
}

export function notFound(method: string, path: string): HttpError {
  return new HttpError('NOT_FOUND', `no route for ${method} ${path}`);
}
