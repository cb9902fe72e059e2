import type { GraphStore } from '../../graph-model/store/graphStore.js';
import type { NodeVersion } from '../../graph-model/model.js';

/**
 * The nodes upstream of `start` (READS into a computation, WRITES into an asset, walked backwards),
 * at the latest version, stopping at the first node `found` accepts.
 */
export async function findUpstream(store: GraphStore, start: string, found: (node: NodeVersion) => boolean): Promise<NodeVersion | null> {
  const seen = new Set([start]);
  let frontier = [start];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const edge of await store.edges(id, { direction: 'in' })) {
        if (seen.has(edge.from)) continue;
        seen.add(edge.from);
        next.push(edge.from);
      }
    }
    for (const node of await store.nodes(next)) if (found(node)) return node;
    frontier = next;
  }
  return null;
}
