import pg from 'pg';
import { LISTENER_APPLICATION_NAME } from '../../graph-model/store/pgListener.js';

/**
 * Terminates every change-feed (LISTEN) connection to `databaseUrl`'s database with
 * pg_terminate_backend, as a PostgreSQL restart or failover would; how many it terminated.
 * Found by the feed's application name, or by a LISTEN as last statement (a feed that never pings).
 * Runs from the server's maintenance database, so it works while the database refuses connections.
 */
export async function terminateFeedConnections(databaseUrl: string): Promise<number> {
  const target = new URL(databaseUrl);
  const database = decodeURIComponent(target.pathname.slice(1));
  target.pathname = '/postgres';
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
        WHERE datname = $1 AND pid <> pg_backend_pid() AND (application_name = $2 OR query LIKE 'LISTEN%')`,
      [database, LISTENER_APPLICATION_NAME],
    );
    return rows.filter((row) => row.terminated).length;
  } finally {
    await client.end();
  }
}
