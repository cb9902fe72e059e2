import type { TryParseResult } from '../expression/index.js';
import type { AssetIdentity } from './assetReference.js';
import type { CatalogIndex } from './catalogIndex.js';
import type { Catalog, RuleItem } from './catalogItems.js';
import type { CatalogSection } from './catalogSchema.js';

/**
 * Every identity the catalog may need from other sources, to look them all up in one query before
 * building: the tables, streams and stores items read or write, and the features, models and
 * rules they name that the catalog itself does not declare.
 */
export function externalCandidates(catalog: Catalog, index: CatalogIndex, parsedRules: ReadonlyMap<RuleItem, TryParseResult>): AssetIdentity[] {
  const candidates: AssetIdentity[] = [];
  const named = (section: CatalogSection, written: string, defaultNamespace: string) => {
    const resolution = index.resolve(section, written, defaultNamespace);
    if (resolution.found === 'elsewhere') candidates.push(resolution.identity);
  };
  for (const feature of catalog.features) {
    candidates.push(...feature.spec.reads);
    if (feature.spec.onlineStore) candidates.push(feature.spec.onlineStore);
  }
  for (const model of catalog.models) {
    candidates.push(...model.spec.trainingTables);
    for (const input of model.spec.inputs) named('features', input, model.defaults.features);
  }
  for (const rule of catalog.rules) {
    const parsed = parsedRules.get(rule);
    if (!parsed?.ok) continue;
    for (const reference of parsed.references) {
      if (reference.kind === 'FEATURE') named('features', reference.name, rule.defaults.features);
      if (reference.kind === 'MODEL') named('models', reference.name, rule.defaults.models);
    }
  }
  for (const service of catalog.services) {
    for (const ruleSet of service.spec.ruleSets) for (const rule of ruleSet.rules) named('rules', rule, service.defaults.rules);
  }
  return candidates;
}
