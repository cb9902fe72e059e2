import type { Tx } from '../db.js';
import type { NodeVersionRow } from '../rows.js';

export async function loadOpenNodeVersions(tx: Tx, nodeIds: string[]): Promise<NodeVersionRow[]> {
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

export async function insertNodeVersions(tx: Tx, rows: Omit<NodeVersionRow, 'to_version'>[]): Promise<void> {
  await tx.bulkInsert(
    'node_version',
    [
      { name: 'node_id', type: 'text', plain: true },
      { name: 'from_version', type: 'bigint' },
      { name: 'kind', type: 'text' },
      { name: 'content_hash', type: 'text', plain: true },
      { name: 'definition', type: 'jsonb' },
    ],
    rows.map((r) => [r.node_id, r.from_version, r.kind, r.content_hash, r.definition]),
  );
}
