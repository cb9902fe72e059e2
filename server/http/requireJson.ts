import type { IncomingMessage } from 'node:http';
import { HttpError } from './httpError.js';

/** `application/json`, or any `+json` type (e.g. `application/vnd.openlineage+json`), with any parameters. */
export function isJsonContentType(header: string | undefined): boolean {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/** Refuses with 415 a request whose body is not declared as JSON, before reading it. */
export function requireJson(req: IncomingMessage): void {
  const header = req.headers['content-type'];
  if (isJsonContentType(header)) return;
  throw new HttpError(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    header ? `expected Content-Type application/json, got ${header}` : 'expected Content-Type application/json, got none',
    {},
    true,
  );
}
