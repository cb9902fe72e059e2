import { render } from 'preact';
import 'uplot/dist/uPlot.min.css';
import 'highlight.js/styles/github.css';
import './styles.css';
import { App } from './App.tsx';

render(<App />, document.getElementById('app')!);
