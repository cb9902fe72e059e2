import { nodeId } from '../../graph-model/ids.js';
import type { NodeType } from '../../graph-model/model.js';

// A batch names the same jobs and datasets over and over, and each id is a SHA-256: hashing each
// identity once per process (bounded, since identities are unbounded) keeps mapping cheap.
const MAX_ENTRIES = 200_000;
const cache = new Map<string, string>();

/** `nodeId`, remembered. */
export function cachedNodeId(type: NodeType, namespace: string, name: string): string {
  const key = `${type}\u0000${namespace}\u0000${name}`;
  let id = cache.get(key);
  if (id === undefined) {
    id = nodeId(type, namespace, name);
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(key, id);
  }
  return id;
}
