import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * A `<link rel="modulepreload">` for the renderer's chunk (Cytoscape) in index.html: the browser
 * fetches and compiles it beside the first script, before the page's queries reach the server.
 * Requested by the graph view's `import()` instead, it came after the lineage query and waited
 * behind the server's answer to it (and the node header's), and the drawing waited for it:
 * 100–200 ms of a 5,000-node lineage's time to interactive (BENCHMARKS.md).
 */
function preloadRenderer(): Plugin {
  return {
    name: 'dctx-preload-renderer',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunk = Object.values(context.bundle ?? {}).find((output) => output.type === 'chunk' && output.name === 'renderer');
        return chunk ? [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${chunk.fileName}` }, injectTo: 'head' }] : [];
      },
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  // Preact's JSX runtime; no plugin needed for a production build.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [preloadRenderer()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Nothing inlined as data: URLs, so the page's CSP can stay 'self' only.
    assetsInlineLimit: 0,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
  server: {
    // `npx vite web` while `npm start` runs: the dev server forwards the API to it.
    proxy: { '/graphql': 'http://127.0.0.1:4000' },
  },
});
