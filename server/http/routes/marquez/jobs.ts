import type { Router } from '../../router.js';
import { sendJson } from '../../sendJson.js';
import { jobView } from './jobView.js';
import { nodeNamed } from './marquezIds.js';
import { namespaceNodes } from './namespaceNodes.js';
import { loadNodeFacts } from './nodeFacts.js';
import { API, type MarquezParts } from './parts.js';
import { pageParams, readVersion } from './query.js';

/** `GET /api/v1/namespaces/{namespace}/jobs` and `.../jobs/{job}`: every computation counts as a job. */
export function jobRoutes(router: Router, parts: MarquezParts): void {
  router.on('GET', `${API}/namespaces/{namespace}/jobs`, async (_req, res, { url, params }) => {
    const version = await readVersion(parts, url);
    const { nodes, total } = namespaceNodes(parts, params.namespace!, 'COMPUTATION', version, pageParams(parts, url));
    const facts = await loadNodeFacts(parts, nodes, version);
    sendJson(res, 200, { totalCount: total, jobs: nodes.map((n) => jobView(parts.index, n, facts)) });
  }, { scope: 'read', name: 'marquez.jobs' });

  router.on('GET', `${API}/namespaces/{namespace}/jobs/{job}`, async (_req, res, { url, params }) => {
    const version = await readVersion(parts, url);
    const n = nodeNamed(parts.index, 'COMPUTATION', params.namespace!, params.job!, version);
    sendJson(res, 200, jobView(parts.index, n, await loadNodeFacts(parts, [n], version)));
  }, { scope: 'read', name: 'marquez.job' });
}
