import type { Router } from '../../router.js';
import { columnLineageRoute } from './columnLineage.js';
import { datasetRoutes } from './datasets.js';
import { datasetVersionRoutes } from './datasetVersions.js';
import { jobRoutes } from './jobs.js';
import { jobVersionRoutes } from './jobVersions.js';
import { lineageReadRoute } from './lineage.js';
import { namespaceRoutes } from './namespaces.js';
import type { MarquezParts } from './parts.js';
import { runRoutes } from './runs.js';
import { searchRoute } from './search.js';
import { unsupportedRoutes } from './unsupported.js';

export type { MarquezParts } from './parts.js';

/** Marquez's read API under /api/v1, answered from the graph and its index (docs/marquez.md). */
export function marquezRoutes(router: Router, parts: MarquezParts): void {
  namespaceRoutes(router, parts);
  datasetRoutes(router, parts);
  datasetVersionRoutes(router, parts);
  jobRoutes(router, parts);
  jobVersionRoutes(router, parts);
  runRoutes(router, parts);
  lineageReadRoute(router, parts);
  columnLineageRoute(router, parts);
  searchRoute(router, parts);
  unsupportedRoutes(router);
}
