import type { Queryable, Tx } from '../db.js';
import type { NodeVersionRow } from '../rows.js';
import { NODE_VERSION, type NodeVersionInsert } from '../tables.js';

export async function loadOpenNodeVersions(tx: Queryable, nodeIds: string[]): Promise<NodeVersionRow[]> {
  if (nodeIds.length === 0) return [];
  return tx.query<NodeVersionRow>(
    `SELECT node_id, from_version, to_version, kind, content_hash, definition FROM node_version
     WHERE to_version IS NULL AND node_id = ANY($1::text[])`,
    [nodeIds],
  );
}

export async function closeNodeVersions(tx: Tx, nodeIds: string[], version: number): Promise<void> {
  if (nodeIds.length === 0) return;
  await tx.query('UPDATE node_version SET to_version = $1 WHERE to_version IS NULL AND node_id = ANY($2::text[])', [version, nodeIds]);
}

export async function insertNodeVersions(tx: Tx, rows: NodeVersionInsert[]): Promise<void> {
  await tx.bulkInsert(NODE_VERSION, rows);
}
