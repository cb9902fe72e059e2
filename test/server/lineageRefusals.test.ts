import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GraphStore } from '../../graph-model/store/graphStore.js';
import { WRITER_LOCK } from '../../graph-model/store/operations/lockWriter.js';
import { commitQueue } from '../../ingestors/openlineage/groupCommit.js';
import { JOBS_NS, WAREHOUSE, dataset, runEvent } from '../ingestors/openlineage/olEvents.js';
import { ENGINES, createTestDatabase, describeEachEngine, useStore } from '../support/engines.js';
import { freePort } from '../support/freePort.js';
import { postJson, startServer } from './httpClient.js';

const PATH = '/api/v1/lineage';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const runId = (i: number) => `0190a1b2-c3d4-7e5f-8a9b-${String(i).padStart(12, '0')}`;
/** Client `i`'s event: its own job writing its own table. */
const clientEvent = (i: number, overrides: { job?: string; output?: string } = {}) =>
  runEvent({ runId: runId(i), eventType: 'COMPLETE', eventTime: '2026-03-01T08:00:00Z', job: overrides.job ?? `job_${i}`, outputs: [dataset(overrides.output ?? `risk.table_${i}`)] });

/** Random text no compression shrinks: what a btree entry must hold as is. */
const incompressible = (chars: number) => randomBytes(chars).toString('base64').slice(0, chars);

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describeEachEngine('POST /api/v1/lineage: one bad request among a group commit', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  let base: string;
  let close: () => Promise<void>;
  beforeEach(async () => {
    store = shared.store();
    ({ base, close } = await startServer(store));
  });
  afterEach(async () => close());

  /**
   * Holds the writer lock in a transaction of its own, so that a first request's commit waits and
   * the requests sent meanwhile queue up to be committed together, as under load.
   */
  async function holdingWriter(): Promise<() => Promise<void>> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const held = new Promise<void>((resolve) => (locked = resolve));
    const transaction = store.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [WRITER_LOCK]);
      locked();
      await released;
    });
    await held;
    return async () => {
      release();
      await transaction;
    };
  }

  /** Ten good clients and `bad`, sent while a first commit waits: they share the next group commit. */
  async function tenGoodAndOneBad(bad: unknown, queued: (badAnswered: boolean, waiting: number) => boolean) {
    const release = await holdingWriter();
    const first = postJson(base, PATH, clientEvent(100));
    await until(() => commitQueue(store).committing, 'the first commit to start');
    const good = Array.from({ length: 10 }, (_, i) => postJson(base, PATH, clientEvent(i)));
    let badAnswered = false;
    const badAnswer = postJson(base, PATH, bad).finally(() => (badAnswered = true));
    await until(() => queued(badAnswered, commitQueue(store).waiting), 'the requests to queue');
    await release();
    return { first: await first, good: await Promise.all(good), bad: await badAnswer };
  }

  async function storedJobs(): Promise<string[]> {
    const jobs: string[] = [];
    for (let i = 0; i < 10; i++) if (await store.nodeByName('COMPUTATION', JOBS_NS, `job_${i}`)) jobs.push(`job_${i}`);
    return jobs;
  }

  const allTen = Array.from({ length: 10 }, (_, i) => `job_${i}`);

  it.each([
    ['a NUL character in the job name', clientEvent(50, { job: 'job\u0000evil' }), 'job.name', '/job/name', /NUL character \(U\+0000\) at character 4/],
    ['a lone surrogate in a dataset name', clientEvent(51, { output: 'risk.\ud800table' }), 'outputs[0].name', '/outputs/0/name', /lone UTF-16 surrogate \(U\+D800\) at character 6/],
    ['a dataset name no index can hold', clientEvent(52, { output: incompressible(3000) }), 'outputs[0].name', '/outputs/0/name', /is 3000 bytes long; at most 1024 bytes/],
  ])('%s: the bad event gets 400 naming the field; the ten good clients all commit, together', async (_name, bad, path, pointer, message) => {
    // Before validation refused these, the bad event joined the group and the database refused the whole of it.
    const answers = await tenGoodAndOneBad(bad, (badAnswered, waiting) => (badAnswered && waiting >= 10) || waiting >= 11);
    expect(answers.bad.status).toBe(400);
    expect(answers.bad.body.error.code).toBe('INVALID_EVENT');
    expect(answers.bad.body.error.issues).toEqual([{ path, pointer, message: expect.stringMatching(message) }]);
    expect(answers.first.status).toBe(201);
    expect(answers.good.map((a) => a.status)).toEqual(Array(10).fill(201));
    // One version for the ten: they were committed as one group.
    expect(new Set(answers.good.map((a) => a.body.version)).size).toBe(1);
    expect(await storedJobs()).toEqual(allTen);
  });

  it('a request the database itself refuses (a CHECK constraint) fails alone; the others in its group commit', async () => {
    // A real database condition validation knows nothing of: names containing "poison" are refused.
    await store.db.exec(`ALTER TABLE node ADD CONSTRAINT test_no_poison CHECK (name NOT LIKE '%poison%')`);
    try {
      const poisoned = clientEvent(60, { output: 'risk.poison_table' });
      const answers = await tenGoodAndOneBad(poisoned, (_badAnswered, waiting) => waiting >= 11);
      expect(answers.good.map((a) => a.status)).toEqual(Array(10).fill(201));
      expect(await storedJobs()).toEqual(allTen);
      // The refused event is the client's to fix, not a fault: 400 with an error id, without the database's text.
      expect(answers.bad.status).toBe(400);
      expect(answers.bad.body.error.code).toBe('REJECTED');
      expect(answers.bad.body.error.message).toMatch(/^\(body\): the database refused this event \(SQLSTATE 23514; error id [0-9a-f]{12}\)$/);
      expect(JSON.stringify(answers.bad.body)).not.toContain('test_no_poison');
      expect(await store.nodeByName('ASSET', WAREHOUSE, 'risk.poison_table')).toBeNull();
      expect(await store.nodeByName('COMPUTATION', JOBS_NS, 'job_60')).toBeNull();
      // The server still commits afterwards.
      expect((await postJson(base, PATH, clientEvent(70))).status).toBe(201);
    } finally {
      await store.db.exec('ALTER TABLE node DROP CONSTRAINT test_no_poison');
    }
  });
});

describeEachEngine('POST /api/v1/lineage: times', (engine) => {
  const shared = useStore(engine);

  it('refuses an eventTime on a day that does not exist with 400 naming eventTime, and stores nothing', async () => {
    const store = shared.store();
    const { base, close } = await startServer(store);
    try {
      const impossible: [string, string][] = [
        ['2021-02-30T00:00:00Z', '2021-02 has no day 30'],
        ['2021-04-31T12:00:00Z', '2021-04 has no day 31'],
        ['2023-02-29T00:00:00Z', '2023-02 has no day 29'],
        ['2021-13-01T00:00:00Z', 'no month 13'],
        ['2021-01-01T24:00:00Z', 'no hour 24'],
      ];
      for (const [eventTime, why] of impossible) {
        const res = await postJson(base, PATH, { ...clientEvent(1), eventTime });
        expect(res.status, eventTime).toBe(400);
        expect(res.body.error.issues).toEqual([{ path: 'eventTime', pointer: '/eventTime', message: expect.stringContaining(why) }]);
      }
      expect(await store.currentVersion()).toBe(0);
      const leapDay = await postJson(base, PATH, { ...clientEvent(1), eventTime: '2024-02-29T00:00:00Z' });
      expect(leapDay.status).toBe(201);
      expect((await store.changeset(1))?.source).toBe('openlineage');
    } finally {
      await close();
    }
  });
});

/** `dctx serve` on a store whose database refuses names containing "poison" (a CHECK constraint the test adds). */
async function serveRefusingPoison(engine: 'pglite' | 'postgres'): Promise<{ base: string; stderr: () => string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'dctx-refusal-'));
  const database = engine === 'postgres' ? await createTestDatabase('postgres') : null;
  const config = database ? { databaseUrl: database.databaseUrl! } : { dataDir: join(dir, 'data') };
  const setup = await GraphStore.open(config);
  await setup.db.exec(`ALTER TABLE node ADD CONSTRAINT test_no_poison CHECK (name NOT LIKE '%poison%')`);
  await setup.close();
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', DCTX_YOUNG_GENERATION_MIB: '0' };
  delete env.DCTX_TOKENS;
  if (database) env.DATABASE_URL = database.databaseUrl;
  else {
    delete env.DATABASE_URL;
    env.DCTX_DATA_DIR = join(dir, 'data');
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'serve', '--port', String(port), '--host', '127.0.0.1'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    await database?.dispose();
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dctx serve exited with ${child.exitCode}: ${stderr}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error('dctx serve did not answer /readyz within 60 s');
    }
    try {
      if ((await fetch(`${base}/readyz`)).status === 200) return { base, stderr: () => stderr, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(ENGINES)('dctx serve [%s]: an event the database refuses', (engine) => {
  it('answers 400 with an error id, and the log has the database\'s own message under that id', { timeout: 120_000 }, async () => {
    const service = await serveRefusingPoison(engine);
    try {
      const res = await postJson(service.base, PATH, clientEvent(1, { output: 'risk.poison_table' }));
      expect(res.status).toBe(400);
      const errorId = /error id ([0-9a-f]{12})/.exec(res.body.error.message)?.[1];
      expect(errorId).toBeDefined();
      expect((await postJson(service.base, PATH, clientEvent(2))).status).toBe(201);
      await until(() => service.stderr().includes(errorId!), 'the log line');
      const line = service.stderr().split('\n').find((l) => l.includes(errorId!))!;
      const entry = JSON.parse(line) as { msg: string; errorId: string; err: { message: string } };
      expect(entry).toMatchObject({ msg: 'the database refused an OpenLineage event', errorId });
      expect(entry.err.message).toContain('violates check constraint "test_no_poison"');
    } finally {
      await service.stop();
    }
  });
});
