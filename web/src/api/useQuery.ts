import { useLayoutEffect, useState } from 'preact/hooks';
import type { TadaDocumentNode } from 'gql.tada';
import { print } from '@0no-co/graphql.web';
import { ApiError, query, reportUnauthenticated } from './client.ts';

/** Queries sent before the page's first render (sendEarly), by document and variables, waiting for the view that asks for them. */
const early = new Map<string, { answer: Promise<unknown>; abort: AbortController; at: number }>();
/** An early answer not taken by then is not the page's first view's: it is dropped, not served stale later. */
const EARLY_FOR_MS = 10_000;
const earlyKey = (document: unknown, key: string) => `${print(document as Parameters<typeof print>[0])}\n${key}`;

/**
 * Sends a query now, for a view about to render: its useQuery with the same document and
 * variables takes this answer instead of sending the query again. The page's first view sends
 * its main query from the URL this way, before Preact renders anything (about 75 ms sooner: the first
 * render of the app and its view).
 */
export function sendEarly<Result, Variables>(document: TadaDocumentNode<Result, Variables>, variables: Variables): void {
  const abort = new AbortController();
  const answer = query(document, variables, abort.signal);
  // Observed here, handed over (and so reported) by useQuery.
  answer.catch(() => undefined);
  early.set(earlyKey(document, JSON.stringify(variables)), { answer, abort, at: performance.now() });
}

export interface QueryState<T> {
  data: T | null;
  error: Error | null;
  loading: boolean;
}

/** Runs a query whenever its key changes (the previous one is aborted); `skip` runs nothing; `onData` sees an answer before the render it causes. */
export function useQuery<Result, Variables>(
  document: TadaDocumentNode<Result, Variables>,
  variables: Variables,
  options: { skip?: boolean; key?: string; onData?: (data: Result) => void } = {},
): QueryState<Result> & { reload(): void } {
  const key = options.key ?? JSON.stringify(variables);
  const [state, setState] = useState<QueryState<Result>>({ data: null, error: null, loading: !options.skip });
  const [attempt, setAttempt] = useState(0);
  // Sent as the view is committed, not after the next frame (Preact runs plain effects after
  // paint): the queries leave a frame sooner, 30–50 ms of a page's first answer.
  useLayoutEffect(() => {
    if (options.skip) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    const earlyAs = early.size > 0 ? earlyKey(document, key) : '';
    const taken = early.get(earlyAs);
    early.delete(earlyAs);
    const sent = taken && performance.now() - taken.at < EARLY_FOR_MS ? taken : undefined;
    const abort = sent?.abort ?? new AbortController();
    setState((previous) => ({ data: previous.data, error: null, loading: true }));
    const answer = sent
      ? // Refused for want of a token before the app listened: the app is told now.
        (sent.answer as Promise<Result>).catch((error: Error) => {
          if (error instanceof ApiError && error.needsToken) reportUnauthenticated();
          throw error;
        })
      : query(document, variables, abort.signal);
    answer.then(
      (data) => {
        if (abort.signal.aborted) return;
        options.onData?.(data);
        setState({ data, error: null, loading: false });
      },
      (error: Error) => !abort.signal.aborted && setState({ data: null, error, loading: false }),
    );
    return () => abort.abort();
  }, [key, options.skip, attempt]);
  return { ...state, reload: () => setAttempt((n) => n + 1) };
}
