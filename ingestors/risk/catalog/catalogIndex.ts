import { splitQualifiedName, type AssetIdentity } from './assetReference.js';
import { CATALOG_SECTIONS, type CatalogSection } from './catalogSchema.js';
import type { Catalog, CatalogItem } from './catalogItems.js';

/** The item type each section holds. */
export type SectionItem<Section extends CatalogSection> = Catalog[Section][number];

/** What a name written in the catalog (`feature('x')`, a model input, a rule-set member) refers to. */
export type Resolution<Item> =
  /** An item of this catalog. */
  | { readonly found: 'catalog'; readonly item: Item }
  /** Not in this catalog: the identity another source would have to assert. */
  | { readonly found: 'elsewhere'; readonly identity: AssetIdentity }
  /** Several items of this catalog share the name and none is in the default namespace. */
  | { readonly found: 'ambiguous'; readonly items: readonly Item[] };

const identityKey = (identity: AssetIdentity) => `${identity.namespace}\u0000${identity.name}`;

/**
 * Finds catalog items by the names other items use for them. A name is `namespace/name` (exact) or
 * a bare name: the item of that name, preferring the referrer's default namespace when several
 * share it; a bare name not in the catalog means the asset of that name in the default namespace.
 */
export class CatalogIndex {
  private readonly byIdentity = new Map<string, CatalogItem<unknown>>();
  private readonly byName = new Map<string, CatalogItem<unknown>[]>();

  constructor(readonly catalog: Catalog) {
    for (const section of CATALOG_SECTIONS) {
      for (const item of catalog[section] as CatalogItem<{ name: string }>[]) {
        this.byIdentity.set(`${section}\u0000${identityKey({ namespace: item.namespace, name: item.spec.name })}`, item);
        const key = `${section}\u0000${item.spec.name}`;
        this.byName.set(key, [...(this.byName.get(key) ?? []), item]);
      }
    }
  }

  resolve<Section extends CatalogSection>(section: Section, written: string, defaultNamespace: string): Resolution<SectionItem<Section>> {
    const qualified = written.includes('/') ? splitQualifiedName(written) : null;
    if (qualified) {
      const item = this.byIdentity.get(`${section}\u0000${identityKey(qualified)}`) as SectionItem<Section> | undefined;
      return item ? { found: 'catalog', item } : { found: 'elsewhere', identity: qualified };
    }
    const named = (this.byName.get(`${section}\u0000${written}`) ?? []) as SectionItem<Section>[];
    if (named.length === 1) return { found: 'catalog', item: named[0]! };
    const local = named.find((item) => item.namespace === defaultNamespace);
    if (local) return { found: 'catalog', item: local };
    if (named.length > 1) return { found: 'ambiguous', items: named };
    return { found: 'elsewhere', identity: { namespace: defaultNamespace, name: written } };
  }
}
