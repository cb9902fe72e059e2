import { createHash, timingSafeEqual } from 'node:crypto';
import { DctxError } from '../../graph-model/dctxError.js';
import { TokenConfigError, type TokenSpec } from './parseTokens.js';
import { LOCAL_PRINCIPAL, type Principal } from './scopes.js';

export class UnauthenticatedError extends DctxError<'UNAUTHENTICATED'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('UNAUTHENTICATED', message, options);
  }
}

function digest(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/**
 * API tokens, held only as SHA-256 digests of their secrets: a heap dump or a log of this object
 * reveals no secret. With no tokens configured every caller is the local principal (the server then
 * binds to loopback only; see assertSafeBinding).
 */
export class TokenRegistry {
  private readonly tokens: { digest: Buffer; principal: Principal }[] = [];

  constructor(tokens: readonly TokenSpec[]) {
    for (const token of tokens) {
      const hashed = digest(token.secret);
      const same = this.tokens.find((known) => known.digest.equals(hashed));
      // parseTokens refuses this already; a registry built another way must not let one secret mean two tokens.
      if (same) throw new TokenConfigError(`tokens ${same.principal.name} and ${token.name} have the same secret; give each token its own secret`);
      this.tokens.push({ digest: hashed, principal: Object.freeze({ name: token.name, scopes: new Set(token.scopes) }) });
    }
  }

  get configured(): boolean {
    return this.tokens.length > 0;
  }

  /**
   * The principal of an `Authorization: Bearer <secret>` header; throws UnauthenticatedError.
   * The presented secret's digest is compared with every token's in constant time, without
   * stopping at a match, so the time taken says nothing about which digest bytes matched.
   */
  authenticate(authorization: string | undefined): Principal {
    if (!this.configured) return LOCAL_PRINCIPAL;
    if (!authorization) throw new UnauthenticatedError('missing Authorization header; send Authorization: Bearer <token>');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw new UnauthenticatedError('the Authorization header must be "Bearer <token>"');
    const presented = digest(match[1]!);
    let principal: Principal | undefined;
    for (const token of this.tokens) {
      if (timingSafeEqual(token.digest, presented)) principal = token.principal;
    }
    if (!principal) throw new UnauthenticatedError('unknown token');
    return principal;
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\./.test(host);
}

/** Without tokens anyone who can connect may read and write: refuse to listen beyond loopback. */
export function assertSafeBinding(registry: TokenRegistry, host: string): void {
  if (!registry.configured && !isLoopback(host)) {
    throw new Error(`refusing to listen on ${host} without API tokens: set DCTX_TOKENS (name:scope+scope:secret) or bind to 127.0.0.1`);
  }
}
