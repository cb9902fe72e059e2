import type { ServiceMetrics } from '../../observability/serviceMetrics.js';
import type { Router } from '../router.js';

/** `GET /metrics`: Prometheus text format. Public like the health checks: it holds no graph data. */
export function metricsRoute(router: Router, metrics: ServiceMetrics): void {
  router.on('GET', '/metrics', async (_req, res) => {
    const text = await metrics.registry.metrics();
    res.writeHead(200, { 'content-type': metrics.registry.contentType, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
}
