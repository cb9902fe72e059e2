import type { ServerResponse } from 'node:http';

/**
 * The CSP of every answer that is not a page: nothing may load, and nobody may frame it. (JSON
 * answers are not rendered, but a browser opening one directly would otherwise run anything an
 * attacker managed to reflect into it.) Pages set their own (the GraphQL IDE).
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Headers on every answer, set before the route runs so that errors carry them too. Answers are
 * `no-store`: they depend on the token (and on the graph version), so no cache, shared or the
 * browser's, may keep them; static files (the IDE's scripts) override it with their own caching.
 */
const HEADERS: readonly [string, string][] = [
  ['x-content-type-options', 'nosniff'],
  ['referrer-policy', 'no-referrer'],
  ['x-frame-options', 'DENY'],
  ['content-security-policy', API_CSP],
  ['cache-control', 'no-store'],
];

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of HEADERS) res.setHeader(name, value);
}
