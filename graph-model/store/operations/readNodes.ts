import type { NodeType, NodeVersion } from '../../model.js';
import type { Queryable } from '../db.js';
import { validAt, type NodeRow, type NodeVersionRow } from '../rows.js';

type Joined = NodeRow & NodeVersionRow;

const SELECT = `SELECT n.id, n.node_type, n.namespace, n.name, v.node_id, v.from_version, v.to_version, v.kind, v.content_hash, v.definition
  FROM node n JOIN node_version v ON v.node_id = n.id`;

export function toNodeVersion(row: Joined): NodeVersion {
  return {
    id: row.id,
    type: row.node_type,
    namespace: row.namespace,
    name: row.name,
    kind: row.kind,
    definition: row.definition,
    contentHash: row.content_hash,
    fromVersion: Number(row.from_version),
    toVersion: row.to_version === null ? null : Number(row.to_version),
  };
}

export async function readNodes(db: Queryable, ids: string[], version: number): Promise<NodeVersion[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<Joined>(`${SELECT} WHERE n.id = ANY($1::text[]) AND ${validAt(2, 'v')}`, [ids, version]);
  return rows.map(toNodeVersion);
}

export async function readNodeByName(
  db: Queryable,
  type: NodeType,
  namespace: string,
  name: string,
  version: number,
): Promise<NodeVersion | null> {
  const rows = await db.query<Joined>(
    `${SELECT} WHERE n.node_type = $1 AND n.namespace = $2 AND n.name = $3 AND ${validAt(4, 'v')}`,
    [type, namespace, name, version],
  );
  return rows[0] ? toNodeVersion(rows[0]) : null;
}

/** Every version the node has had, oldest first. */
export async function readNodeVersions(db: Queryable, id: string): Promise<NodeVersion[]> {
  const rows = await db.query<Joined>(`${SELECT} WHERE n.id = $1 ORDER BY v.from_version`, [id]);
  return rows.map(toNodeVersion);
}

/** All nodes valid at a version, in id order, for replay checks and index loading. */
export async function readAllNodes(db: Queryable, version: number): Promise<NodeVersion[]> {
  const rows = await db.query<Joined>(`${SELECT} WHERE ${validAt(1, 'v')} ORDER BY n.id`, [version]);
  return rows.map(toNodeVersion);
}
