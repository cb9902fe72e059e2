import DataLoader from 'dataloader';
import type { NodeVersion, Run, Tag } from '../../graph-model/model.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';

/** A node at a graph version: the key of every per-node loader. */
export interface NodeAt {
  id: string;
  version: number;
}

const keyOf = (key: NodeAt) => `${key.version}:${key.id}`;

/** Groups keys by version so that each version costs one statement, whatever the number of nodes. */
function byVersion<T>(load: (ids: string[], version: number) => Promise<T[]>, idOf: (row: T) => string, many: true): DataLoader<NodeAt, T[], string>;
function byVersion<T>(load: (ids: string[], version: number) => Promise<T[]>, idOf: (row: T) => string, many: false): DataLoader<NodeAt, T | null, string>;
function byVersion<T>(load: (ids: string[], version: number) => Promise<T[]>, idOf: (row: T) => string, many: boolean) {
  return new DataLoader<NodeAt, T[] | T | null, string>(
    async (keys) => {
      const versions = new Map<number, string[]>();
      for (const key of keys) versions.set(key.version, [...(versions.get(key.version) ?? []), key.id]);
      const found = new Map<string, T[]>();
      await Promise.all(
        [...versions].map(async ([version, ids]) => {
          for (const row of await load([...new Set(ids)], version)) {
            const k = keyOf({ id: idOf(row), version });
            found.set(k, [...(found.get(k) ?? []), row]);
          }
        }),
      );
      return keys.map((key) => {
        const rows = found.get(keyOf(key)) ?? [];
        return many ? rows : (rows[0] ?? null);
      });
    },
    { cacheKeyFn: keyOf },
  );
}

export interface Loaders {
  /** The node's full version (definition, content hash) at a graph version. */
  definition: DataLoader<NodeAt, NodeVersion | null, string>;
  tags: DataLoader<NodeAt, Tag[], string>;
  runs: DataLoader<NodeAt, Run[], string>;
}

/**
 * Per-request batching: a page of 100 assets asking for their producers' descriptions costs one
 * statement for the page and one for the producers, not one per asset.
 */
export function createLoaders(store: GraphStore): Loaders {
  return {
    definition: byVersion((ids, version) => store.nodes(ids, version), (node) => node.id, false),
    tags: byVersion((ids, version) => store.tagsOf(ids, version), (tag) => tag.nodeId, true),
    runs: byVersion((ids, version) => store.runsOf(ids, version), (run) => run.computationId, true),
  };
}
