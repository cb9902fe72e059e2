import { GraphQLError } from 'graphql';

/** The codes clients see in `extensions.code`; anything else is masked as INTERNAL. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  LIMIT_EXCEEDED = 'LIMIT_EXCEEDED',
  INTERNAL = 'INTERNAL',
}

const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.LIMIT_EXCEEDED]: 400,
  [ErrorCode.INTERNAL]: 500,
};

/**
 * An error the client can act on. `status` sets the HTTP status only for errors raised before
 * execution (auth, limits); errors in resolvers leave the response at 200 with partial data, as
 * GraphQL over HTTP expects.
 */
export function clientError(code: Exclude<ErrorCode, ErrorCode.INTERNAL>, message: string, details: Record<string, unknown> = {}, withStatus = false): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, ...details, ...(withStatus ? { http: { status: HTTP_STATUS[code] } } : {}) },
  });
}

export const CLIENT_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL));

/**
 * A query over one of the API's limits, refused before it runs (HTTP 400): `measure` names what was
 * counted (depth, aliases, tokens...), `limit` the most allowed, `value` what the query has.
 */
export function limitExceeded(measure: string, value: number | undefined, limit: number, message: string): GraphQLError {
  return clientError(ErrorCode.LIMIT_EXCEEDED, message, { measure, limit, ...(value === undefined ? {} : { value }) }, true);
}
