import { fieldNames, mergeDefinitions } from '../../../graph-model/definition.js';
import { nodeId } from '../../../graph-model/ids.js';
import type { GraphReader } from '../../../graph-model/store/graphReader.js';
import type { AssetIdentity } from './assetReference.js';

/**
 * Assets the catalog references but does not declare, as other sources assert them now. Only other
 * sources count: a feature this catalog asserted last time and has since deleted must dangle, not
 * resolve to the node this very sync is about to retract.
 */
export class ExternalAssets {
  private constructor(private readonly fieldsById: ReadonlyMap<string, ReadonlySet<string>>) {}

  static empty(): ExternalAssets {
    return new ExternalAssets(new Map());
  }

  /** Looks up `candidates` among the current claims of every source but `source`. */
  static async lookUp(store: GraphReader, source: string, candidates: Iterable<AssetIdentity>): Promise<ExternalAssets> {
    const ids = [...new Set([...candidates].map((identity) => assetNodeId(identity)))];
    if (ids.length === 0) return ExternalAssets.empty();
    const claims = await store.claims(ids, { excludeSource: source });
    const definitions = new Map<string, Parameters<typeof mergeDefinitions>[0]>();
    for (const claim of claims) definitions.set(claim.nodeId, [...(definitions.get(claim.nodeId) ?? []), claim.definition]);
    const fieldsById = new Map<string, ReadonlySet<string>>();
    for (const [id, claimed] of definitions) fieldsById.set(id, fieldNames(mergeDefinitions(claimed)));
    return new ExternalAssets(fieldsById);
  }

  has(identity: AssetIdentity): boolean {
    return this.fieldsById.has(assetNodeId(identity));
  }

  /** Whether the asset has `field` as other sources declare it (`''`, the whole asset, always). */
  hasField(identity: AssetIdentity, field: string): boolean {
    return field === '' || (this.fieldsById.get(assetNodeId(identity))?.has(field) ?? false);
  }
}

export const assetNodeId = (identity: AssetIdentity): string => nodeId('ASSET', identity.namespace, identity.name);
