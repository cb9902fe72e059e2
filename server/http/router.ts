import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal, Scope } from '../auth/scopes.js';
import { HttpError } from './httpError.js';

export interface RequestContext {
  url: URL;
  /** Unique per request; names the request in logs and in recorded ingest errors. */
  requestId: string;
  /** Who is calling: the token's principal (the local one when no tokens are configured). */
  principal: Principal;
  /** The `{name}` segments of a pattern route, URL-decoded; empty for exact routes. */
  params: Record<string, string>;
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

/** A path with `{name}` segments (`/api/v1/namespaces/{namespace}`): each matches one URL-encoded segment. */
interface PathPattern {
  path: string;
  segments: string[];
}

/** The route of a request and the values of its path's `{name}` segments. */
export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/**
 * Routing by method on exact paths, and on patterns with `{name}` segments (tried in the order
 * they were added, after the exact paths): all this service needs, without a framework.
 */
export class Router {
  private readonly routes = new Map<string, Map<string, Route>>();
  private readonly patterns: PathPattern[] = [];

  on(method: string, path: string, handler: Handler, options: RouteOptions = {}): this {
    if (path.includes('{') && !this.routes.has(path)) this.patterns.push({ path, segments: path.split('/') });
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
    const byMethod = this.resolve(path)?.byMethod;
    return byMethod ? [...byMethod.keys(), 'OPTIONS'] : undefined;
  }

  /** The route of a request; 404 for an unknown path, 405 (with Allow) for a known path and another method. */
  match(method: string, path: string): RouteMatch {
    const resolved = this.resolve(path);
    if (!resolved) throw notFound(method, path);
    const route = resolved.byMethod.get(method.toUpperCase());
    if (!route) {
      const allowed = this.methods(path)!.join(', ');
      throw new HttpError('METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}; use ${allowed}`, { allowed }, { headers: { allow: allowed } });
    }
    return { route, params: resolved.params };
  }

  private resolve(path: string): { byMethod: Map<string, Route>; params: Record<string, string> } | undefined {
    const exact = this.routes.get(path);
    if (exact) return { byMethod: exact, params: {} };
    if (this.patterns.length === 0) return undefined;
    const segments = path.split('/');
    for (const pattern of this.patterns) {
      const params = matchSegments(pattern.segments, segments);
      if (params) return { byMethod: this.routes.get(pattern.path)!, params };
    }
    return undefined;
  }
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i]!;
    const got = segments[i]!;
    if (want.startsWith('{') && want.endsWith('}')) {
      if (got === '') return null;
      params[want.slice(1, -1)] = decodeSegment(got, want);
    } else if (want !== got) {
      return null;
    }
  }
  return params;
}

/** A path segment's value: names with `/` (`hive://warehouse`) arrive percent-encoded, as Marquez's clients send them. */
function decodeSegment(raw: string, pattern: string): string {
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError('BAD_PATH', `the ${pattern} part of the path is not valid URL encoding`, { parameter: pattern.slice(1, -1) });
  }
}

export function notFound(method: string, path: string): HttpError {
  return new HttpError('NOT_FOUND', `no route for ${method} ${path}`);
}
