import { render } from 'preact';
import 'uplot/dist/uPlot.min.css';
import 'highlight.js/styles/github.css';
import './styles.css';
import { App } from './App.tsx';
import { sendEarly } from './api/useQuery.ts';
import { parseState } from './state/urlState.ts';
import { LineageQuery, lineageVariables, mayBeLargeWalk } from './views/lineageData.ts';

// A large lineage's walk leaves before the app's first render, which its answer no longer waits for
// (75 ms sooner, bench). Any other waits for ELK's worker more than for its answer, and its worker
// script is asked for first, from the view (mayBeLargeWalk): it is sent from the view as before.
const state = parseState(location.search);
if (state.view === 'lineage' && state.node && mayBeLargeWalk(state)) sendEarly(LineageQuery, lineageVariables(state));

render(<App />, document.getElementById('app')!);
