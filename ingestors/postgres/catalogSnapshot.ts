import type { CatalogRelkind } from './relationKinds.js';

/** A column as `pg_attribute` describes it, in ordinal order. */
export interface CatalogColumn {
  name: string;
  /** `format_type(atttypid, atttypmod)`, e.g. `numeric(12,2)`, `character varying(20)`. */
  type: string;
  notNull: boolean;
  description?: string;
}

/** A table, view, materialized view or foreign table of the catalog. */
export interface CatalogRelation {
  oid: number;
  schema: string;
  name: string;
  relkind: CatalogRelkind;
  description?: string;
  columns: CatalogColumn[];
  /** Views only: `pg_get_viewdef`, as the server prints it. */
  viewDefinition?: string;
}

/** What one read of the catalog found, taken in one snapshot so views and their inputs agree. */
export interface CatalogSnapshot {
  /** The relations of the schemas read, ordered by schema and name. */
  relations: CatalogRelation[];
  /**
   * Relations outside those schemas that a view reads (a schema outside the filter): they are
   * asserted too, or the view's READS edges would point at nothing.
   */
  dependencies: CatalogRelation[];
  /** Per view oid, the oids of the relations its `_RETURN` rule depends on (never the view itself). */
  viewReads: Map<number, number[]>;
}
