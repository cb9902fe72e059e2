import type { VersionedGraph } from '../index/versionedGraph.js';
import { DctxError } from '../dctxError.js';

export class IndexBehindError extends DctxError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INDEX_BEHIND', message, options);
  }
}

/**
 * The graph version an analysis reads: `asOf` when given, else the latest the index holds. The
 * index answers only versions it has loaded; a caller that just committed waits with
 * `index.waitFor(version)` first. Timestamps are mapped to versions by the store (resolveAsOf).
 */
export function asOfVersion(graph: VersionedGraph, asOf: number | undefined): number {
  if (asOf === undefined) return graph.version;
  if (!Number.isInteger(asOf) || asOf < 0) throw new RangeError(`asOf must be a non-negative graph version, got ${asOf}`);
  if (asOf > graph.version) throw new IndexBehindError(`asOf version ${asOf} is ahead of the index (at version ${graph.version})`);
  return asOf;
}
