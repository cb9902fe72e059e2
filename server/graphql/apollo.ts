import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { GraphQLError, Kind, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from './queryComplexity.js';
import { hasScope } from '../auth/scopes.js';
import { logger } from '../logger.js';
import type { ServiceMetrics } from '../observability/serviceMetrics.js';
import type { GraphQLContext } from './context.js';
import { depthLimitRule } from './depthLimit.js';
import { CLIENT_CODES, ErrorCode, clientError } from './errors.js';
import type { ApiLimits } from './limits.js';

/** Apollo's own codes for requests it could not run: all the client's doing. */
const REQUEST_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_SUPPORTED', 'PERSISTED_QUERY_NOT_FOUND']);

/** Root fields that need a scope beyond `read`. */
const SCOPED_ROOT_FIELDS: Record<string, 'audit'> = { audit: 'audit' };

/**
 * Client errors keep their code (Apollo's request errors become BAD_USER_INPUT, with Apollo's code
 * as `reason`); anything else is masked: the client gets INTERNAL and an id, the log gets the rest.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const { http: _http, stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
  // Apollo re-codes errors of validation rules (the depth limit) as GRAPHQL_VALIDATION_FAILED; the rule's own code wins.
  const original = error instanceof GraphQLError && error.originalError instanceof GraphQLError ? error.originalError : null;
  const originalCode = String(original?.extensions.code ?? '');
  if (CLIENT_CODES.has(originalCode)) return { ...formatted, extensions: { ...extensions, code: originalCode } };
  const code = String(formatted.extensions?.code ?? '');
  if (CLIENT_CODES.has(code)) return { ...formatted, extensions };
  if (REQUEST_ERROR_CODES.has(code)) return { ...formatted, extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT, reason: code } };
  const errorId = randomUUID();
  logger.error({ errorId, err: unwrapResolverError(error), path: formatted.path }, 'graphql resolver failed');
  return { message: 'internal error', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: ErrorCode.INTERNAL, errorId } };
}

function operationName(operation: OperationDefinitionNode | null | undefined, given: string | null | undefined): string {
  if (given) return given;
  if (operation?.name) return operation.name.value;
  const first = operation?.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
  return first && first.kind === Kind.FIELD ? `anonymous:${first.name.value}` : 'anonymous';
}

const COMPLEXITY_CACHE_SIZE = 1_000;
/** Dashboards send the same few documents again and again: their complexity is computed once per variables. */
const complexityCache = new WeakMap<DocumentNode, Map<string, number>>();

function complexityOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): number {
  // Apollo hands the same DocumentNode for the same query text (its document store), so the document keys the cache.
  let byVariables = complexityCache.get(document);
  if (!byVariables) {
    byVariables = new Map();
    complexityCache.set(document, byVariables);
  }
  const key = `${operationName ?? ''}\u0000${JSON.stringify(variables)}`;
  let complexity = byVariables.get(key);
  if (complexity === undefined) {
    complexity = getComplexity({ schema, query: document, operationName, variables, estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })] });
    if (byVariables.size >= COMPLEXITY_CACHE_SIZE) byVariables.clear();
    byVariables.set(key, complexity);
  }
  return complexity;
}

/** Complexity, scopes per root field, and latency per operation, checked once the operation is known. */
function guardPlugin(schema: GraphQLSchema, limits: ApiLimits, metrics: ServiceMetrics | undefined): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      let name = 'unknown';
      let failed = false;
      return {
        async didResolveOperation({ request, document, operation, contextValue }) {
          name = operationName(operation, request.operationName);
          for (const selection of operation?.selectionSet.selections ?? []) {
            if (selection.kind !== Kind.FIELD) continue;
            const scope = SCOPED_ROOT_FIELDS[selection.name.value];
            if (scope && !hasScope(contextValue.principal, scope)) {
              throw clientError(ErrorCode.FORBIDDEN, `${selection.name.value} needs a token with the ${scope} scope; ${contextValue.principal.name} lacks it`, {}, true);
            }
          }
          const complexity = complexityOf(schema, document, request.operationName ?? undefined, request.variables ?? {});
          if (complexity > limits.maxQueryComplexity) {
            throw clientError(ErrorCode.LIMIT_EXCEEDED, `query complexity ${complexity} exceeds the limit of ${limits.maxQueryComplexity}; ask for smaller pages (first)`, { complexity, limit: limits.maxQueryComplexity }, true);
          }
        },
        async didEncounterErrors() {
          failed = true;
        },
        async willSendResponse() {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          metrics?.graphqlDuration.observe({ operation: name, outcome: failed ? 'error' : 'ok' }, seconds);
        },
      };
    },
  };
}

/**
 * Apollo's landing page (its Sandbox, loaded from Apollo's CDN and Google Fonts, with usage
 * telemetry) is replaced by the bundled GraphiQL (server/http/routes/graphqlIde.ts), and nothing
 * is reported to Apollo: usage reports, schema reports and inline traces are each installed
 * automatically when APOLLO_KEY (and APOLLO_GRAPH_REF) are in the environment; a disabled plugin
 * stops that whatever the environment says.
 */
function nothingReportedToApollo(): ApolloServerPlugin<GraphQLContext>[] {
  return [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled(), ApolloServerPluginInlineTraceDisabled()];
}

export async function createApollo(schema: GraphQLSchema, limits: ApiLimits, metrics?: ServiceMetrics): Promise<ApolloServer<GraphQLContext>> {
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    validationRules: [depthLimitRule(limits.maxQueryDepth)],
    formatError,
    includeStacktraceInErrorResponses: false,
    // Tokens travel in a header, not in cookies, and there are no mutations: a cross-site request
    // can neither act for a user nor read the answer. Queries over GET are part of GraphQL over HTTP.
    csrfPrevention: false,
    // Apollo's cache-control plugin wraps every field resolver to compute HTTP cache hints, which
    // this API does not send (answers depend on the token and the graph version): on a lineage of
    // thousands of nodes and edges that wrapper is a large share of the time.
    plugins: [guardPlugin(schema, limits, metrics), ApolloServerPluginCacheControlDisabled(), ...nothingReportedToApollo()],
  });
  await apollo.start();
  return apollo;
}

