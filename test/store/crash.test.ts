import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { GraphStore } from '../../graph-model/store/graphStore.js';
import { createTestDatabase, describeEachEngine, type TestDatabase } from '../support/engines.js';

const NODES = 20000;

/**
 * Starts the writer and SIGKILLs it `delayMs` after it begins the large changeset (never, if null).
 * `applyMs` is how long the large changeset took when the writer finished.
 */
function runWriter(env: NodeJS.ProcessEnv, delayMs: number | null): Promise<{ finished: boolean; applyMs?: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/crashWriter.ts'], {
      env: { ...process.env, ...env, CRASH_NODES: String(NODES) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let applyingAt = 0;
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('APPLYING') && !applyingAt) applyingAt = performance.now();
      if (delayMs !== null && out.includes('APPLYING') && !out.includes('KILLING')) {
        out += 'KILLING';
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('exit', (code, signal) => {
      // A writer that finishes before its kill is the "new version" outcome, not a failure.
      if (signal === 'SIGKILL' || code === 0) resolve({ finished: out.includes('DONE'), applyMs: performance.now() - applyingAt });
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

  // Up to five writer processes each applying 20k nodes: on a loaded 2-core CI machine (load 29)
  // one engine took 182 s, so the timeout is a generous safety net, not a speed expectation.
  it('a SIGKILL in the middle of a large changeset leaves the previous version or the new one', { timeout: 600_000 }, async () => {
    let env: NodeJS.ProcessEnv;
    if (engine === 'pglite') {
      dataDir = mkdtempSync(join(tmpdir(), 'dctx-crash-'));
      env = { DCTX_DATA_DIR: dataDir, DATABASE_URL: '' };
    } else {
      database = await createTestDatabase('postgres');
      env = { DATABASE_URL: database.databaseUrl };
    }
    const open = () => (engine === 'pglite' ? GraphStore.open({ dataDir }) : GraphStore.open({ databaseUrl: database!.databaseUrl }));
    // How long the large changeset takes here, measured on a scratch store, so that the kills below
    // land during it on any machine.
    const scratch = engine === 'pglite' ? mkdtempSync(join(tmpdir(), 'dctx-crash-time-')) : undefined;
    const scratchDb = engine === 'postgres' ? await createTestDatabase('postgres') : undefined;
    const timing = await runWriter(scratch ? { DCTX_DATA_DIR: scratch, DATABASE_URL: '' } : { DATABASE_URL: scratchDb!.databaseUrl }, null);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    await scratchDb?.dispose();
    expect(timing.finished).toBe(true);
    // Killed at several points while the large changeset is being written: nothing of it is
    // visible, and the store reopens (PGlite recovers from its WAL).
    for (const fraction of [0.2, 0.5, 0.8]) {
      const killed = await runWriter(env, Math.round(timing.applyMs! * fraction));
      const store = await open();
      const version = await expectWholeVersion(store);
      if (!killed.finished) expect(version).toBe(1);
      await store.close();
      if (killed.finished) break;
    }
    // After the crashes the same changeset commits whole.
    expect((await runWriter(env, null)).finished).toBe(true);
    const store = await open();
    expect(await expectWholeVersion(store)).toBe(2);
    await store.close();
  });
});
