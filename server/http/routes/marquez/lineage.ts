import type { Router } from '../../router.js';
import { sendJson } from '../../sendJson.js';
import { datasetView } from './datasetView.js';
import { lineageHops } from './depth.js';
import { jobView } from './jobView.js';
import { marquezNodeId, parseNodeId } from './marquezIds.js';
import { loadNodeFacts } from './nodeFacts.js';
import { API, type MarquezParts } from './parts.js';
import { lineageAnswer, lineageVersion } from './lineageAnswer.js';
import { required } from './query.js';

export interface GraphEdge {
  origin: string;
  destination: string;
}

/**
 * `GET /api/v1/lineage?nodeId=&depth=`: the lineage analysis up and down from the node, in
 * Marquez's graph shape; the walk by the lineage backend (Neo4j with DCTX_LINEAGE_BACKEND=neo4j)
 * when one is configured. The nodes' views (facets, versions) are read from the index and the store.
 */
export function lineageReadRoute(router: Router, parts: MarquezParts): void {
  router.on('GET', `${API}/lineage`, async (_req, res, { url }) => {
    const version = await lineageVersion(parts, url);
    const graph = parts.index;
    const start = parseNodeId(graph, required(url, 'nodeId'), version);
    const hops = lineageHops(parts, url, res);
    const result = await lineageAnswer(parts, { ids: [graph.nodes.id(start.n)], direction: 'BOTH', depth: hops, asOf: version, maxNodes: parts.limits.maxLineageNodes });
    if (result.truncated) res.setHeader('x-dctx-truncated', result.truncatedReason ?? 'true');
    const nodes = result.nodes.map((node) => graph.nodes.indexOf(node.id)!);
    const facts = await loadNodeFacts(parts, nodes, version);
    const marquezId = new Map(nodes.map((n) => [graph.nodes.id(n), marquezNodeId(graph, n)]));
    const inEdges = new Map<string, GraphEdge[]>();
    const outEdges = new Map<string, GraphEdge[]>();
    for (const edge of result.edges) {
      const e = { origin: marquezId.get(edge.from)!, destination: marquezId.get(edge.to)! };
      (outEdges.get(edge.from) ?? outEdges.set(edge.from, []).get(edge.from)!).push(e);
      (inEdges.get(edge.to) ?? inEdges.set(edge.to, []).get(edge.to)!).push(e);
    }
    sendJson(res, 200, {
      graph: nodes.map((n) => {
        const id = graph.nodes.id(n);
        const asset = graph.nodes.isAsset(n);
        return {
          id: marquezId.get(id),
          type: asset ? 'DATASET' : 'JOB',
          data: asset ? datasetView(graph, n, facts) : jobView(graph, n, facts),
          inEdges: inEdges.get(id) ?? [],
          outEdges: outEdges.get(id) ?? [],
        };
      }),
    });
  }, { scope: 'read', name: 'marquez.lineage' });
}
