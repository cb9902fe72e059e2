import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { GraphStore } from '../../graph-model/store/graphStore.js';
import { createTestDatabase, describeEachEngine, type TestDatabase } from '../support/engines.js';

const NODES = 20000;

/** Starts the writer and SIGKILLs it `delayMs` after it begins the large changeset (never, if null). */
function runWriter(env: NodeJS.ProcessEnv, delayMs: number | null): Promise<{ finished: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/crashWriter.ts'], {
      env: { ...process.env, ...env, CRASH_NODES: String(NODES) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      if (delayMs !== null && out.includes('APPLYING') && !out.includes('KILLING')) {
        out += 'KILLING';
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || (delayMs === null && code === 0)) resolve({ finished: out.includes('DONE') });
      else reject(new Error(`writer exited with ${code} before it was killed: ${err}`));
    });
  });
}

/** The store is at version 1 (nothing of the large changeset) or 2 (all of it), never in between. */
async function expectWholeVersion(store: GraphStore): Promise<number> {
  const version = await store.currentVersion();
  expect([1, 2]).toContain(version);
  const count = async (sql: string) => Number((await store.db.query<{ n: number }>(sql))[0]!.n);
  const nodes = await count('SELECT count(*) AS n FROM node_version WHERE to_version IS NULL');
  const edges = await count('SELECT count(*) AS n FROM edge WHERE to_version IS NULL');
  const later = await count('SELECT count(*) AS n FROM node_claim WHERE from_version > 1');
  if (version === 1) expect({ nodes, edges, later }).toEqual({ nodes: 1, edges: 0, later: 0 });
  else expect({ nodes, edges }).toEqual({ nodes: 1 + NODES + NODES / 2, edges: NODES });
  return version;
}

describeEachEngine('crash safety', (engine) => {
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await database?.dispose();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    database = undefined;
    dataDir = undefined;
  });

  it('a SIGKILL in the middle of a large changeset leaves the previous version or the new one', { timeout: 180_000 }, async () => {
    let env: NodeJS.ProcessEnv;
    if (engine === 'pglite') {
      dataDir = mkdtempSync(join(tmpdir(), 'dctx-crash-'));
      env = { DCTX_DATA_DIR: dataDir, DATABASE_URL: '' };
    } else {
      database = await createTestDatabase('postgres');
      env = { DATABASE_URL: database.databaseUrl };
    }
    const open = () => (engine === 'pglite' ? GraphStore.open({ dataDir }) : GraphStore.open({ databaseUrl: database!.databaseUrl }));
    // Killed at several points while the large changeset is being written (it takes a few seconds
    // on either engine): nothing of it is visible, and the store reopens (PGlite recovers its WAL).
    for (const delayMs of engine === 'pglite' ? [800, 2500, 4500] : [300, 900, 1800]) {
      const killed = await runWriter(env, delayMs);
      const store = await open();
      const version = await expectWholeVersion(store);
      if (!killed.finished) expect(version).toBe(1);
      await store.close();
    }
    // After the crashes the same changeset commits whole.
    expect((await runWriter(env, null)).finished).toBe(true);
    const store = await open();
    expect(await expectWholeVersion(store)).toBe(2);
    await store.close();
  });
});
