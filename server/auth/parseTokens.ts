import { isScope, type Scope } from './scopes.js';

export interface TokenSpec {
  name: string;
  scopes: Scope[];
  secret: string;
}

/** The shortest secret accepted: shorter ones are guessable. */
export const MIN_SECRET_LENGTH = 16;

export class TokenConfigError extends Error {
  override name = 'TokenConfigError';
}

/**
 * `DCTX_TOKENS`: a comma-separated list of `name:scope+scope:secret`. The secret is everything
 * after the second colon (it may itself hold colons). Errors name the entry by position and name,
 * never by its secret.
 */
export function parseTokens(spec: string | undefined): TokenSpec[] {
  if (!spec || spec.trim() === '') return [];
  const tokens: TokenSpec[] = [];
  const names = new Set<string>();
  spec.split(',').forEach((raw, i) => {
    const entry = raw.trim();
    const where = `DCTX_TOKENS entry ${i + 1}`;
    const first = entry.indexOf(':');
    const second = first < 0 ? -1 : entry.indexOf(':', first + 1);
    if (first <= 0 || second < 0) throw new TokenConfigError(`${where}: expected name:scope+scope:secret`);
    const name = entry.slice(0, first);
    const scopeList = entry.slice(first + 1, second);
    const secret = entry.slice(second + 1);
    if (!/^[A-Za-z0-9_.@-]+$/.test(name)) throw new TokenConfigError(`${where}: the name "${name}" may only hold letters, digits and _.@-`);
    if (names.has(name)) throw new TokenConfigError(`${where} (${name}): the name is used twice`);
    const scopes = scopeList.split('+').filter((s) => s !== '');
    if (scopes.length === 0) throw new TokenConfigError(`${where} (${name}): no scopes; use read, ingest, audit or admin joined by +`);
    for (const scope of scopes) {
      if (!isScope(scope)) throw new TokenConfigError(`${where} (${name}): unknown scope "${scope}"; use read, ingest, audit or admin`);
    }
    if (secret.length < MIN_SECRET_LENGTH) throw new TokenConfigError(`${where} (${name}): the secret must be at least ${MIN_SECRET_LENGTH} characters`);
    names.add(name);
    tokens.push({ name, scopes: scopes as Scope[], secret });
  });
  return tokens;
}
