import type { Queryable, Tx } from '../db.js';
import { NODE } from '../tables.js';

export interface NewNode {
  id: string;
  type: 'ASSET' | 'COMPUTATION';
  namespace: string;
  name: string;
}

/** Which of `ids` are in the identity registry (have ever been asserted). */
export async function registeredNodeIds(tx: Queryable, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.query<{ id: string }>('SELECT id FROM node WHERE id = ANY($1::text[])', [ids]);
  return new Set(rows.map((row) => row.id));
}

/** Adds identities not seen before to the registry; ids are derived, so existing rows never change. */
export async function registerNodes(tx: Tx, fresh: NewNode[], version: number): Promise<void> {
  await tx.bulkInsert(
    NODE,
    fresh.map((n) => ({ id: n.id, node_type: n.type, namespace: n.namespace, name: n.name, first_version: version })),
  );
}
