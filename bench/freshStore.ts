import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { GraphStore } from '../graph-model/store/graphStore.js';

/**
 * A fresh store for one benchmark: a new PostgreSQL database on DATABASE_URL's server, or PGlite in
 * a temporary data directory. `cleanup` closes the store and drops the database or the directory.
 */
export async function freshStore(engine: 'postgres' | 'pglite'): Promise<{ store: GraphStore; databaseUrl?: string; cleanup(): Promise<void> }> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'dctx-bench-'));
    const store = await GraphStore.open({ dataDir: dir });
    return {
      store,
      cleanup: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  const name = `dctx_bench_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  const store = await GraphStore.open({ databaseUrl: url.toString() });
  return {
    store,
    databaseUrl: url.toString(),
    cleanup: async () => {
      await store.close();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
