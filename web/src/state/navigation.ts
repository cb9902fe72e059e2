import { useEffect, useState } from 'preact/hooks';
import { formatState, parseState, type ViewState } from './urlState.ts';

const listeners = new Set<(state: ViewState) => void>();

function current(): ViewState {
  return parseState(location.search);
}

/** Moves to another view: a new history entry (Back returns), or a replaced one for small edits (typing, sliders). */
export function navigate(patch: Partial<ViewState>, options: { replace?: boolean } = {}): void {
  const next = { ...current(), ...patch };
  const url = `${location.pathname}${formatState(next)}`;
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  for (const listener of listeners) listener(next);
}

/** The link of a view, for <a href> (so a view can be opened in a new tab or copied). */
export function hrefOf(patch: Partial<ViewState>, base: Partial<ViewState> = {}): string {
  return `/${formatState({ ...parseState(''), ...base, ...patch })}`;
}

/** The view state of the URL, kept current on navigate() and on Back/Forward. */
export function useViewState(): ViewState {
  const [state, setState] = useState(current);
  useEffect(() => {
    const onPop = () => setState(current());
    listeners.add(setState);
    window.addEventListener('popstate', onPop);
    return () => {
      listeners.delete(setState);
      window.removeEventListener('popstate', onPop);
    };
  }, []);
  return state;
}

/** Follows an in-page link without reloading, unless the user asked for a new tab or window. */
export function followLink(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || anchor.target || anchor.origin !== location.origin || anchor.pathname !== '/' || anchor.hasAttribute('download')) return;
  event.preventDefault();
  const state = parseState(anchor.search);
  history.pushState(null, '', `/${formatState(state)}`);
  for (const listener of listeners) listener(state);
}
