import type { FieldDef, NodeAssertion, NodeDefinition } from '../../graph-model/model.js';
import type { CatalogRelation } from './catalogSnapshot.js';
import { assetKindOf, isView } from './relationKinds.js';

/** OpenLineage's dataset name for a PostgreSQL relation: `<database>.<schema>.<table>`, as the catalog spells it. */
export function relationAssetName(database: string, relation: Pick<CatalogRelation, 'schema' | 'name'>): string {
  return `${database}.${relation.schema}.${relation.name}`;
}

function fieldOf(column: CatalogRelation['columns'][number]): FieldDef {
  return { name: column.name, type: column.type, ...(column.description !== undefined ? { description: column.description } : {}) };
}

/**
 * The asset of a relation: its columns in ordinal order with their types and comments. FieldDef has
 * no place for nullability, so the NOT NULL columns are listed in `properties.notNullColumns`; the
 * relkind says which kind of table or view it is, since TABLE and VIEW alone do not.
 */
export function relationAsset(namespace: string, database: string, relation: CatalogRelation): NodeAssertion {
  const notNullColumns = relation.columns.filter((column) => column.notNull).map((column) => column.name);
  const properties: Record<string, unknown> = {
    relkind: relation.relkind,
    ...(isView(relation.relkind) ? { materialized: relation.relkind === 'm' } : {}),
    ...(notNullColumns.length > 0 ? { notNullColumns } : {}),
  };
  const definition: NodeDefinition = {
    ...(relation.description !== undefined ? { description: relation.description } : {}),
    ...(relation.columns.length > 0 ? { fields: relation.columns.map(fieldOf) } : {}),
    properties,
  };
  return { namespace, name: relationAssetName(database, relation), kind: assetKindOf(relation.relkind), definition };
}
