import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Negotiator from 'negotiator';
import type { Router } from '../router.js';
import { pageHeaders } from '../securityHeaders.js';
import { CONTENT_TYPES, staticFileRoutes, type StaticFile } from '../staticFiles.js';

/** Where the IDE's files are served, under the GraphQL path (the page links them relatively). */
export const IDE_ASSET_PATH = '/graphql/ide';

const require = createRequire(import.meta.url);
const packageFile = (name: string, file: string) => join(dirname(require.resolve(`${name}/package.json`)), file);
const ownFile = (file: string) => fileURLToPath(new URL(`../ide/${file}`, import.meta.url));

/**
 * GraphiQL 4, the last version with a standalone (UMD) bundle, so the files are served as the
 * npm packages ship them, with no build step; React 18 is the last React with UMD builds.
 * Load order matters: React, ReactDOM, GraphiQL, then the page's own start script.
 */
const SCRIPTS = [
  { name: 'react.production.min.js', file: packageFile('react', 'umd/react.production.min.js') },
  { name: 'react-dom.production.min.js', file: packageFile('react-dom', 'umd/react-dom.production.min.js') },
  { name: 'graphiql.min.js', file: packageFile('graphiql', 'graphiql.min.js') },
  { name: 'start.js', file: ownFile('start.js') },
];
const STYLES = [
  { name: 'graphiql.min.css', file: packageFile('graphiql', 'graphiql.min.css') },
  { name: 'ide.css', file: ownFile('ide.css') },
];

/**
 * The page's CSP: everything from this service only. Two exceptions, both for what GraphiQL's
 * bundle does: its CSS embeds its fonts and icons as `data:` URLs, and its dialogs add a <style>
 * element (to stop the page scrolling behind them), allowed by a nonce made per page, which the
 * start script hands to the library; no inline style attribute or any other inline style runs.
 */
function pageCsp(styleNonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${styleNonce}'`,
    "font-src 'self' data:",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function page(styleNonce: string, tokensRequired: boolean): string {
  const asset = (name: string) => `graphql/ide/${name}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>data-context GraphQL</title>
<link rel="icon" href="data:,">
${STYLES.map((style) => `<link rel="stylesheet" href="${asset(style.name)}">`).join('\n')}
${SCRIPTS.map((script) => `<script src="${asset(script.name)}" defer></script>`).join('\n')}
</head>
<body>
<div id="graphiql" data-tokens="${tokensRequired ? 'required' : 'none'}" data-style-nonce="${styleNonce}">Loading the GraphQL IDE…</div>
</body>
</html>
`;
}

/** The media types GET /graphql answers, in Apollo's order of preference; a browser's navigation prefers the last. */
const GRAPHQL_GET_TYPES = ['application/json', 'application/graphql-response+json', 'multipart/mixed', 'text/html'];

/** Whether a GET asks for a page rather than a GraphQL answer: its Accept header prefers text/html (a browser's address bar). */
export function prefersHtml(req: IncomingMessage): boolean {
  const accept = req.headers.accept;
  return accept !== undefined && new Negotiator({ headers: { accept } }).mediaType(GRAPHQL_GET_TYPES) === 'text/html';
}

/** Sends the IDE's page, with its own CSP (a fresh style nonce each time, so the page is never cached). */
export function sendIdePage(res: ServerResponse, tokensRequired: boolean): void {
  const nonce = randomBytes(16).toString('base64');
  const html = page(nonce, tokensRequired);
  res.writeHead(200, { 'content-type': CONTENT_TYPES.html, 'content-length': Buffer.byteLength(html), ...pageHeaders(pageCsp(nonce)) });
  res.end(html);
}

/** The IDE's scripts and styles at /graphql/ide/<name>, public: they are the packages' files and hold no data. */
export function graphqlIdeAssetRoutes(router: Router): void {
  const files: StaticFile[] = [...SCRIPTS, ...STYLES].map(({ name, file }) => ({ path: `${IDE_ASSET_PATH}/${name}`, file }));
  staticFileRoutes(router, files, { name: 'graphqlIde' });
}
