import type { VersionedGraph } from '../index/versionedGraph.js';
import { WHOLE_ASSET, type Tag } from '../model.js';
import { validTagAt } from './tagValidity.js';

/**
 * A computation stops the propagation of a tag key when it carries the tag `dctx.block=<key>`
 * (`dctx.block=*` stops every key; several keys are several tags, or one value listing them
 * comma-separated). It is a tag rather than a policy entry because blocking is a fact about the
 * computation (it anonymises, aggregates past re-identification...) that its source asserts and
 * that is versioned with the graph: an audit at an older version sees the declarations of then.
 */
export const BLOCK_TAG_KEY = 'dctx.block';
export const BLOCK_ALL = '*';

/** Per node integer, the keys it blocks (BLOCK_ALL for all). */
export type BlockedKeys = ReadonlyMap<number, ReadonlySet<string>>;

/** The blocking declarations among `tags` on computations valid at `version`; tags on assets declare nothing. */
export function blockedKeys(graph: VersionedGraph, tags: readonly Tag[], version: number): BlockedKeys {
  const blocked = new Map<number, Set<string>>();
  for (const tag of tags) {
    if (tag.key !== BLOCK_TAG_KEY || tag.field !== WHOLE_ASSET || !validTagAt(tag, version)) continue;
    const n = graph.nodeAt(tag.nodeId, version);
    if (n === undefined || graph.nodes.isAsset(n)) continue;
    let keys = blocked.get(n);
    if (!keys) blocked.set(n, (keys = new Set()));
    for (const key of tag.value.split(',')) if (key.trim()) keys.add(key.trim());
  }
  return blocked;
}

export function blocks(blocked: BlockedKeys, n: number, key: string): boolean {
  const keys = blocked.get(n);
  return keys !== undefined && (keys.has(key) || keys.has(BLOCK_ALL));
}

