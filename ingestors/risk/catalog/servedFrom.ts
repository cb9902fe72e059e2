import type { AssetIdentity } from './assetReference.js';
import type { BuildContext } from './buildContext.js';
import type { FeatureItem } from './catalogItems.js';

/** Where a feature's value is read at decision time: its online store, field = the feature's name. */
export interface ServedFeature {
  store: AssetIdentity;
  field: string;
}

/** The online store a catalog feature is served from, recorded as used; undefined when it has none. */
export function servedFrom(context: BuildContext, feature: FeatureItem): ServedFeature | undefined {
  const { onlineStore, name } = feature.spec;
  if (!onlineStore) return undefined;
  const store = context.referenced.store(onlineStore, name);
  return { store: { namespace: store.namespace, name: store.name }, field: name };
}
