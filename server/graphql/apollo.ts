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
import { GraphQLError, Kind, getVariableValues, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from './queryComplexity.js';
import { hasScope } from '../auth/scopes.js';
import { logger } from '../logger.js';
import type { ServiceMetrics } from '../observability/serviceMetrics.js';
import { ComplexityCache } from './complexityCache.js';
import type { GraphQLContext } from './context.js';
import { CLIENT_CODES, ErrorCode, clientError, limitExceeded } from './errors.js';
import type { ApiLimits } from './limits.js';
import { OTHER_OPERATION, operationFacts } from './operationFacts.js';
import { queryLimitRules } from './queryLimitRules.js';

/** Apollo's own codes for requests it could not run: all the client's doing. */
const REQUEST_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_SUPPORTED', 'PERSISTED_QUERY_NOT_FOUND']);

/** graphql-js's parser stops at `maxLexicalTokens` with a syntax error saying so (sic: "more that"). */
const TOKEN_LIMIT = /^Syntax Error: Document contains more that (\d+) tokens\. Parsing aborted\.$/;

/** graphql-js stops validating a document whose fields it would compare too often (fields sharing a name, repeated). */
const VALIDATION_BUDGET_MESSAGE = 'Validation aborted.';

/** The most selections graphql-query-complexity expands (fragments included) before it gives up. */
export const COMPLEXITY_NODE_CAP = 10_000;
const NODE_CAP_MESSAGE = 'Query exceeds the maximum allowed number of nodes.';

/**
 * Client errors keep their code (Apollo's request errors become BAD_USER_INPUT, with Apollo's code
 * as `reason`; the parser's token limit and graphql-js's validation budget LIMIT_EXCEEDED); anything else is masked: the client gets
 * INTERNAL and an id, the log gets the rest.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const { http: _http, stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
  // Apollo re-codes errors of validation rules as GRAPHQL_VALIDATION_FAILED; the rule's own code wins.
  const original = error instanceof GraphQLError && error.originalError instanceof GraphQLError ? error.originalError : null;
  const originalCode = String(original?.extensions.code ?? '');
  if (CLIENT_CODES.has(originalCode)) return { ...formatted, extensions: { ...extensions, code: originalCode } };
  const code = String(formatted.extensions?.code ?? '');
  if (CLIENT_CODES.has(code)) return { ...formatted, extensions };
  const tokens = code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT.exec(formatted.message) : null;
  if (tokens) {
    const limit = Number(tokens[1]);
    return { message: `the document has more than ${limit} tokens; the limit is ${limit}`, extensions: { code: ErrorCode.LIMIT_EXCEEDED, measure: 'tokens', limit } };
  }
  if (code === 'GRAPHQL_VALIDATION_FAILED' && formatted.message === VALIDATION_BUDGET_MESSAGE) {
    return { message: 'the document repeats fields too often to be validated (graphql-js\'s validation budget); send fewer fields of the same name', extensions: { code: ErrorCode.LIMIT_EXCEEDED, measure: 'validation' } };
  }
  if (REQUEST_ERROR_CODES.has(code)) return { ...formatted, extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT, reason: code } };
  const errorId = randomUUID();
  logger.error({ errorId, err: unwrapResolverError(error), path: formatted.path }, 'graphql resolver failed');
  return { message: 'internal error', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: ErrorCode.INTERNAL, errorId } };
}

/** Apollo found no operation to run: none of that name, or several and no name given. */
function unresolvedOperation(document: DocumentNode, operationName: string | null | undefined): GraphQLError {
  const names = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : []));
  const message = operationName
    ? `the document has no operation named "${operationName}"; it has ${names.join(', ')}`
    : `the document has ${names.length} operations (${names.join(', ')}); say which to run with operationName`;
  return clientError(ErrorCode.BAD_USER_INPUT, message, { argument: 'operationName' }, true);
}

/** Variables checked against their declared types before anything uses them: a client mistake, named. */
function checkVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>): void {
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 10 });
  if (!result.errors) return;
  const names = result.errors.flatMap((e) => (e.nodes?.[0]?.kind === Kind.VARIABLE_DEFINITION ? [e.nodes[0].variable.name.value] : []));
  throw clientError(ErrorCode.BAD_USER_INPUT, result.errors.map((e) => e.message).join(' '), { variable: names[0], variables: names }, true);
}

function complexityOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): number {
  try {
    return getComplexity({ schema, query: document, operationName, variables, maxQueryNodes: COMPLEXITY_NODE_CAP, estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })] });
  } catch (error) {
    if (error instanceof GraphQLError && error.message === NODE_CAP_MESSAGE) {
      throw limitExceeded('nodes', undefined, COMPLEXITY_NODE_CAP, `the operation selects more than ${COMPLEXITY_NODE_CAP} fields once its fragments are expanded; the limit is ${COMPLEXITY_NODE_CAP}`);
    }
    throw error;
  }
}

/** The operation type, scopes, variables and complexity, checked once the operation is known; latency per root field. */
function guardPlugin(schema: GraphQLSchema, limits: ApiLimits, metrics: ServiceMetrics | undefined): ApolloServerPlugin<GraphQLContext> {
  const complexities = new ComplexityCache();
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      // Never a name the client chose: metric labels stay a fixed set (the root fields, and `other`).
      let label = OTHER_OPERATION;
      let failed = false;
      return {
        async didResolveOperation({ request, document, operation, contextValue, queryHash }) {
          if (!operation) throw unresolvedOperation(document, request.operationName);
          if (operation.operation !== 'query') {
            throw clientError(ErrorCode.BAD_USER_INPUT, `this API has no ${operation.operation}s, only queries (writes go through ingest)`, { operationType: operation.operation }, true);
          }
          const facts = operationFacts(schema, document, operation);
          label = facts.label;
          for (const [scope, field] of facts.scopes) {
            if (!hasScope(contextValue.principal, scope)) {
              throw clientError(ErrorCode.FORBIDDEN, `${field} needs a token with the ${scope} scope; ${contextValue.principal.name} lacks it`, { field, scope }, true);
            }
          }
          const variables = request.variables ?? {};
          const operationName = request.operationName ?? undefined;
          // Variables already seen with this query were checked then: only new ones are coerced.
          const complexity = complexities.complexity(queryHash, operationName ?? '', variables, () => {
            checkVariables(schema, operation, variables);
            return complexityOf(schema, document, operationName, variables);
          });
          if (complexity > limits.maxQueryComplexity) {
            throw limitExceeded('complexity', complexity, limits.maxQueryComplexity, `query complexity ${complexity} exceeds the limit of ${limits.maxQueryComplexity}; ask for smaller pages (first) or fewer analyses`);
          }
        },
        async didEncounterErrors() {
          failed = true;
        },
        async willSendResponse() {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          metrics?.graphqlDuration.observe({ operation: label, outcome: failed ? 'error' : 'ok' }, seconds);
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
    // A document over the token limit is refused while it is parsed, before anything else reads it.
    parseOptions: { maxLexicalTokens: limits.maxQueryTokens },
    validationRules: queryLimitRules(limits),
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
