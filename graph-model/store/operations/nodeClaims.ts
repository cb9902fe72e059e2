import type { Queryable, Tx } from '../db.js';
import type { NodeClaimRow } from '../rows.js';
import { NODE_CLAIM } from '../tables.js';

/**
 * The source's open node claims, as ids and content hashes (all that deciding what changed needs):
 * all of them (full sync) or those for the given nodes (delta).
 */
export async function loadSourceNodeClaims(
  tx: Tx,
  source: string,
  nodeIds: string[] | 'all',
): Promise<Pick<NodeClaimRow, 'node_id' | 'content_hash'>[]> {
  if (nodeIds === 'all') {
    return tx.query('SELECT node_id, content_hash FROM node_claim WHERE source = $1 AND to_version IS NULL', [source]);
  }
  if (nodeIds.length === 0) return [];
  return tx.query('SELECT node_id, content_hash FROM node_claim WHERE source = $1 AND to_version IS NULL AND node_id = ANY($2::text[])', [
    source,
    nodeIds,
  ]);
}

/** Every source's open claims on the given nodes. */
export async function loadOpenNodeClaims(db: Queryable, nodeIds: string[]): Promise<NodeClaimRow[]> {
  if (nodeIds.length === 0) return [];
  return db.query<NodeClaimRow>(
    `SELECT node_id, source, from_version, kind, content_hash, definition FROM node_claim
     WHERE to_version IS NULL AND node_id = ANY($1::text[])`,
    [nodeIds],
  );
}

export async function closeNodeClaims(tx: Tx, source: string, nodeIds: string[], version: number): Promise<void> {
  if (nodeIds.length === 0) return;
  await tx.query(
    'UPDATE node_claim SET to_version = $1 WHERE source = $2 AND to_version IS NULL AND node_id = ANY($3::text[])',
    [version, source, nodeIds],
  );
}

export async function insertNodeClaims(tx: Tx, claims: NodeClaimRow[]): Promise<void> {
  await tx.bulkInsert(NODE_CLAIM, claims);
}
