import type { Tx } from '../db.js';
import { RUN, type RunInsert } from '../tables.js';

export async function loadOpenRunHashes(tx: Tx, runIds: string[]): Promise<Map<string, string>> {
  if (runIds.length === 0) return new Map();
  const rows = await tx.query<{ run_id: string; content_hash: string }>(
    'SELECT run_id, content_hash FROM run WHERE to_version IS NULL AND run_id = ANY($1::text[])',
    [runIds],
  );
  return new Map(rows.map((row) => [row.run_id, row.content_hash]));
}

export async function closeRuns(tx: Tx, runIds: string[], version: number): Promise<void> {
  if (runIds.length === 0) return;
  await tx.query('UPDATE run SET to_version = $1 WHERE to_version IS NULL AND run_id = ANY($2::text[])', [version, runIds]);
}

export interface NewRun {
  runId: string;
  computationId: string;
  source: string;
  state: string;
  startedAt: string | null;
  endedAt: string | null;
  cost: number | null;
  properties: Record<string, unknown>;
  contentHash: string;
}

export async function insertRuns(tx: Tx, runs: NewRun[], version: number): Promise<void> {
  await tx.bulkInsert(
    RUN,
    runs.map((r) => ({
      run_id: r.runId,
      computation_id: r.computationId,
      source: r.source,
      state: r.state as RunInsert['state'],
      started_at: r.startedAt,
      ended_at: r.endedAt,
      cost: r.cost,
      properties: r.properties,
      content_hash: r.contentHash,
      from_version: version,
    })),
  );
}

/** The NOTIFY channel on which each commit's version is sent, delivered when its transaction commits. */
export const COMMIT_CHANNEL = 'dctx_graph';

export async function notifyCommitted(tx: Tx, version: number): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [COMMIT_CHANNEL, String(version)]);
}
