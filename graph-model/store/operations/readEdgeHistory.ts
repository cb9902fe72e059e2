import type { Queryable } from '../db.js';
import type { EdgeKind } from '../../model.js';

/** An edge a version added or removed, as a node's history shows it. */
export interface EdgeChange {
  change: 'ADDED' | 'REMOVED';
  kind: EdgeKind;
  from: { id: string; namespace: string; name: string };
  to: { id: string; namespace: string; name: string };
}

interface EdgeHistoryRow {
  from_id: string;
  to_id: string;
  kind: EdgeKind;
  from_version: number | string;
  to_version: number | string | null;
  from_namespace: string;
  from_name: string;
  to_namespace: string;
  to_name: string;
}

/**
 * The edges that changed around node `id`, by the graph version that changed them: its own
 * edges, and for an asset also the reads of the computations that write it (what a feature is
 * computed from lives on its pipeline), so a feature moving from a table to a stream shows in the
 * feature's history. A fact re-asserted in the version that ended it is no change.
 */
export async function readEdgeHistory(db: Queryable, id: string): Promise<Map<number, EdgeChange[]>> {
  const rows = await db.query<EdgeHistoryRow>(
    `WITH producers AS (SELECT DISTINCT from_id AS id FROM edge WHERE to_id = $1 AND kind = 'WRITES')
     SELECT e.from_id, e.to_id, e.kind, e.from_version, e.to_version,
            f.namespace AS from_namespace, f.name AS from_name, t.namespace AS to_namespace, t.name AS to_name
     FROM edge e
     JOIN node f ON f.id = e.from_id COLLATE "default"
     JOIN node t ON t.id = e.to_id COLLATE "default"
     WHERE e.from_id = $1 OR e.to_id = $1 OR (e.kind = 'READS' AND e.to_id IN (SELECT id FROM producers))
     ORDER BY e.from_version, e.from_id, e.to_id`,
    [id],
  );
  const byVersion = new Map<number, Map<string, EdgeChange>>();
  const note = (version: number, row: EdgeHistoryRow, change: EdgeChange['change']) => {
    const key = `${row.from_id}\u0000${row.to_id}`;
    const changes = byVersion.get(version) ?? new Map<string, EdgeChange>();
    byVersion.set(version, changes);
    const earlier = changes.get(key);
    // Ended and started again in one version: the edge stayed.
    if (earlier && earlier.change !== change) return changes.delete(key);
    changes.set(key, {
      change,
      kind: row.kind,
      from: { id: row.from_id, namespace: row.from_namespace, name: row.from_name },
      to: { id: row.to_id, namespace: row.to_namespace, name: row.to_name },
    });
  };
  for (const row of rows) {
    note(Number(row.from_version), row, 'ADDED');
    if (row.to_version !== null) note(Number(row.to_version), row, 'REMOVED');
  }
  const out = new Map<number, EdgeChange[]>();
  for (const [version, changes] of [...byVersion].sort((a, b) => a[0] - b[0])) if (changes.size > 0) out.set(version, [...changes.values()]);
  return out;
}
