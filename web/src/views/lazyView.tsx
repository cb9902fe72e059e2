import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ViewState } from '../state/urlState.ts';
import { ErrorBox, Loading } from '../ui/errorBox.tsx';

export type View = (props: { state: ViewState }) => JSX.Element | null;

/**
 * A view whose module (and what only it uses: uPlot, highlight.js, jsdiff, csv-stringify) is its
 * own chunk, fetched when the view is first shown. The first script keeps what the search and
 * lineage views need, a third of the size: the lineage page's queries go out sooner.
 */
export function lazyView(what: string, load: () => Promise<View>): View {
  let loaded: View | null = null;
  let pending: Promise<View> | null = null;
  const start = () =>
    (pending ??= load().then(
      (view) => (loaded = view),
      (failure: Error) => {
        // A later mount tries again (a chunk lost to a network blip, a redeploy).
        pending = null;
        throw failure;
      },
    ));
  return function LazyView(props) {
    // A counter, not the view: a function given to a state setter is called as an updater.
    const [, setLoads] = useState(0);
    const [error, setError] = useState<Error | null>(null);
    // Asked for as the view first renders (once a mount), not after the paint effects wait for.
    const [request] = useState(() => (loaded ? null : start()));
    useEffect(() => {
      request?.then(() => setLoads((n) => n + 1), setError);
    }, []);
    if (loaded) {
      const Loaded = loaded;
      return <Loaded {...props} />;
    }
    return error ? <ErrorBox error={error} /> : <Loading what={what} />;
  };
}
