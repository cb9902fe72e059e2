import type { IncomingMessage } from 'node:http';
import { HttpError } from './httpError.js';

/** The media type of a Content-Type header, lower-cased and without parameters (`charset`). */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** `application/json`, or any `+json` type (e.g. `application/vnd.openlineage+json`), with any parameters. */
export function isJsonContentType(header: string | undefined): boolean {
  const type = mediaType(header);
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/** What GraphQL over HTTP sends a request as: `application/json` (and the response type, which some clients send too). */
export function isGraphQLContentType(header: string | undefined): boolean {
  const type = mediaType(header);
  return type === 'application/json' || type === 'application/graphql-response+json';
}

/**
 * Refuses with 415 a request whose body is not declared as one of the types `accepts` takes,
 * before reading it (`expected` names them in the message).
 */
export function requireContentType(req: IncomingMessage, accepts: (header: string | undefined) => boolean = isJsonContentType, expected = 'application/json'): void {
  const header = req.headers['content-type'];
  if (accepts(header)) return;
  throw new HttpError(
    'UNSUPPORTED_MEDIA_TYPE',
    header ? `expected Content-Type ${expected}, got ${header}` : `expected Content-Type ${expected}, got none`,
    { expected },
    { closeConnection: true },
  );
}

/** Refuses with 415 a request whose body is not declared as JSON, before reading it. */
export function requireJson(req: IncomingMessage): void {
  requireContentType(req);
}
