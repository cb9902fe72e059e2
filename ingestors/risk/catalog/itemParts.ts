import type { AssetKind, NodeDefinition, Owner } from '../../../graph-model/model.js';
import type { AssetIdentity } from './assetReference.js';
import type { BuildContext } from './buildContext.js';
import type { CatalogItem } from './catalogItems.js';
import { pathLocation } from './yamlLocation.js';

/** The asset an item declares. */
export const itemIdentity = (item: CatalogItem<{ name: string }>): AssetIdentity => ({ namespace: item.namespace, name: item.spec.name });

/** A computation named after the item it serves: `<item>.<suffix>` in the item's namespace. */
export const computationIdentity = (item: CatalogItem<{ name: string }>, suffix: string): AssetIdentity => ({
  namespace: item.namespace,
  name: `${item.spec.name}.${suffix}`,
});

export const ownersOf = (owner: readonly string[] | undefined): Owner[] | undefined => owner?.map((name) => ({ name }));

/** `file:line:column` of a key of an item (its `name` by default). */
export const itemLocation = (item: CatalogItem<unknown>, ...subPath: (string | number)[]): string =>
  pathLocation(item.origin.file, [...item.origin.path, ...(subPath.length > 0 ? subPath : ['name'])]);

/** The `tags` of an item, as tags on its asset. */
export function assertItemTags(context: BuildContext, asset: AssetIdentity, tags: Readonly<Record<string, string>> | undefined): void {
  for (const [key, value] of Object.entries(tags ?? {})) context.builder.tag(asset, key, value);
}

/**
 * Adds an item's own asset; reports (and skips) it when another part of the catalog already
 * asserted the same identity differently, e.g. a feature named like a service's event.
 */
export function assertItemAsset(
  context: BuildContext,
  item: CatalogItem<unknown>,
  kind: AssetKind,
  identity: AssetIdentity,
  definition: NodeDefinition,
): boolean {
  if (context.builder.addAsset(kind, identity, definition)) return true;
  context.errors.push({
    location: itemLocation(item),
    message: `${identity.namespace}/${identity.name} is already asserted by another item of the catalog with other content; this ${kind} is ignored`,
    node: { type: 'ASSET', ...identity },
  });
  return false;
}
