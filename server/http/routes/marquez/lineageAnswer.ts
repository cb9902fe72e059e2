import { lineage, type LineageOptions, type LineageResult } from '../../../../graph-model/analyses/lineage.js';
import { Neo4jBehindError } from '../../../../graph-model/neo4j/neo4jLineage.js';
import { HttpError } from '../../httpError.js';
import type { MarquezParts } from './parts.js';
import { readVersion } from './query.js';

/**
 * The version a lineage route answers at: `asOf`, or without it the index's latest, and with a
 * lineage backend the latest it holds when that is older (a projection a version or two behind
 * answers at its own version, as GraphQL's lineage query does). Resolved before the walk so the
 * route reads the start's fields and renders the nodes at the version the walk used.
 */
export async function lineageVersion(parts: MarquezParts, url: URL): Promise<number> {
  const version = await readVersion(parts, url);
  const asOf = url.searchParams.get('asOf');
  if (!parts.lineageBackend || (asOf !== null && asOf !== '')) return version;
  return Math.min(version, await parts.lineageBackend.version());
}

/**
 * The walk from the configured backend (Neo4j's Cypher with DCTX_LINEAGE_BACKEND=neo4j) or the
 * index: the same nodes, edges, distances and `truncated`. An asOf the projection does not hold
 * yet is refused (400, `reason: PROJECTION_BEHIND`) rather than answered from a graph that lacks it.
 */
export async function lineageAnswer(parts: MarquezParts, options: LineageOptions & { asOf: number }): Promise<LineageResult> {
  if (!parts.lineageBackend) return lineage(parts.index, options);
  try {
    return await parts.lineageBackend.lineage(options);
  } catch (error) {
    if (error instanceof Neo4jBehindError) throw new HttpError('BAD_QUERY', `asOf: ${error.message}`, { parameter: 'asOf', reason: 'PROJECTION_BEHIND' });
    throw error;
  }
}
