import pg from 'pg';
import { DctxError } from '../../graph-model/dctxError.js';
import type { FieldDef } from '../../graph-model/model.js';

/**
 * $1: schemas (null for an unqualified name: the connection's `current_schema()`), $2: table
 * names, pairwise. Names compare lower-cased, as the ingestor lower-cases what scripts write.
 * information_schema lists only what the connecting role may see, which is what it could read.
 */
const COLUMNS_OF_TABLES = `SELECT w.i AS wanted, c.column_name AS name, c.data_type AS type
  FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS w(schema, name, i)
  JOIN information_schema.columns c
    ON lower(c.table_schema) = coalesce(w.schema, lower(current_schema())) AND lower(c.table_name) = w.name
  ORDER BY w.i, c.ordinal_position`;

/** Columns of tables in a live PostgreSQL database, for `*` over tables no statement and no other source describes. */
export interface LiveSchema {
  /** Per table name as the script writes it (`t`, `s.t`, `db.s.t`), its columns in order; tables not found are absent. */
  columns(tables: string[]): Promise<Map<string, FieldDef[]>>;
  close(): Promise<void>;
}

export class LiveSchemaError extends DctxError<'BAD_QUERY'> {}

/** `schema.table` of a name: a three-part name's database is the connection's own. */
function schemaAndTable(name: string): [string | null, string] {
  const parts = name.split('.');
  const table = parts.pop()!;
  return [parts.pop() ?? null, table];
}

/** Connects to `url` (`postgres://...`), read only: one catalog query per file of the run. */
export async function postgresSchema(url: string): Promise<LiveSchema> {
  const client = new pg.Client({ connectionString: url, application_name: 'dctx ingest sql (schema)' });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    // The URL may hold a password: the message names the host only.
    const host = /@([^/:?]+)/.exec(url)?.[1] ?? 'the database';
    throw new LiveSchemaError('BAD_QUERY', `cannot read table columns from PostgreSQL at ${host}: ${(error as Error).message}`, { cause: error });
  }
  return {
    async columns(tables) {
      const found = new Map<string, FieldDef[]>();
      if (tables.length === 0) return found;
      const pairs = tables.map(schemaAndTable);
      const { rows } = await client.query<{ wanted: string; name: string; type: string }>(COLUMNS_OF_TABLES, [pairs.map((p) => p[0]), pairs.map((p) => p[1])]);
      for (const row of rows) {
        const table = tables[Number(row.wanted) - 1]!;
        found.set(table, [...(found.get(table) ?? []), { name: row.name.toLowerCase(), type: row.type.toLowerCase() }]);
      }
      return found;
    },
    async close() {
      await client.end();
    },
  };
}
