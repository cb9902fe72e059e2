import type { VersionedGraph } from '../index/versionedGraph.js';
import { WHOLE_ASSET, type Tag } from '../model.js';
import { asOfVersion } from './asOfVersion.js';
import { blockedKeys } from './blockingDeclaration.js';
import { TagWalk, type PathStep } from './tagWalk.js';
import { validTagAt } from './tagValidity.js';

export type { PathStep } from './tagWalk.js';

/** Keys that propagate when the caller (or the policy) names none. */
export const DEFAULT_PROPAGATING_KEYS: readonly string[] = ['pii', 'sensitivity'];

export interface TagPropagationOptions {
  /** Graph version; default the latest the index holds. The tags must be read at the same version. */
  asOf?: number;
  /** Tag keys that flow downstream; default DEFAULT_PROPAGATING_KEYS. */
  propagate?: readonly string[];
}

/** Where a carried tag was declared, and one way it got here. */
export interface TagOrigin {
  id: string;
  field: string;
  /** From the origin to the carrying node, both included; computations crossed are steps with field ''. */
  path: PathStep[];
}

/** A propagating tag a node (at a field) carries at the version: declared there, or flowed in. */
export interface CarriedTag {
  id: string;
  /** The field it is on: '' for a computation or the asset as a whole. */
  field: string;
  key: string;
  value: string;
  /** True when the tag is declared on this very node and field (one of its origins is itself). */
  declared: boolean;
  /** Every declaration that reaches here, ordered by (id, field). */
  origins: TagOrigin[];
}

export interface TagPropagation {
  version: number;
  propagate: string[];
  /** Ordered by (id, field, key, value). */
  tags: CarriedTag[];
}

/**
 * The propagating tags every node carries at one graph version: each declared tag of a propagating
 * key, walked downstream from where it is declared (see TagWalk for the rules). Tags come from the
 * store (GraphStore.tagsAt) read at the version analysed; tags of nodes not valid there are left
 * out. Nothing is remembered between versions: a propagated tag exists at a version exactly when
 * some path carries it there, so it disappears with its last path and stays visible at older asOf.
 *
 * One walk per declared (node, field, key), so the cost is declarations times their reach: fine for
 * thousands of PII columns, the number of tagged origins is what to watch on big graphs.
 */
export function propagateTags(graph: VersionedGraph, tags: readonly Tag[], options: TagPropagationOptions = {}): TagPropagation {
  const version = asOfVersion(graph, options.asOf);
  const propagate = [...new Set(options.propagate ?? DEFAULT_PROPAGATING_KEYS)].sort();
  const keys = new Set(propagate);
  const blocked = blockedKeys(graph, tags, version);
  const carried = new Map<string, CarriedTag>();
  for (const origin of declaredOrigins(graph, tags, version, keys)) {
    const walk = new TagWalk(graph, version, origin.key, blocked).run(origin.node, origin.field);
    for (let p = 0; p < walk.size; p++) {
      const id = graph.nodes.id(walk.node[p]!);
      const field = walk.field[p]!;
      const path = walk.pathTo(p);
      for (const value of origin.values) {
        const key = [id, field, origin.key, value].join('\u001f');
        let tag = carried.get(key);
        if (!tag) carried.set(key, (tag = { id, field, key: origin.key, value, declared: false, origins: [] }));
        if (p === 0) tag.declared = true;
        tag.origins.push({ id: origin.id, field: origin.field, path });
      }
    }
  }
  const result = [...carried.values()].sort(byPosition);
  for (const tag of result) tag.origins.sort((a, b) => compare(a.id, b.id) || compare(a.field, b.field));
  return { version, propagate, tags: result };
}

/** The tags one node carries (all its fields), from a propagation result. */
export function carriedBy(propagation: TagPropagation, id: string): CarriedTag[] {
  return propagation.tags.filter((t) => t.id === id);
}

interface DeclaredOrigin {
  id: string;
  node: number;
  /** '' on a computation, whatever field its tag names: a computation has no fields to walk. */
  field: string;
  key: string;
  /** The values declared for the key at this node and field, sorted. */
  values: string[];
}

/** Declarations of propagating keys on nodes valid at the version, one per (node, field, key), in id order. */
function declaredOrigins(graph: VersionedGraph, tags: readonly Tag[], version: number, keys: ReadonlySet<string>): DeclaredOrigin[] {
  const origins = new Map<string, DeclaredOrigin>();
  for (const tag of tags) {
    if (!keys.has(tag.key) || !validTagAt(tag, version)) continue;
    const node = graph.nodeAt(tag.nodeId, version);
    if (node === undefined) continue;
    const field = graph.nodes.isAsset(node) ? tag.field : WHOLE_ASSET;
    const key = [tag.nodeId, field, tag.key].join('\u001f');
    let origin = origins.get(key);
    if (!origin) origins.set(key, (origin = { id: tag.nodeId, node, field, key: tag.key, values: [] }));
    if (!origin.values.includes(tag.value)) origin.values.push(tag.value);
  }
  for (const origin of origins.values()) origin.values.sort(compare);
  return [...origins.values()].sort((a, b) => compare(a.id, b.id) || compare(a.field, b.field) || compare(a.key, b.key));
}

const byPosition = (a: CarriedTag, b: CarriedTag) => compare(a.id, b.id) || compare(a.field, b.field) || compare(a.key, b.key) || compare(a.value, b.value);

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
