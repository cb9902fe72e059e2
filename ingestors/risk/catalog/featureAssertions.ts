import { qualifiedName } from './assetReference.js';
import type { BuildContext } from './buildContext.js';
import type { FeatureItem } from './catalogItems.js';
import { assertItemAsset, assertItemTags, computationIdentity, itemIdentity, ownersOf } from './itemParts.js';

/**
 * A feature: the FEATURE asset, and the FEATURE_PIPELINE `<feature>.pipeline` that READS its
 * sources and WRITES the feature and, when it has one, the online store it is served from.
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
  if (spec.onlineStore) context.builder.writes(pipeline, context.referenced.store(spec.onlineStore, spec.name));
}
