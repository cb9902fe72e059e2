import type { Tx } from '../db.js';

export interface NewNode {
  id: string;
  type: 'ASSET' | 'COMPUTATION';
  namespace: string;
  name: string;
}

/** Adds identities not seen before to the registry; ids are derived, so existing rows never change. */
export async function registerNodes(tx: Tx, nodes: NewNode[], version: number): Promise<void> {
  if (nodes.length === 0) return;
  const existing = await tx.query<{ id: string }>('SELECT id FROM node WHERE id = ANY($1::text[])', [nodes.map((n) => n.id)]);
  const known = new Set(existing.map((row) => row.id));
  const fresh = nodes.filter((n) => !known.has(n.id));
  await tx.bulkInsert(
    'node',
    [
      { name: 'id', type: 'text' },
      { name: 'node_type', type: 'text' },
      { name: 'namespace', type: 'text' },
      { name: 'name', type: 'text' },
      { name: 'first_version', type: 'bigint' },
    ],
    fresh.map((n) => [n.id, n.type, n.namespace, n.name, version]),
  );
}
