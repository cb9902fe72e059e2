import type { Router } from '../../router.js';
import { columnLineageRoute } from './columnLineage.js';
import { datasetView } from './datasetView.js';
import { datasetVersionView } from './datasetVersions.js';
import { jobView } from './jobView.js';
import { jobVersionView } from './jobVersions.js';
import { lineageReadRoute } from './lineage.js';
import { namespaceRoutes } from './namespaces.js';
import { nodeResourceRoutes } from './nodeResource.js';
import type { MarquezParts } from './parts.js';
import { runRoutes } from './runs.js';
import { searchRoute } from './search.js';
import { unsupportedRoutes } from './unsupported.js';

export type { MarquezParts } from './parts.js';

/** Marquez's read API under /api/v1, answered from the graph and its index (docs/marquez.md). */
export function marquezRoutes(router: Router, parts: MarquezParts): void {
  namespaceRoutes(router, parts);
  nodeResourceRoutes(router, parts, { type: 'ASSET', collection: 'datasets', param: 'dataset', view: datasetView, versionView: datasetVersionView });
  nodeResourceRoutes(router, parts, { type: 'COMPUTATION', collection: 'jobs', param: 'job', view: jobView, versionView: jobVersionView });
  runRoutes(router, parts);
  lineageReadRoute(router, parts);
  columnLineageRoute(router, parts);
  searchRoute(router, parts);
  unsupportedRoutes(router);
}
