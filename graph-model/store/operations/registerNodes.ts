import type { Tx } from '../db.js';

export interface NewNode {
  id: string;
  type: 'ASSET' | 'COMPUTATION';
  namespace: string;
  name: string;
}

/** Which of `ids` are in the identity registry (have ever been asserted). */
export async function registeredNodeIds(tx: Tx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.query<{ id: string }>('SELECT id FROM node WHERE id = ANY($1::text[])', [ids]);
  return new Set(rows.map((row) => row.id));
}

/** Adds identities not seen before to the registry; ids are derived, so existing rows never change. */
export async function registerNodes(tx: Tx, fresh: NewNode[], version: number): Promise<void> {
  await tx.bulkInsert(
    'node',
    [
      { name: 'id', type: 'text', plain: true },
      { name: 'node_type', type: 'text', plain: true },
      { name: 'namespace', type: 'text' },
      { name: 'name', type: 'text' },
      { name: 'first_version', type: 'bigint' },
    ],
    fresh.map((n) => [n.id, n.type, n.namespace, n.name, version]),
  );
}
