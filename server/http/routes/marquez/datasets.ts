import type { Router } from '../../router.js';
import { sendJson } from '../../sendJson.js';
import { datasetView } from './datasetView.js';
import { nodeNamed } from './marquezIds.js';
import { namespaceNodes } from './namespaceNodes.js';
import { loadNodeFacts } from './nodeFacts.js';
import { API, type MarquezParts } from './parts.js';
import { pageParams, readVersion } from './query.js';

/** `GET /api/v1/namespaces/{namespace}/datasets` and `.../datasets/{dataset}`: every asset counts as a dataset. */
export function datasetRoutes(router: Router, parts: MarquezParts): void {
  router.on('GET', `${API}/namespaces/{namespace}/datasets`, async (_req, res, { url, params }) => {
    const version = await readVersion(parts, url);
    const { nodes, total } = namespaceNodes(parts, params.namespace!, 'ASSET', version, pageParams(parts, url));
    const facts = await loadNodeFacts(parts, nodes, version);
    sendJson(res, 200, { totalCount: total, datasets: nodes.map((n) => datasetView(parts.index, n, facts)) });
  }, { scope: 'read', name: 'marquez.datasets' });

  router.on('GET', `${API}/namespaces/{namespace}/datasets/{dataset}`, async (_req, res, { url, params }) => {
    const version = await readVersion(parts, url);
    const n = nodeNamed(parts.index, 'ASSET', params.namespace!, params.dataset!, version);
    sendJson(res, 200, datasetView(parts.index, n, await loadNodeFacts(parts, [n], version)));
  }, { scope: 'read', name: 'marquez.dataset' });
}
