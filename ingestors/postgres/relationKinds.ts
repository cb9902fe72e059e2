import { unreachable, type AssetKind } from '../../graph-model/model.js';

/**
 * The `pg_class.relkind` values this ingestor reads: ordinary and partitioned tables, views,
 * materialized views and foreign tables. Indexes, sequences and composite types hold no rows
 * anyone reads as data.
 */
export const CATALOG_RELKINDS = ['r', 'p', 'v', 'm', 'f'] as const;
export type CatalogRelkind = (typeof CATALOG_RELKINDS)[number];

export function isCatalogRelkind(value: string): value is CatalogRelkind {
  return (CATALOG_RELKINDS as readonly string[]).includes(value);
}

/** Tables and foreign tables are TABLEs; views and materialized views are VIEWs. */
export function assetKindOf(relkind: CatalogRelkind): AssetKind {
  switch (relkind) {
    case 'r':
    case 'p':
    case 'f':
      return 'TABLE';
    case 'v':
    case 'm':
      return 'VIEW';
    default:
      return unreachable(relkind);
  }
}

/** Relations defined by a query, whose rewrite rule names what they read. */
export function isView(relkind: CatalogRelkind): boolean {
  return assetKindOf(relkind) === 'VIEW';
}
