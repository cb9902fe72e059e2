import { render } from 'preact';
import 'uplot/dist/uPlot.min.css';
import 'highlight.js/styles/github.css';
import './styles.css';
import { App } from './App.tsx';
import { sendEarly } from './api/useQuery.ts';
import { parseState } from './state/urlState.ts';
import { LineageQuery, lineageVariables } from './views/lineageData.ts';

// A lineage page's walk leaves before the app's first render, which its answer no longer waits for.
const state = parseState(location.search);
if (state.view === 'lineage' && state.node) sendEarly(LineageQuery, lineageVariables(state));

render(<App />, document.getElementById('app')!);
