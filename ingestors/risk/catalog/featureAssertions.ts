import { WHOLE_ASSET } from '../../../graph-model/model.js';
import { qualifiedName } from './assetReference.js';
import { CATALOG_SECTIONS } from './catalogSchema.js';
import { featureFieldInputs, type FeatureFieldInput } from './featureFieldInputs.js';
import type { BuildContext } from './buildContext.js';
import type { FeatureItem } from './catalogItems.js';
import { assertItemAsset, assertItemTags, computationIdentity, itemIdentity, ownersOf } from './itemParts.js';

/**
 * A feature: the FEATURE asset, and the FEATURE_PIPELINE `<feature>.pipeline` that READS its
 * sources and WRITES the feature, with field edges from the columns its `sql:` or `expression:`
 * reads (featureFieldInputs). Its online store (a KV_TABLE with one field per feature stored
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
  const sources = spec.reads.map((source) => context.referenced.use(source));
  for (const source of sources) context.builder.reads(source, pipeline);
  context.builder.writes(pipeline, feature);
  for (const input of declarableFieldInputs(context, featureFieldInputs(spec, sources))) {
    context.builder.fieldEdge({ computation: pipeline, input: { ...input.asset, field: input.field }, output: { ...feature, field: WHOLE_ASSET }, transformation: input.transformation });
  }
  // The FEATURE asset is the values the pipeline serves; the online store is where rules and
  // models read them at decision time (their READS, servedFrom.ts), not a second output: a write
  // edge into a store shared by many features would pool every pipeline's cost and breakage there.
  if (spec.onlineStore) context.referenced.store(spec.onlineStore, spec.name);
}

/**
 * The field inputs the store will accept: a field edge must name a field its asset has. Columns of
 * a table nobody else declares are declared by the catalog (ReferencedAssets). A table another
 * source describes keeps that description: an input naming a column it does not declare (a Hive
 * partition column such as `dt`, which INSERT ... PARTITION does not list) is left out, and an
 * impact check cannot be asked about that column either (unknown fields are refused). A catalog
 * item (a feature read by a feature) has no columns: only whole-asset inputs from it are kept, and
 * none when the definition names its columns, so its usage stays unknown rather than half-known.
 */
function declarableFieldInputs(context: BuildContext, inputs: FeatureFieldInput[]): FeatureFieldInput[] {
  const bySource = new Map<string, FeatureFieldInput[]>();
  for (const input of inputs) bySource.set(qualifiedName(input.asset), [...(bySource.get(qualifiedName(input.asset)) ?? []), input]);
  const kept: FeatureFieldInput[] = [];
  for (const [name, group] of bySource) {
    const asset = group[0]!.asset;
    const named = group.filter((input) => input.field !== WHOLE_ASSET).map((input) => input.field);
    if (context.external.has(asset)) {
      kept.push(...group.filter((input) => context.external.hasField(asset, input.field)));
    } else if (isCatalogItem(context, name)) {
      if (named.length === 0) kept.push(...group);
    } else {
      context.referenced.readsFields(asset, named);
      kept.push(...group);
    }
  }
  return kept;
}

function isCatalogItem(context: BuildContext, name: string): boolean {
  return CATALOG_SECTIONS.some((section) => context.index.resolve(section, name, '').found === 'catalog');
}
