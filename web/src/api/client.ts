import { print } from '@0no-co/graphql.web';
import type { TadaDocumentNode } from 'gql.tada';
import { readToken } from './token.ts';

/** An answer the page must show as such: 401 (no or unknown token), 403 (missing scope), a GraphQL error. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    /** HTTP status; 200 for errors inside a GraphQL answer. */
    readonly status: number,
    /** extensions.code: UNAUTHENTICATED, FORBIDDEN, LIMIT_EXCEEDED, BAD_USER_INPUT, NOT_FOUND, INTERNAL. */
    readonly code: string,
  ) {
    super(message);
  }
  get needsToken(): boolean {
    return this.status === 401 || this.code === 'UNAUTHENTICATED';
  }
  get forbidden(): boolean {
    return this.status === 403 || this.code === 'FORBIDDEN';
  }
}

interface GraphQLError {
  message: string;
  extensions?: { code?: string };
}

/** Listeners told when a request was refused for want of a token (the app then asks for one). */
const unauthenticated = new Set<() => void>();
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticated.add(listener);
  return () => unauthenticated.delete(listener);
}

/** Tells the listeners again of a refusal for want of a token: one received before any listened (a query sent before the first render). */
export function reportUnauthenticated(): void {
  for (const listener of unauthenticated) listener();
}

function operationName(document: { definitions: readonly { kind: string; name?: { value: string } }[] }): string {
  return document.definitions.find((d) => d.kind === 'OperationDefinition')?.name?.value ?? 'anonymous';
}

/** POSTs a typed document to /graphql (same origin) with the tab's token, if any. */
export async function query<Result, Variables>(document: TadaDocumentNode<Result, Variables>, variables: Variables, signal?: AbortSignal): Promise<Result> {
  const token = readToken();
  const sent = performance.now();
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: print(document), variables }),
    signal,
  });
  const body = (await response.json().catch(() => null)) as { data?: Result | null; errors?: GraphQLError[] } | null;
  // From the call to the answer parsed, by operation: what the benchmark (bench/explorerBench.ts) splits the page's time into.
  performance.measure(`graphql ${operationName(document)}`, { start: sent });
  const first = body?.errors?.[0];
  if (!response.ok || first) {
    const error = new ApiError(first?.message ?? `${response.status} ${response.statusText}`, response.status, first?.extensions?.code ?? (response.ok ? 'INTERNAL' : String(response.status)));
    if (error.needsToken) reportUnauthenticated();
    throw error;
  }
  return body!.data as Result;
}
