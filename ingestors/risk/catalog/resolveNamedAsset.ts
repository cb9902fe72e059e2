import { unreachable } from '../../../graph-model/model.js';
import { qualifiedName, type AssetIdentity } from './assetReference.js';
import type { CatalogIndex, SectionItem } from './catalogIndex.js';
import type { CatalogSection } from './catalogSchema.js';
import type { ExternalAssets } from './externalAssets.js';

export type NamedAssetResolution<Item> =
  | { readonly ok: true; readonly identity: AssetIdentity; /** Set when the catalog declares it. */ readonly item?: Item }
  | { readonly ok: false; /** Why it dangles, for the error message. */ readonly reason: string };

/**
 * Resolves a name an item uses for a feature, model, rule or service: an item of this catalog, or
 * an asset another source asserts now. Anything else dangles: no node, so no edge can be made.
 */
export function resolveNamedAsset<Section extends CatalogSection>(
  index: CatalogIndex,
  external: ExternalAssets,
  section: Section,
  written: string,
  defaultNamespace: string,
): NamedAssetResolution<SectionItem<Section>> {
  const resolution = index.resolve(section, written, defaultNamespace);
  switch (resolution.found) {
    case 'catalog':
      return { ok: true, identity: { namespace: resolution.item.namespace, name: resolution.item.spec.name }, item: resolution.item };
    case 'elsewhere':
      return external.has(resolution.identity)
        ? { ok: true, identity: resolution.identity }
        : { ok: false, reason: `${qualifiedName(resolution.identity)} is neither declared in this catalog nor asserted by another source` };
    case 'ambiguous':
      return {
        ok: false,
        reason: `'${written}' is ambiguous: ${resolution.items.map((item) => qualifiedName({ namespace: item.namespace, name: item.spec.name })).join(', ')}; write namespace/name`,
      };
    default:
      return unreachable(resolution);
  }
}
