import { useEffect, useState } from 'preact/hooks';
import { onUnauthenticated } from './api/client.ts';
import { forgetToken, readToken } from './api/token.ts';
import { followLink, hrefOf, useViewState } from './state/navigation.ts';
import type { ViewState } from './state/urlState.ts';
import { TokenDialog } from './ui/tokenDialog.tsx';
import { lazyView } from './views/lazyView.tsx';
import { LineageView } from './views/LineageView.tsx';
import { SearchView } from './views/searchView.tsx';

// Search and lineage are in the first script; the other views are chunks of their own (lazyView).
const NodeView = lazyView('node page', () => import('./views/NodeView.tsx').then((m) => m.NodeView));
const ImpactView = lazyView('impact check', () => import('./views/ImpactView.tsx').then((m) => m.ImpactView));
const CostView = lazyView('cost', () => import('./views/CostView.tsx').then((m) => m.CostView));
const AuditView = lazyView('audit', () => import('./views/AuditView.tsx').then((m) => m.AuditView));
const RuleView = lazyView('rule', () => import('./views/RuleView.tsx').then((m) => m.RuleView));
const AlertsView = lazyView('alerts', () => import('./views/AlertsView.tsx').then((m) => m.AlertsView));

function CurrentView({ state }: { state: ViewState }) {
  if (state.view !== 'search' && state.view !== 'cost' && state.view !== 'audit' && state.view !== 'impact' && state.view !== 'alerts' && !state.node) {
    return <p class="error">This view needs a node: search for one first.</p>;
  }
  switch (state.view) {
    case 'search':
      return <SearchView state={state} />;
    case 'node':
      return <NodeView state={state} />;
    case 'lineage':
      return <LineageView state={state} />;
    case 'impact':
      return <ImpactView state={state} />;
    case 'cost':
      return <CostView state={state} />;
    case 'audit':
      return <AuditView state={state} />;
    case 'rule':
      return <RuleView state={state} />;
    case 'alerts':
      return <AlertsView state={state} />;
  }
}

const TITLES: Record<ViewState['view'], string> = {
  search: 'Search',
  node: 'Node',
  lineage: 'Lineage',
  impact: 'Impact check',
  cost: 'Cost',
  audit: 'Compliance audit',
  rule: 'Rule',
  alerts: 'Alerts',
};

export function App() {
  const state = useViewState();
  const [askToken, setAskToken] = useState(false);
  // Views refetch when this changes (a token was entered).
  const [session, setSession] = useState(0);
  useEffect(() => onUnauthenticated(() => setAskToken(true)), []);
  useEffect(() => {
    document.title = `${TITLES[state.view]} · data-context explorer`;
  }, [state.view]);
  const hasToken = readToken() !== null;
  return (
    <div class="app" onClick={(event) => followLink(event as unknown as MouseEvent)}>
      <header class="top">
        <a class="brand" href={hrefOf({})}>
          data-context <span>explorer</span>
        </a>
        <nav aria-label="Views">
          <a href={hrefOf({ view: 'search', asOf: state.asOf })} aria-current={state.view === 'search' ? 'page' : undefined}>
            Search
          </a>
          <a href={hrefOf({ view: 'impact', asOf: state.asOf })} aria-current={state.view === 'impact' ? 'page' : undefined}>
            Impact
          </a>
          <a href={hrefOf({ view: 'cost', asOf: state.asOf })} aria-current={state.view === 'cost' ? 'page' : undefined}>
            Cost
          </a>
          <a href={hrefOf({ view: 'audit', asOf: state.asOf })} aria-current={state.view === 'audit' ? 'page' : undefined}>
            Audit
          </a>
          <a href={hrefOf({ view: 'alerts' })} aria-current={state.view === 'alerts' ? 'page' : undefined}>
            Alerts
          </a>
        </nav>
        {hasToken && (
          <button
            type="button"
            class="forget-token"
            onClick={() => {
              forgetToken();
              setSession((n) => n + 1);
            }}
          >
            Forget token
          </button>
        )}
      </header>
      {askToken && (
        <TokenDialog
          onSaved={() => {
            setAskToken(false);
            setSession((n) => n + 1);
          }}
        />
      )}
      <main key={session}>
        <CurrentView state={state} />
      </main>
    </div>
  );
}
