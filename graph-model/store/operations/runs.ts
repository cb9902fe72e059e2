import type { Tx } from '../db.js';
import { RUN, type RunInsert } from '../tables.js';

/** A run's open record: what it holds (its hash) and the graph version it was recorded at. */
export interface OpenRun {
  contentHash: string;
  fromVersion: number;
}

export async function loadOpenRuns(tx: Tx, runIds: string[]): Promise<Map<string, OpenRun>> {
  if (runIds.length === 0) return new Map();
  const rows = await tx.query<{ run_id: string; content_hash: string; from_version: string | number }>(
    'SELECT run_id, content_hash, from_version FROM run WHERE to_version IS NULL AND run_id = ANY($1::text[])',
    [runIds],
  );
  return new Map(rows.map((row) => [row.run_id, { contentHash: row.content_hash, fromVersion: Number(row.from_version) }]));
}

export async function closeRuns(tx: Tx, runIds: string[], version: number): Promise<void> {
  if (runIds.length === 0) return;
  await tx.query('UPDATE run SET to_version = $1 WHERE to_version IS NULL AND run_id = ANY($2::text[])', [version, runIds]);
}

/**
 * Removes open run records made at `version` itself, which the new records of the same runs
 * replace. They were recorded while `version` was the latest graph version, and a later state of
 * the run arrives before any other version is committed: no version ever ends with the earlier
 * state, so no read at a past version can have shown it as history. (Closing them instead would
 * give them the empty interval [version, version), which the key (run_id, from_version) cannot hold
 * next to the new record.)
 */
export async function dropRunsRecordedAt(tx: Tx, runIds: string[], version: number): Promise<void> {
  if (runIds.length === 0) return;
  await tx.query('DELETE FROM run WHERE to_version IS NULL AND from_version = $1 AND run_id = ANY($2::text[])', [version, runIds]);
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
