import type pg from 'pg';
import type { CatalogColumn, CatalogRelation, CatalogSnapshot } from './catalogSnapshot.js';
import { COLUMNS, RELATIONS_BY_OID, RELATIONS_IN_SCHEMAS, VIEW_DEPENDENCIES } from './catalogQueries.js';
import { CATALOG_RELKINDS, isCatalogRelkind, isView } from './relationKinds.js';

interface RelationRow {
  oid: number;
  schema: string;
  name: string;
  relkind: string;
  description: string | null;
  view_definition: string | null;
}

interface ColumnRow {
  oid: number;
  name: string;
  type: string;
  not_null: boolean;
  description: string | null;
}

interface DependencyRow {
  view_oid: number;
  relation_oid: number;
}

function relationOf(row: RelationRow, columns: CatalogColumn[]): CatalogRelation | undefined {
  if (!isCatalogRelkind(row.relkind)) return undefined;
  return {
    oid: Number(row.oid),
    schema: row.schema,
    name: row.name,
    relkind: row.relkind,
    ...(row.description !== null ? { description: row.description } : {}),
    columns,
    ...(row.view_definition !== null ? { viewDefinition: row.view_definition } : {}),
  };
}

async function columnsOf(client: pg.ClientBase, oids: number[]): Promise<Map<number, CatalogColumn[]>> {
  const byRelation = new Map<number, CatalogColumn[]>(oids.map((oid) => [oid, []]));
  const { rows } = await client.query<ColumnRow>(COLUMNS, [oids]);
  for (const row of rows) {
    byRelation.get(Number(row.oid))?.push({
      name: row.name,
      type: row.type,
      notNull: row.not_null,
      ...(row.description !== null ? { description: row.description } : {}),
    });
  }
  return byRelation;
}

async function relationsOf(client: pg.ClientBase, sql: string, filter: string[] | number[] | null): Promise<CatalogRelation[]> {
  const { rows } = await client.query<RelationRow>(sql, [CATALOG_RELKINDS, filter]);
  const columns = await columnsOf(client, rows.map((row) => Number(row.oid)));
  return rows.flatMap((row) => relationOf(row, columns.get(Number(row.oid)) ?? []) ?? []);
}

/**
 * Reads the relations of `schemas` (every user schema when undefined), their columns, and what each
 * view reads, in one read-only REPEATABLE READ transaction: a table dropped halfway through cannot
 * leave a view reading a relation the snapshot does not have.
 */
export async function readCatalog(client: pg.ClientBase, schemas: string[] | undefined): Promise<CatalogSnapshot> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await client.query(`SELECT set_config('search_path', 'pg_catalog', true)`);
    const relations = await relationsOf(client, RELATIONS_IN_SCHEMAS, schemas ?? null);
    const views = relations.filter((relation) => isView(relation.relkind)).map((relation) => relation.oid);
    const { rows } = await client.query<DependencyRow>(VIEW_DEPENDENCIES, [views]);
    const listed = new Set(relations.map((relation) => relation.oid));
    const outside = [...new Set(rows.map((row) => Number(row.relation_oid)).filter((oid) => !listed.has(oid)))];
    const dependencies = outside.length > 0 ? await relationsOf(client, RELATIONS_BY_OID, outside) : [];
    // pg_depend also names sequences and composite types a view uses; only relations we read are inputs.
    const known = new Set([...listed, ...dependencies.map((relation) => relation.oid)]);
    const viewReads = new Map<number, number[]>(views.map((oid) => [oid, []]));
    for (const row of rows) {
      if (known.has(Number(row.relation_oid))) viewReads.get(Number(row.view_oid))?.push(Number(row.relation_oid));
    }
    await client.query('COMMIT');
    return { relations, dependencies, viewReads };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
