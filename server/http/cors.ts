import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './httpError.js';
import { DctxError } from '../../graph-model/dctxError.js';

/** The request headers a browser may send cross-origin: the token, and the body's type and coding. */
export const CORS_ALLOWED_HEADERS = 'Authorization, Content-Type, Content-Encoding, Accept';
/** How long a browser may reuse a preflight answer (10 minutes). */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

export class CorsConfigError extends DctxError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INVALID_CORS_CONFIG', message, options);
  }
}

/**
 * `DCTX_CORS_ORIGINS`: a comma-separated list of exact origins (`https://dash.example.com`,
 * `http://localhost:3000`), each a scheme, a host and an optional port, nothing more. `*` is
 * refused: without tokens it would let every web page the user opens read and write the local
 * catalog through their browser, and with tokens the issue's rule is exact origins only.
 */
export function parseCorsOrigins(spec: string | undefined): string[] {
  if (!spec || spec.trim() === '') return [];
  return spec.split(',').map((raw, i) => {
    const entry = raw.trim();
    const where = `DCTX_CORS_ORIGINS entry ${i + 1} (${JSON.stringify(entry)})`;
    if (entry === '*') throw new CorsConfigError(`${where}: "*" is not accepted; list the exact origins that may call the API, e.g. https://dash.example.com`);
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new CorsConfigError(`${where}: not an origin; expected scheme://host[:port], e.g. https://dash.example.com`);
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== entry) {
      throw new CorsConfigError(`${where}: not an origin; expected scheme://host[:port] with no path or trailing slash${url.origin !== 'null' ? `, e.g. ${url.origin}` : ''}`);
    }
    return entry;
  });
}

/**
 * Cross-origin access for browsers (dashboards on another origin). With no origins configured
 * there is none: no CORS headers at all, and a preflight is refused. A request from an allowed
 * origin gets `Access-Control-Allow-Origin: <its origin>` (never `*`; no credentials, since tokens
 * travel in the Authorization header, not in cookies); every answer says `Vary: Origin` once
 * origins are configured, since it then depends on the Origin header.
 */
export class CorsPolicy {
  private readonly origins: ReadonlySet<string>;

  constructor(origins: readonly string[] = []) {
    this.origins = new Set(origins);
  }

  get enabled(): boolean {
    return this.origins.size > 0;
  }

  private allowedOrigin(req: IncomingMessage): string | undefined {
    const origin = req.headers.origin;
    return origin !== undefined && this.origins.has(origin) ? origin : undefined;
  }

  /** The CORS headers of an actual (not preflight) request's answer, set before the route runs. */
  decorate(req: IncomingMessage, res: ServerResponse): void {
    if (!this.enabled) return;
    res.setHeader('vary', 'Origin');
    const origin = this.allowedOrigin(req);
    if (origin) {
      res.setHeader('access-control-allow-origin', origin);
      // A dashboard reads why it was refused (WWW-Authenticate on a 401) like a same-origin page would.
      res.setHeader('access-control-expose-headers', 'WWW-Authenticate');
    }
  }

  /** Whether a request is a CORS preflight: OPTIONS with an Origin and the method the browser wants to send. */
  static isPreflight(req: IncomingMessage): boolean {
    return req.method === 'OPTIONS' && req.headers.origin !== undefined && req.headers['access-control-request-method'] !== undefined;
  }

  /**
   * Answers a preflight for a path that answers `methods`: 204 with what the API takes for an
   * allowed origin; 403 (JSON, no CORS headers, so the browser blocks the request) for any other.
   */
  preflight(req: IncomingMessage, res: ServerResponse, methods: readonly string[]): void {
    const origin = this.allowedOrigin(req);
    if (!origin) {
      const why = this.enabled ? `origin ${req.headers.origin} is not allowed` : 'cross-origin requests are not enabled';
      throw new HttpError('CORS_ORIGIN_NOT_ALLOWED', `${why}; DCTX_CORS_ORIGINS lists the origins that may call this API`, { origin: req.headers.origin });
    }
    res.writeHead(204, {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': methods.join(', '),
      'access-control-allow-headers': CORS_ALLOWED_HEADERS,
      'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
    });
    res.end();
  }
}
