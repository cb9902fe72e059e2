import type { ManagedTransaction } from 'neo4j-driver';
import { unknownAmong } from '../analyses/knownFields.js';
import { VALID } from './nodeSummariesAt.js';

/** The node at $version: whether an asset, its declared fields, and the fields of it its valid field edges read or write. */
const START = `
MATCH (n:Node {id: $id})-[:HAS_VERSION]->(v:NodeVersion)
WHERE ${VALID('v')}
OPTIONAL MATCH (n)-[:HAS_FIELD]->(f:Field)-[r:FLOWS_TO]-(:Field)
WHERE ${VALID('r')}
RETURN n:Asset AS asset, v.fields AS declared, collect(DISTINCT f.name) AS edged`;

/** What a lineage walk from fields of node `id` needs to know first; refused as the index refuses (analyses/knownFields.ts). */
export type StartFields = { found: false } | { found: true; asset: false } | { found: true; asset: true; unknown: string[] };

/** Whether `fields` of node `id` exist at `version` in the projection, by the index's rules for a start field. */
export async function startFields(tx: ManagedTransaction, id: string, version: number, fields: readonly string[]): Promise<StartFields> {
  const record = (await tx.run(START, { id, version })).records[0];
  if (!record) return { found: false };
  if (!record.get('asset')) return { found: true, asset: false };
  const declared = (record.get('declared') as string[] | null) ?? [];
  return { found: true, asset: true, unknown: unknownAmong(declared, () => record.get('edged') as string[], fields) };
}
