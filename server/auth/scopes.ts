/**
 * What a token may do: `read` the graph (GraphQL, decision time), `ingest` (OpenLineage), run the
 * `audit` query, scrape `metrics` (/metrics), or all of it (`admin` implies every other scope).
 */
export const SCOPES = ['read', 'ingest', 'audit', 'metrics', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** Who makes a request: the token's name (recorded as the actor of its writes) and its scopes. */
export interface Principal {
  name: string;
  scopes: ReadonlySet<Scope>;
}

export function hasScope(principal: Principal, scope: Scope): boolean {
  return principal.scopes.has(scope) || principal.scopes.has('admin');
}

/** The caller when no tokens are configured: the server then listens on loopback only. */
export const LOCAL_PRINCIPAL: Principal = Object.freeze({ name: 'local', scopes: new Set<Scope>(SCOPES) });
