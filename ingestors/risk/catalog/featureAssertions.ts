import { qualifiedName } from './assetReference.js';
import type { BuildContext } from './buildContext.js';
import type { FeatureItem } from './catalogItems.js';
import { assertItemAsset, assertItemTags, computationIdentity, itemIdentity, ownersOf } from './itemParts.js';

/**
 * A feature: the FEATURE asset, and the FEATURE_PIPELINE `<feature>.pipeline` that READS its
 * sources and WRITES the feature. Its online store (a KV_TABLE with one field per feature stored
 * there) is asserted when nobody else does; rules and models READ it.
 */
export function assertFeature(context: BuildContext, item: FeatureItem): void {
  const { spec } = item;
  const feature = itemIdentity(item);
  const pipeline = computationIdentity(item, 'pipeline');
  const owners = ownersOf(spec.owner);
  const asserted = assertItemAsset(context, item, 'FEATURE', feature, {
    description: spec.description,
    owners,
    properties: {
      entity: spec.entity,
      type: spec.type,
      window: spec.window,
      freshness: spec.freshness,
      onlineStore: spec.onlineStore && qualifiedName(spec.onlineStore),
    },
  });
  if (!asserted) return;
  assertItemTags(context, feature, spec.tags);

  const code = spec.sql !== undefined ? { language: 'sql', text: spec.sql } : spec.expression !== undefined ? { language: 'feature', text: spec.expression } : undefined;
  context.builder.addComputation('FEATURE_PIPELINE', pipeline, { code, owners, properties: { feature: qualifiedName(feature), window: spec.window } });
  for (const source of spec.reads) context.builder.reads(context.referenced.use(source), pipeline);
  context.builder.writes(pipeline, feature);
  // The FEATURE asset is the values the pipeline serves; the online store is where rules and
  // models read them at decision time (their READS, servedFrom.ts), not a second output: a write
  // edge into a store shared by many features would pool every pipeline's cost and breakage there.
  if (spec.onlineStore) context.referenced.store(spec.onlineStore, spec.name);
}
