import type { ServerResponse } from 'node:http';

/**
 * Headers on every answer, set before the route runs so that errors carry them too: no content
 * sniffing, no Referer sent on from anything the service serves, and `no-store`, since answers
 * depend on the token (and on the graph version), so no cache, shared or the browser's, may keep
 * them; static files (the IDE's scripts) override it with their own caching. They are kept few and
 * short: on a decision-time answer of a few hundred bytes, every header byte costs throughput.
 */
const HEADERS: readonly [string, string][] = [
  ['x-content-type-options', 'nosniff'],
  ['referrer-policy', 'no-referrer'],
  ['cache-control', 'no-store'],
];

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of HEADERS) res.setHeader(name, value);
}

/**
 * The headers of an HTML page: its Content-Security-Policy, which also forbids framing
 * (`frame-ancestors 'none'`), and X-Frame-Options for browsers older than that. JSON answers need
 * neither: with nosniff a browser never renders them as a page.
 */
export function pageHeaders(csp: string): Record<string, string> {
  return { 'content-security-policy': csp, 'x-frame-options': 'DENY' };
}
