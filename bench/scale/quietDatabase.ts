import type { GraphStore } from '../../graph-model/store/graphStore.js';

/**
 * Waits until PostgreSQL runs no autovacuum worker (at most `limitMs`) and says how long that took.
 * The decision server and its load generator share this machine's two cores with the database: a
 * vacuum that the ingest or the baseline's table set off would be measured as the server's latency,
 * though a decision request never touches PostgreSQL.
 */
export async function waitForQuietDatabase(store: GraphStore, limitMs = 180_000): Promise<{ autovacuumWaitMs: number; autovacuumStillRunning: number }> {
  const started = performance.now();
  for (;;) {
    const rows = await store.db.query<{ workers: number }>("SELECT count(*)::int AS workers FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'");
    const workers = rows[0]?.workers ?? 0;
    const waited = Math.round(performance.now() - started);
    if (workers === 0 || waited >= limitMs) return { autovacuumWaitMs: waited, autovacuumStillRunning: workers };
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
