// The layout worker: ELK's own worker script, bundled by Vite into a same-origin file (the page's
// CSP allows workers from 'self' only: no blob: worker). It installs its message handler on self.
import 'elkjs/lib/elk-worker.min.js';
