import type { ServerResponse } from 'node:http';
import type { MarquezParts } from './parts.js';
import { intParam } from './query.js';

/** Marquez clients' default depth (marquez-python's DEFAULT_DEPTH, the spec's default). */
const MARQUEZ_DEFAULT_DEPTH = 20;

/**
 * Marquez's `depth` counts steps from a node to the next of its kind (dataset → job → dataset is
 * one), the graph's hops count both edges, so a depth is twice as many hops. The walk is cut at
 * the API's deepest lineage (DCTX_MAX_LINEAGE_DEPTH hops) rather than refused, because Marquez's
 * clients send depth 20 by default; the answer then says so in `X-Dctx-Depth-Capped`.
 */
export function lineageHops(parts: MarquezParts, url: URL, res: ServerResponse): number {
  const depth = intParam(url, 'depth', MARQUEZ_DEFAULT_DEPTH);
  const hops = 2 * depth;
  const max = parts.limits.maxLineageDepth;
  if (hops <= max) return hops;
  res.setHeader('x-dctx-depth-capped', String(max));
  return max;
}
