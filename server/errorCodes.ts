/**
 * The one vocabulary of error codes clients see, over HTTP (`{ error: { code } }`) and GraphQL
 * (`extensions.code`), each with its HTTP status: the only place a code is mapped to a status.
 *
 * The first six are GraphQL's codes. The others are the HTTP routes' finer codes; each belongs to
 * one of the six (`graphql`), which is what a GraphQL route answers for it in `extensions.code`,
 * with the finer code as `reason`. Every string here is public: clients and tests match on it.
 */
const CODES = {
  BAD_USER_INPUT: { status: 400 },
  NOT_FOUND: { status: 404 },
  UNAUTHENTICATED: { status: 401 },
  FORBIDDEN: { status: 403 },
  LIMIT_EXCEEDED: { status: 400 },
  INTERNAL: { status: 500 },

  BAD_QUERY: { status: 400, graphql: 'BAD_USER_INPUT' },
  BAD_PATH: { status: 400, graphql: 'BAD_USER_INPUT' },
  MALFORMED_JSON: { status: 400, graphql: 'BAD_USER_INPUT' },
  MALFORMED_BODY: { status: 400, graphql: 'BAD_USER_INPUT' },
  REQUEST_ABORTED: { status: 400, graphql: 'BAD_USER_INPUT' },
  INVALID_EVENT: { status: 400, graphql: 'BAD_USER_INPUT' },
  EMPTY_BATCH: { status: 400, graphql: 'BAD_USER_INPUT' },
  REJECTED: { status: 400, graphql: 'BAD_USER_INPUT' },
  RULE_NOT_FOUND: { status: 404, graphql: 'NOT_FOUND' },
  CORS_ORIGIN_NOT_ALLOWED: { status: 403, graphql: 'FORBIDDEN' },
  METHOD_NOT_ALLOWED: { status: 405, graphql: 'BAD_USER_INPUT' },
  REQUEST_TIMEOUT: { status: 408, graphql: 'BAD_USER_INPUT' },
  PAYLOAD_TOO_LARGE: { status: 413, graphql: 'LIMIT_EXCEEDED' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, graphql: 'BAD_USER_INPUT' },
  UNSUPPORTED_CONTENT_ENCODING: { status: 415, graphql: 'BAD_USER_INPUT' },
  INDEX_UNAVAILABLE: { status: 503, graphql: 'INTERNAL' },
  NOT_IMPLEMENTED: { status: 501, graphql: 'BAD_USER_INPUT' },
  INCIDENT_NOT_FOUND: { status: 404, graphql: 'NOT_FOUND' },
  INCIDENT_ALREADY_RESOLVED: { status: 409, graphql: 'BAD_USER_INPUT' },
} as const satisfies Record<string, { status: number; graphql?: string }>;

export type ErrorCode = keyof typeof CODES;
/** The codes GraphQL answers with: the ones without a `graphql` of their own. */
export type GraphQLErrorCode = { [C in ErrorCode]: (typeof CODES)[C] extends { graphql: string } ? never : C }[ErrorCode];

/** `ErrorCode.BAD_USER_INPUT` and so on, for call sites that name a code. */
export const ErrorCode = Object.freeze(Object.fromEntries(Object.keys(CODES).map((code) => [code, code])) as { readonly [C in ErrorCode]: C });

export function statusOf(code: ErrorCode): number {
  return CODES[code].status;
}

/** The GraphQL code a code is answered with on a GraphQL route. */
export function graphqlCodeOf(code: ErrorCode): GraphQLErrorCode {
  const entry = CODES[code] as { status: number; graphql?: GraphQLErrorCode };
  return entry.graphql ?? (code as GraphQLErrorCode);
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(CODES, code);
}

/** GraphQL's codes but INTERNAL: what a GraphQL error may carry unmasked in `extensions.code`. */
export const GRAPHQL_CLIENT_CODES: ReadonlySet<string> = new Set((Object.keys(CODES) as ErrorCode[]).filter((code) => graphqlCodeOf(code) === code && code !== 'INTERNAL'));
