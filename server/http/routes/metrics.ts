import type { ServiceMetrics } from '../../observability/serviceMetrics.js';
import type { Router } from '../router.js';

/**
 * `GET /metrics`: Prometheus text format. It needs the `metrics` scope (or admin) when tokens are
 * configured, like every route but health; without tokens the server is on loopback and it is open.
 */
export function metricsRoute(router: Router, metrics: ServiceMetrics): void {
  router.on(
    'GET',
    '/metrics',
    async (_req, res) => {
      const text = await metrics.registry.metrics();
      res.writeHead(200, { 'content-type': metrics.registry.contentType, 'content-length': Buffer.byteLength(text) });
      res.end(text);
    },
    { scope: 'metrics' },
  );
}
