import { SCOPES, isScope, type Scope } from './scopes.js';
import { DctxError } from '../../graph-model/dctxError.js';

export interface TokenSpec {
  name: string;
  scopes: Scope[];
  secret: string;
}

/** The shortest secret accepted: shorter ones are guessable. */
export const MIN_SECRET_LENGTH = 16;

export class TokenConfigError extends DctxError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INVALID_TOKEN_CONFIG', message, options);
  }
}

const SCOPE_LIST = `${SCOPES.slice(0, -1).join(', ')} or ${SCOPES.at(-1)}`;

/**
 * `DCTX_TOKENS`: a comma-separated list of `name:scope+scope:secret`. The secret is everything
 * after the second colon (it may itself hold colons). Errors name the entry by position and name
 * and never quote a value that could be a secret: not the secret, and not a scope or name that
 * is not valid (a secret put in the wrong place, `name:<secret>:read`, lands there).
 * Two entries with one secret are refused (the secret would authenticate as whichever came last),
 * and so are two entries with one name (the name is the actor of the token's writes).
 */
export function parseTokens(spec: string | undefined): TokenSpec[] {
  if (!spec || spec.trim() === '') return [];
  const tokens: TokenSpec[] = [];
  const byName = new Map<string, string>();
  const bySecret = new Map<string, string>();
  spec.split(',').forEach((raw, i) => {
    const entry = raw.trim();
    const where = `DCTX_TOKENS entry ${i + 1}`;
    const first = entry.indexOf(':');
    const second = first < 0 ? -1 : entry.indexOf(':', first + 1);
    if (first <= 0 || second < 0) throw new TokenConfigError(`${where}: expected name:scope+scope:secret`);
    const name = entry.slice(0, first);
    const scopeList = entry.slice(first + 1, second);
    const secret = entry.slice(second + 1);
    if (!/^[A-Za-z0-9_.@-]+$/.test(name)) throw new TokenConfigError(`${where}: the name may only hold letters, digits and _.@- (the value is not shown: it may be a misplaced secret)`);
    const named = `${where} (${name})`;
    const previous = byName.get(name);
    if (previous) throw new TokenConfigError(`${named}: the name is used twice, also by ${previous}; give each token its own name`);
    const scopes = scopeList.split('+').filter((s) => s !== '');
    if (scopes.length === 0) throw new TokenConfigError(`${named}: no scopes; use ${SCOPE_LIST} joined by +`);
    scopes.forEach((scope, k) => {
      if (!isScope(scope)) {
        throw new TokenConfigError(
          `${named}: scope ${k + 1} of ${scopes.length} is not one of ${SCOPE_LIST} (the value is not shown: it may be a misplaced secret; the format is name:scope+scope:secret)`,
        );
      }
    });
    if (secret.length < MIN_SECRET_LENGTH) {
      // A short secret after a name as long as a secret is most likely the two swapped (`<secret>:read:name`).
      const which = name.length >= MIN_SECRET_LENGTH ? `${where} (the name is not shown: it is as long as a secret, and may be one)` : named;
      throw new TokenConfigError(`${which}: the secret must be at least ${MIN_SECRET_LENGTH} characters`);
    }
    const sameSecret = bySecret.get(secret);
    if (sameSecret) throw new TokenConfigError(`${sameSecret} and ${named} have the same secret; give each token its own secret`);
    byName.set(name, named);
    bySecret.set(secret, named);
    tokens.push({ name, scopes: scopes as Scope[], secret });
  });
  return tokens;
}
