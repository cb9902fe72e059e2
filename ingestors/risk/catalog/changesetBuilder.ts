import { canonicalJson } from '../../../graph-model/canonical.js';
import type {
  AssetKind,
  Changeset,
  ComputationKind,
  EdgeAssertion,
  FieldEdgeAssertion,
  NodeAssertion,
  NodeDefinition,
  TagAssertion,
} from '../../../graph-model/model.js';
import type { AssetIdentity } from './assetReference.js';

/** Drops keys whose value is undefined, empty lists and empty objects, so equal input hashes equally. */
export function compactDefinition(definition: NodeDefinition): NodeDefinition {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(definition)) {
    if (value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (key === 'properties') {
      const properties = Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
      if (Object.keys(properties).length > 0) out[key] = properties;
      continue;
    }
    out[key] = value;
  }
  return out as NodeDefinition;
}

/**
 * Collects what the catalog asserts, once each: the same edge or tag from two items is one fact.
 * A node asserted twice must be asserted identically (the store would reject the whole changeset
 * otherwise), so `addAsset` refuses a different second version and says so.
 */
export class ChangesetBuilder {
  private readonly assets = new Map<string, NodeAssertion>();
  private readonly computations = new Map<string, NodeAssertion>();
  private readonly edges = new Map<string, EdgeAssertion>();
  private readonly fieldEdges = new Map<string, FieldEdgeAssertion>();
  private readonly tags = new Map<string, TagAssertion>();

  hasAsset(identity: AssetIdentity): boolean {
    return this.assets.has(key(identity));
  }

  /** Adds an asset; false (nothing added) when the same identity was added with other content. */
  addAsset(kind: AssetKind, identity: AssetIdentity, definition: NodeDefinition): boolean {
    return add(this.assets, { namespace: identity.namespace, name: identity.name, kind, definition: compactDefinition(definition) });
  }

  addComputation(kind: ComputationKind, identity: AssetIdentity, definition: NodeDefinition): boolean {
    return add(this.computations, { namespace: identity.namespace, name: identity.name, kind, definition: compactDefinition(definition) });
  }

  /** asset -READS-> computation */
  reads(asset: AssetIdentity, computation: AssetIdentity): void {
    const edge: EdgeAssertion = { from: { type: 'ASSET', ...bare(asset) }, to: { type: 'COMPUTATION', ...bare(computation) } };
    this.edges.set(canonicalJson(edge), edge);
  }

  /** computation -WRITES-> asset */
  writes(computation: AssetIdentity, asset: AssetIdentity): void {
    const edge: EdgeAssertion = { from: { type: 'COMPUTATION', ...bare(computation) }, to: { type: 'ASSET', ...bare(asset) } };
    this.edges.set(canonicalJson(edge), edge);
  }

  fieldEdge(fieldEdge: FieldEdgeAssertion): void {
    this.fieldEdges.set(canonicalJson(fieldEdge), fieldEdge);
  }

  /** A tag on an asset, or on one of its fields. */
  tag(asset: AssetIdentity, key: string, value: string, field?: string): void {
    const tag: TagAssertion = { target: { type: 'ASSET', ...bare(asset) }, key, value };
    if (field !== undefined && field !== '') tag.field = field;
    this.tags.set(canonicalJson(tag), tag);
  }

  changeset(source: string): Changeset {
    return {
      source,
      mode: 'full',
      assets: [...this.assets.values()],
      computations: [...this.computations.values()],
      edges: [...this.edges.values()],
      fieldEdges: [...this.fieldEdges.values()],
      tags: [...this.tags.values()],
    };
  }
}

const key = (identity: AssetIdentity) => `${identity.namespace}\u0000${identity.name}`;
const bare = (identity: AssetIdentity): AssetIdentity => ({ namespace: identity.namespace, name: identity.name });

function add(nodes: Map<string, NodeAssertion>, node: NodeAssertion): boolean {
  const existing = nodes.get(key(node));
  if (existing) return canonicalJson(existing) === canonicalJson(node);
  nodes.set(key(node), node);
  return true;
}
