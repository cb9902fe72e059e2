import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { GraphIndex } from '../../graph-model/index/graphIndex.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { hasScope, type Principal } from '../auth/scopes.js';
import { TokenRegistry, UnauthenticatedError } from '../auth/tokenRegistry.js';
import { DecisionIndex } from '../../graph-model/decision/decisionIndex.js';
import { createApollo } from '../graphql/apollo.js';
import { DEFAULT_LIMITS, type ApiLimits } from '../graphql/limits.js';
import type { Policy } from '../../graph-model/analyses/policy.js';
import { defaultPolicy } from '../graphql/servicePolicy.js';
import type { RuleFeatureSource } from '../graphql/ruleFeatureSource.js';
import { graphqlSchema } from '../graphql/schema.js';
import { logger } from '../logger.js';
import { ServiceMetrics } from '../observability/serviceMetrics.js';
import { CorsPolicy } from './cors.js';
import { HttpError } from './httpError.js';
import { graphqlCodeOf } from '../errorCodes.js';
import { bodyTimeoutMsFromEnv, maxBodyBytesFromEnv, type BodyLimits } from './readBody.js';
import { Router, notFound, type Route } from './router.js';
import { decisionRoute } from './routes/decision.js';
import { explorerRoutes } from './routes/explorer.js';
import { graphqlRoute } from './routes/graphql.js';
import { healthRoutes, maxIndexLagFromEnv, type ProjectionReadiness } from './routes/health.js';
import { lineageRoute } from './routes/lineage.js';
import { incidentRoutes } from './routes/incidents.js';
import { Incidents } from '../../graph-model/alerts/incidents/incidents.js';
import { countOpenAlerts } from '../../graph-model/alerts/operations/readAlerts.js';
import type { AlertService } from '../alerts/alertService.js';
import { marquezRoutes } from './routes/marquez/index.js';
import { metricsRoute } from './routes/metrics.js';
import { setSecurityHeaders } from './securityHeaders.js';
import { sendJson } from './sendJson.js';
import type { ImpactBackend } from '../../graph-model/neo4j/neo4jImpact.js';
import type { LineageBackend } from '../../graph-model/neo4j/neo4jLineage.js';

export interface ServerOptions {
  store: GraphStore;
  /** The in-memory index GraphQL traverses; without it /graphql is not served (ingest-only servers, tests). */
  index?: GraphIndex;
  /** Decision-time answers (graph-model/decision) for `featuresForRule`. */
  ruleFeatures?: RuleFeatureSource | null;
  /** API tokens; none configured means every caller is local (serve binds to loopback then). */
  tokens?: TokenRegistry;
  limits?: ApiLimits;
  /** The compliance policy audits apply by default (DCTX_POLICY_FILE in `serve`). */
  policy?: Policy;
  /** Largest request body accepted, as sent and inflated (default DCTX_MAX_BODY_BYTES, else 10 MiB). */
  maxBodyBytes?: number;
  /** Versions the index may be behind the store while /readyz says ready (default DCTX_MAX_INDEX_LAG, else 3). */
  maxIndexLag?: number;
  /** Longest time a request body may take to arrive (default DCTX_BODY_TIMEOUT_MS, else 30 s). */
  bodyTimeoutMs?: number;
  /** Origins browsers may call the API from (DCTX_CORS_ORIGINS in `serve`); none by default. */
  corsOrigins?: readonly string[];
  /** Serve the GraphQL IDE at GET /graphql to browsers (DCTX_GRAPHQL_IDE in `serve`); on by default. */
  graphqlIde?: boolean;
  metrics?: ServiceMetrics;
  /** The Neo4j projection kept current by this server (NEO4J_URL in `serve`): /readyz and /metrics report it. */
  projection?: ProjectionReadiness;
  /** Answers lineage (node and field level) instead of the index (DCTX_LINEAGE_BACKEND=neo4j in `serve`). */
  lineageBackend?: LineageBackend | null;
  /** Answers impact instead of the index (DCTX_LINEAGE_BACKEND=neo4j in `serve`). */
  impactBackend?: ImpactBackend | null;
  /** The built explorer (web/dist by default; tests point it elsewhere). */
  explorerDir?: string;
  /** Incidents (docs/alerts.md); default: on the store, told to nobody (no alert engine listening). */
  incidents?: Incidents;
  /** The alert engine and webhook sender (serve starts one); its incidents are the ones served. */
  alerts?: AlertService;
}

export interface Service {
  server: Server;
  metrics: ServiceMetrics;
  router: Router;
}

function routes(options: ServerOptions, metrics: ServiceMetrics, body: BodyLimits, tokens: TokenRegistry): Router {
  const router = new Router();
  healthRoutes(router, options.store, options.index, options.maxIndexLag ?? maxIndexLagFromEnv(), options.projection);
  metricsRoute(router, metrics);
  lineageRoute(router, options.store, {
    body,
    counters: {
      accepted: (source, count) => count > 0 && metrics.ingestedEvents.inc({ source }, count),
      refused: (source, count) => count > 0 && metrics.ingestErrors.inc({ source }, count),
    },
  });
  incidentRoutes(router, options.alerts?.incidents ?? options.incidents ?? new Incidents(options.store), { body });
  decisionRoute(router, options.index);
  explorerRoutes(router, options.explorerDir);
  if (options.index) {
    const limits = options.limits ?? DEFAULT_LIMITS;
    const parts = { store: options.store, index: options.index, limits, ruleFeatures: options.ruleFeatures ?? DecisionIndex.attach(options.index), policy: options.policy ?? defaultPolicy(), lineageBackend: options.lineageBackend ?? null, impactBackend: options.impactBackend ?? null };
    const apollo = graphqlSchema().then((schema) => createApollo(schema, limits, metrics));
    // A schema that fails to build fails the first request, and is logged at once.
    apollo.catch((error: unknown) => logger.error({ err: error }, 'GraphQL schema failed to build'));
    graphqlRoute(router, parts, apollo, { body, ide: options.graphqlIde ?? true, tokensRequired: tokens.configured });
    marquezRoutes(router, { store: options.store, index: options.index, limits, lineageBackend: options.lineageBackend ?? null });
  }
  return router;
}

/** The caller of a public route (health, the GraphQL IDE's page and files): whoever it is, it may do nothing else. */
const PUBLIC_PRINCIPAL: Principal = Object.freeze({ name: 'public', scopes: new Set<never>() });

/** The caller of a route: checked against the route's scope (401 without a known token, 403 without the scope). */
function authorize(tokens: TokenRegistry, route: Route, req: IncomingMessage): Principal {
  if (!route.scope || route.publicWhen?.(req)) return PUBLIC_PRINCIPAL;
  let principal: Principal;
  try {
    principal = tokens.authenticate(req.headers.authorization);
  } catch (error) {
    if (error instanceof UnauthenticatedError) throw new HttpError('UNAUTHENTICATED', error.message, {}, { cause: error });
    throw error;
  }
  if (!hasScope(principal, route.scope)) {
    throw new HttpError('FORBIDDEN', `${route.name} needs a token with the ${route.scope} scope; ${principal.name} lacks it`);
  }
  return principal;
}

/** How long a connection refused mid-body may still send what it already had under way. */
const LINGER_MS = 2_000;

/**
 * Makes the close of a connection whose request body will not be read (413, 415, 408) linger:
 * Node ends our side (FIN) once the answer is written and then destroys the socket at once, and
 * a socket destroyed while body bytes still arrive is reset by the kernel, which can make a
 * client that is still sending lose the answer. Here the rest of the body is read and discarded
 * for a moment first.
 */
function lingerOnClose(req: IncomingMessage): void {
  const socket = req.socket;
  req.resume();
  socket.destroySoon = function lingeringDestroySoon(this: typeof socket) {
    if (this.writable) this.end();
    setTimeout(() => this.destroy(), LINGER_MS).unref();
  };
}

/**
 * Client errors answer with their status and JSON body (GraphQL routes: `{ errors: [...] }` with a
 * code of the API's enum). Anything else is a 500 with a generic message and an error id; the
 * details (stack included) go only to the log under that id.
 */
function answerError(req: IncomingMessage, res: ServerResponse, requestId: string, route: Route | null, error: unknown): void {
  if (error instanceof HttpError) {
    if (error.closeConnection) lingerOnClose(req);
    if (res.headersSent) return;
    const headers: Record<string, string> = { ...error.headers, ...(error.closeConnection ? { connection: 'close' } : {}) };
    if (error.status === 401) headers['www-authenticate'] = 'Bearer';
    if (route?.graphqlErrors) {
      const { code, message, ...details } = error.body().error;
      sendJson(res, error.status, { errors: [{ message, extensions: { ...details, code: graphqlCodeOf(error.code), reason: code } }] }, headers);
    } else {
      sendJson(res, error.status, error.body(), headers);
    }
    return;
  }
  logger.error({ errorId: requestId, err: error, method: req.method, url: req.url }, 'request failed');
  if (res.headersSent) res.destroy();
  else sendJson(res, 500, { error: { code: 'INTERNAL', message: 'internal error', errorId: requestId } });
}

/**
 * OPTIONS on a known path: a CORS preflight is answered by the CORS policy (204 or 403), any other
 * OPTIONS with the path's methods. No token is asked for: browsers send none with a preflight.
 */
function answerOptions(req: IncomingMessage, res: ServerResponse, router: Router, cors: CorsPolicy, path: string): void {
  const methods = router.methods(path);
  if (!methods) throw notFound('OPTIONS', path);
  if (CorsPolicy.isPreflight(req)) return cors.preflight(req, res, methods);
  res.writeHead(204, { allow: methods.join(', ') });
  res.end();
}

/**
 * Node's own limits on receiving a request, behind readBody's (which answers 408 in JSON): the
 * headers within the body timeout, the whole request within twice that (a route that reads no
 * body, or a client stalling between requests on a kept-alive connection), checked often enough
 * that the limit holds to within a few seconds (Node checks every 30 s by default, which with its
 * 300 s request timeout let a stalled body hold a connection for up to 330 s).
 */
function receiveTimeouts(bodyTimeoutMs: number): { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number } {
  return { headersTimeout: bodyTimeoutMs, requestTimeout: 2 * bodyTimeoutMs, connectionsCheckingInterval: Math.min(5_000, Math.max(100, Math.floor(bodyTimeoutMs / 4))) };
}

/** The HTTP service: health, readiness, metrics, OpenLineage ingest and GraphQL, behind API tokens. */
export function createService(options: ServerOptions): Service {
  const tokens = options.tokens ?? new TokenRegistry([]);
  const metrics =
    options.metrics ??
    new ServiceMetrics(
      { store: () => options.store.feed.version, index: () => options.index?.version ?? null },
      { feed: options.store.feed, indexLagSeconds: () => options.index?.lagSeconds() ?? null },
    );
  if (!options.metrics) metrics.alertGauge(() => countOpenAlerts(options.store.db));
  const body: BodyLimits = { maxBytes: options.maxBodyBytes ?? maxBodyBytesFromEnv(), timeoutMs: options.bodyTimeoutMs ?? bodyTimeoutMsFromEnv() };
  const cors = new CorsPolicy(options.corsOrigins);
  const router = routes(options, metrics, body, tokens);
  // Request ids: a random prefix per process and a counter, unique without a random draw per
  // request (decision time answers tens of thousands of requests a second).
  const prefix = randomBytes(6).toString('hex');
  let sequence = 0;
  const server = createHttpServer(receiveTimeouts(body.timeoutMs), async (req: IncomingMessage, res: ServerResponse) => {
    const started = process.hrtime.bigint();
    const requestId = `${prefix}-${(++sequence).toString(36)}`;
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const path = q < 0 ? target : target.slice(0, q);
    let route: Route | null = null;
    setSecurityHeaders(res);
    cors.decorate(req, res);
    try {
      if (req.method === 'OPTIONS') return answerOptions(req, res, router, cors, path);
      const matched = router.match(req.method ?? 'GET', path);
      route = matched.route;
      const principal = authorize(tokens, route, req);
      await route.handler(req, res, {
        requestId,
        principal,
        params: matched.params,
        // Parsed only by the routes that read it.
        get url() {
          return new URL(target, 'http://localhost');
        },
      });
    } catch (error) {
      answerError(req, res, requestId, route, error);
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpDuration.observe({ route: route?.name ?? 'unmatched', method: req.method ?? 'GET', status: String(res.statusCode) }, seconds);
    }
  });
  return { server, metrics, router };
}

export function createServer(options: ServerOptions): Server {
  return createService(options).server;
}
