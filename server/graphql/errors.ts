import { GraphQLError } from 'graphql';
import { ErrorCode, statusOf, type GraphQLErrorCode } from '../errorCodes.js';

export { ErrorCode, GRAPHQL_CLIENT_CODES as CLIENT_CODES } from '../errorCodes.js';

/**
 * An error the client can act on. `status` sets the HTTP status only for errors raised before
 * execution (auth, limits); errors in resolvers leave the response at 200 with partial data, as
 * GraphQL over HTTP expects.
 */
export function clientError(code: Exclude<GraphQLErrorCode, 'INTERNAL'>, message: string, details: Record<string, unknown> = {}, withStatus = false): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, ...details, ...(withStatus ? { http: { status: statusOf(code) } } : {}) },
  });
}

/**
 * A query over one of the API's limits, refused before it runs (HTTP 400): `measure` names what was
 * counted (depth, aliases, tokens...), `limit` the most allowed, `value` what the query has.
 */
export function limitExceeded(measure: string, value: number | undefined, limit: number, message: string): GraphQLError {
  return clientError(ErrorCode.LIMIT_EXCEEDED, message, { measure, limit, ...(value === undefined ? {} : { value }) }, true);
}
