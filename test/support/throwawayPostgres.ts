import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { freePort } from './freePort.js';

const run = promisify(execFile);

/** Where PostgreSQL 15's server programs are (Debian's layout, as .ci/postgres.sh uses). */
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * Why this machine cannot start a throwaway PostgreSQL, or null when it can. CI must: there a
 * missing server is an error of the machine's set-up, not a reason to skip.
 */
export function throwawayPostgresUnavailable(): string | null {
  if (existsSync(`${PG_BIN}/initdb`) && existsSync(`${PG_BIN}/pg_ctl`)) return null;
  const reason = `PostgreSQL 15 server programs not found in ${PG_BIN} (install postgresql-15, or set PG_BIN)`;
  if (process.env.CI === 'true') throw new Error(`CI runs the PostgreSQL restart tests: ${reason}`);
  return reason;
}

/**
 * A PostgreSQL server of a test's own, which it may stop, start and restart (never the shared
 * one of DATABASE_URL: other test files use it at the same time). Same port and data directory
 * across restarts, so clients reconnect to the same URL.
 */
export interface ThrowawayPostgres {
  /** Connection string of its `postgres` database. */
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** `pg_ctl restart -m fast`: every connection is closed, as in a failover. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

/** Runs a server program, as the `postgres` user when this is root (PostgreSQL refuses to run as root). */
async function pg(command: string): Promise<void> {
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await run('su', ['postgres', '-s', '/bin/bash', '-c', command]);
  else await run('/bin/bash', ['-c', command]);
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const dir = mkdtempSync('/tmp/dctx-pg-test-');
  if (process.getuid?.() === 0) await run('chown', ['postgres:postgres', dir]);
  const port = await freePort();
  const data = `${dir}/data`;
  const options = `-p ${port} -k '${dir}' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const ctl = (action: string) => pg(`${PG_BIN}/pg_ctl -D '${data}' -l '${dir}/server.log' -w -t 60 -m fast -o "${options}" ${action} >/dev/null`);
  try {
    await pg(`${PG_BIN}/initdb -D '${data}' -U postgres --auth=trust -E UTF8 >'${dir}/initdb.log'`);
    await ctl('start');
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: () => ctl('stop'),
    start: () => ctl('start'),
    restart: () => ctl('restart'),
    async dispose() {
      await ctl('stop').catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
