import type { Queryable, Tx } from '../db.js';
import { FACT, type FactInsert } from '../tables.js';
import { FACT_TABLE, edgeFrom, type FactType } from '../rows.js';


/** Which of `keys` are currently valid in the effective table. */
export async function openFacts(tx: Queryable, type: FactType, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await tx.query<{ fact_key: string }>(
    `SELECT fact_key FROM ${FACT_TABLE[type]} WHERE to_version IS NULL AND fact_key = ANY($1::text[])`,
    [keys],
  );
  return new Set(rows.map((row) => row.fact_key));
}

export async function closeFacts(tx: Tx, type: FactType, keys: string[], version: number): Promise<void> {
  if (keys.length === 0) return;
  await tx.query(`UPDATE ${FACT_TABLE[type]} SET to_version = $1 WHERE to_version IS NULL AND fact_key = ANY($2::text[])`, [version, keys]);
}

export async function insertFacts<T extends FactType>(tx: Tx, type: T, rows: FactInsert[T][]): Promise<void> {
  await tx.bulkInsert<FactInsert[T]>(FACT[type], rows);
}

/**
 * Open facts that lose their meaning when nodes cease to exist or fields disappear from an asset:
 * an edge or tag on a dead node, a field edge or field tag on a removed field.
 */
export async function factsTouching(
  tx: Tx,
  deadNodes: string[],
  removedFields: { nodeId: string; field: string }[],
): Promise<Record<FactType, string[]>> {
  const out: Record<FactType, string[]> = { edge: [], field_edge: [], tag: [] };
  const fieldNodes = removedFields.map((f) => f.nodeId);
  const fieldNames = removedFields.map((f) => f.field);
  if (deadNodes.length > 0) {
    const edges = await tx.query<{ fact_key: string }>(
      `SELECT e.fact_key FROM (SELECT DISTINCT unnest($1::text[]) AS id) AS dead JOIN edge e ON ${edgeFrom('dead.id', 'e')} WHERE e.to_version IS NULL
       UNION SELECT fact_key FROM edge WHERE to_version IS NULL AND to_id = ANY($1::text[])`,
      [deadNodes],
    );
    out.edge = edges.map((row) => row.fact_key);
  }
  if (deadNodes.length > 0 || removedFields.length > 0) {
    const fieldEdges = await tx.query<{ fact_key: string }>(
      `SELECT fact_key FROM field_edge f WHERE f.to_version IS NULL AND (
         f.computation_id = ANY($1::text[]) OR f.input_id = ANY($1::text[]) OR f.output_id = ANY($1::text[])
         OR EXISTS (SELECT 1 FROM unnest($2::text[], $3::text[]) AS r(node_id, field)
                    WHERE (r.node_id = f.input_id AND r.field = f.input_field) OR (r.node_id = f.output_id AND r.field = f.output_field)))`,
      [deadNodes, fieldNodes, fieldNames],
    );
    out.field_edge = fieldEdges.map((row) => row.fact_key);
    const tags = await tx.query<{ fact_key: string }>(
      `SELECT fact_key FROM tag t WHERE t.to_version IS NULL AND (
         t.node_id = ANY($1::text[])
         OR EXISTS (SELECT 1 FROM unnest($2::text[], $3::text[]) AS r(node_id, field) WHERE r.node_id = t.node_id AND r.field = t.field))`,
      [deadNodes, fieldNodes, fieldNames],
    );
    out.tag = tags.map((row) => row.fact_key);
  }
  return out;
}
