import type { CatalogFile } from './catalogFile.js';
import type { CatalogSection, FeatureSpec, ModelSpec, RuleSpec, ServiceSpec } from './catalogSchema.js';
import type { YamlPath } from './yamlLocation.js';

/** Where an item is written: its file and its path there (`['rules', 3]`). */
export interface ItemOrigin {
  readonly file: CatalogFile;
  readonly path: YamlPath;
}

/** The namespace each kind of item defaults to in one file. */
export type NamespaceDefaults = Readonly<Record<CatalogSection, string>>;

/** Defaults when a file sets no top-level `namespace`. */
export const DEFAULT_NAMESPACES: NamespaceDefaults = {
  features: 'risk.features',
  models: 'risk.models',
  rules: 'risk.rules',
  services: 'risk.services',
};

/** A validated item with its resolved namespace and where it came from. */
export interface CatalogItem<Spec> {
  readonly spec: Spec;
  readonly namespace: string;
  readonly origin: ItemOrigin;
  /** The namespace defaults of the item's file, for resolving the names it references. */
  readonly defaults: NamespaceDefaults;
}

export type FeatureItem = CatalogItem<FeatureSpec>;
export type ModelItem = CatalogItem<ModelSpec>;
export type RuleItem = CatalogItem<RuleSpec>;
export type ServiceItem = CatalogItem<ServiceSpec>;

/** Every valid item of a catalog directory, in file order then item order. */
export interface Catalog {
  readonly features: FeatureItem[];
  readonly models: ModelItem[];
  readonly rules: RuleItem[];
  readonly services: ServiceItem[];
}

export const itemCount = (catalog: Catalog): number =>
  catalog.features.length + catalog.models.length + catalog.rules.length + catalog.services.length;
