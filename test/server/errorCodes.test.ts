import { describe, expect, it } from 'vitest';
import { DctxError } from '../../graph-model/dctxError.js';
import { ChangesetRejectedError, StoreRefusedError } from '../../graph-model/errors.js';
import { InvalidAsOfError } from '../../graph-model/store/operations/resolveAsOf.js';
import { ErrorCode, graphqlCodeOf, GRAPHQL_CLIENT_CODES, statusOf } from '../../server/errorCodes.js';
import { HttpError } from '../../server/http/httpError.js';

describe('one vocabulary of error codes', () => {
  it('maps each code to the status docs/api.md documents, and each HTTP code to a GraphQL code', () => {
    // code: [status, what a GraphQL route answers in extensions.code]
    const expected: Record<string, [number, string]> = {
      BAD_USER_INPUT: [400, 'BAD_USER_INPUT'],
      NOT_FOUND: [404, 'NOT_FOUND'],
      UNAUTHENTICATED: [401, 'UNAUTHENTICATED'],
      FORBIDDEN: [403, 'FORBIDDEN'],
      LIMIT_EXCEEDED: [400, 'LIMIT_EXCEEDED'],
      INTERNAL: [500, 'INTERNAL'],
      BAD_QUERY: [400, 'BAD_USER_INPUT'],
      BAD_PATH: [400, 'BAD_USER_INPUT'],
      MALFORMED_JSON: [400, 'BAD_USER_INPUT'],
      MALFORMED_BODY: [400, 'BAD_USER_INPUT'],
      REQUEST_ABORTED: [400, 'BAD_USER_INPUT'],
      INVALID_EVENT: [400, 'BAD_USER_INPUT'],
      EMPTY_BATCH: [400, 'BAD_USER_INPUT'],
      REJECTED: [400, 'BAD_USER_INPUT'],
      RULE_NOT_FOUND: [404, 'NOT_FOUND'],
      CORS_ORIGIN_NOT_ALLOWED: [403, 'FORBIDDEN'],
      METHOD_NOT_ALLOWED: [405, 'BAD_USER_INPUT'],
      REQUEST_TIMEOUT: [408, 'BAD_USER_INPUT'],
      PAYLOAD_TOO_LARGE: [413, 'LIMIT_EXCEEDED'],
      UNSUPPORTED_MEDIA_TYPE: [415, 'BAD_USER_INPUT'],
      UNSUPPORTED_CONTENT_ENCODING: [415, 'BAD_USER_INPUT'],
      INDEX_UNAVAILABLE: [503, 'INTERNAL'],
      NOT_IMPLEMENTED: [501, 'BAD_USER_INPUT'],
      INCIDENT_NOT_FOUND: [404, 'NOT_FOUND'],
      INCIDENT_ALREADY_RESOLVED: [409, 'BAD_USER_INPUT'],
    };
    expect(Object.keys(ErrorCode).sort()).toEqual(Object.keys(expected).sort());
    for (const code of Object.values(ErrorCode)) expect([code, statusOf(code), graphqlCodeOf(code)]).toEqual([code, ...expected[code]!]);
    expect([...GRAPHQL_CLIENT_CODES].sort()).toEqual(['BAD_USER_INPUT', 'FORBIDDEN', 'LIMIT_EXCEEDED', 'NOT_FOUND', 'UNAUTHENTICATED']);
  });

  it('answers an HttpError with its code\'s status and the body { error: { code, message, ...details } }', () => {
    const cause = new Error('zlib: incorrect header check');
    const error = new HttpError('MALFORMED_BODY', 'the request body is not valid gzip data', { encoding: 'gzip' }, { closeConnection: true, cause });
    expect([error.status, error.name, error.code, error.cause, error.closeConnection]).toEqual([400, 'HttpError', 'MALFORMED_BODY', cause, true]);
    expect(error.body()).toEqual({ error: { code: 'MALFORMED_BODY', message: 'the request body is not valid gzip data', encoding: 'gzip' } });
    expect(new HttpError('METHOD_NOT_ALLOWED', 'no', {}, { headers: { allow: 'GET' } })).toMatchObject({ status: 405, headers: { allow: 'GET' }, closeConnection: false });
  });
});

describe('one error base', () => {
  it('gives every error its class name, a code and the cause it wraps', () => {
    const asOf = new InvalidAsOfError('asOf -1 is not a graph version');
    expect(asOf).toBeInstanceOf(DctxError);
    expect([asOf.name, asOf.code, asOf.message]).toEqual(['InvalidAsOfError', 'INVALID_AS_OF', 'asOf -1 is not a graph version']);

    const rejected = new ChangesetRejectedError([
      { code: 'UNKNOWN_NODE', path: 'edges[0].to', message: 'no node x' },
      { code: 'EMPTY_IDENTITY', path: 'nodes[1].name', message: 'empty' },
    ]);
    expect([rejected.name, rejected.code, rejected.message]).toEqual(['ChangesetRejectedError', 'UNKNOWN_NODE', 'changeset rejected: edges[0].to: no node x; nodes[1].name: empty']);

    const database = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
    const refused = new StoreRefusedError(database, 'e-42');
    expect(refused).toBeInstanceOf(ChangesetRejectedError);
    expect([refused.name, refused.code, refused.cause, refused.sqlState, refused.errorId]).toEqual(['StoreRefusedError', 'STORE_REFUSED', database, '23505', 'e-42']);
    // The database's own message is for the log only: clients see the issues.
    expect(JSON.stringify(refused.issues)).not.toContain('duplicate key');
  });
});
