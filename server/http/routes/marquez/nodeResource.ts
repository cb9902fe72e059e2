import type { VersionedGraph } from '../../../../graph-model/index/versionedGraph.js';
import type { NodeType } from '../../../../graph-model/model.js';
import type { Router } from '../../router.js';
import { sendJson } from '../../sendJson.js';
import { nodeNamed } from './marquezIds.js';
import { namespaceNodes } from './namespaceNodes.js';
import { loadNodeFacts, type NodeFacts } from './nodeFacts.js';
import { nodeVersions, versionNamed, type VersionEntry } from './nodeVersions.js';
import { API, type MarquezParts } from './parts.js';
import { pageParams, paged, readVersion } from './query.js';

/** Datasets (assets) and jobs (computations) are served alike: a list per namespace, one by name, their versions. */
export interface NodeResource {
  type: NodeType;
  /** The path segment and the list's key: `datasets`, `jobs`. */
  collection: 'datasets' | 'jobs';
  /** The path parameter naming one: `dataset`, `job`. */
  param: 'dataset' | 'job';
  view(graph: VersionedGraph, n: number, facts: NodeFacts): Record<string, unknown>;
  versionView(parts: MarquezParts, entry: VersionEntry): Record<string, unknown> | Promise<Record<string, unknown>>;
}

/** `GET .../{collection}`, `.../{collection}/{name}`, `.../versions` (newest first) and `.../versions/{version}`. */
export function nodeResourceRoutes(router: Router, parts: MarquezParts, resource: NodeResource): void {
  const { type, collection, param } = resource;
  const base = `${API}/namespaces/{namespace}/${collection}`;
  const name = (suffix: string) => ({ scope: 'read' as const, name: `marquez.${param}${suffix}` });

  router.on('GET', base, async (_req, res, { url, params }) => {
    const version = await readVersion(parts, url);
    const { nodes, total } = namespaceNodes(parts, params.namespace!, type, version, pageParams(parts, url));
    const facts = await loadNodeFacts(parts, nodes, version);
    sendJson(res, 200, { totalCount: total, [collection]: nodes.map((n) => resource.view(parts.index, n, facts)) });
  }, name('s'));

  router.on('GET', `${base}/{${param}}`, async (_req, res, { url, params }) => {
    const version = await readVersion(parts, url);
    const n = nodeNamed(parts.index, type, params.namespace!, params[param]!, version);
    sendJson(res, 200, resource.view(parts.index, n, await loadNodeFacts(parts, [n], version)));
  }, name(''));

  router.on('GET', `${base}/{${param}}/versions`, async (_req, res, { url, params }) => {
    const version = await readVersion(parts, url);
    const page = pageParams(parts, url);
    const entries = await nodeVersions(parts, type, params.namespace!, params[param]!, version);
    const versions = await Promise.all(paged(entries, page).map((entry) => resource.versionView(parts, entry)));
    sendJson(res, 200, { versions, totalCount: entries.length });
  }, name('Versions'));

  router.on('GET', `${base}/{${param}}/versions/{version}`, async (_req, res, { url, params }) => {
    const version = await readVersion(parts, url);
    const entries = await nodeVersions(parts, type, params.namespace!, params[param]!, version);
    const entry = versionNamed(entries, params.version!, `${param} ${params[param]} in namespace ${params.namespace}`);
    sendJson(res, 200, await resource.versionView(parts, entry));
  }, name('Version'));
}
