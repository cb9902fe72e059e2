import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RUN_SCHEMA, PRODUCER } from '../ingestors/openlineage/olEvents.js';
import { createTestDatabase, type TestDatabase } from '../support/engines.js';
import { freePort } from '../support/freePort.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// PostgreSQL only: PGlite runs its queries synchronously on the main thread, so a signal is only
// handled once the commit is over, and the test could not tell a graceful shutdown from an abrupt one.
const postgres = process.env.DATABASE_URL ? it : it.skip;
let database: TestDatabase | undefined;
beforeAll(async () => {
  if (process.env.DATABASE_URL) database = await createTestDatabase('postgres');
});
afterAll(async () => database?.dispose());

/** A batch big enough to take a while to commit: many jobs, each reading and writing its own tables. */
function batch(events: number): string {
  return JSON.stringify(
    Array.from({ length: events }, (_, i) => ({
      eventType: 'COMPLETE',
      eventTime: '2026-11-20T10:00:00Z',
      producer: PRODUCER,
      schemaURL: RUN_SCHEMA,
      run: { runId: `0191a2b3-c4d5-7e6f-8a9b-${String(i).padStart(12, '0')}` },
      job: { namespace: 'airflow://shutdown', name: `job_${i}` },
      inputs: [{ namespace: 'hive://shutdown', name: `src_${i}` }],
      outputs: [{ namespace: 'hive://shutdown', name: `dst_${i}` }],
    })),
  );
}

postgres('on SIGTERM finishes the request in flight, commits its changeset whole, and exits 0', { timeout: 240_000 }, async () => {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'serve', '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: database!.databaseUrl, DCTX_TOKENS: '', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('data-context on http')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });

  const body = batch(400);
  const answer = new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/v1/lineage', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (part: string) => (text += part));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    // The whole body is on its way before the signal: the request is in flight, not yet answered.
    req.end(body, () => setTimeout(() => child.kill('SIGTERM'), 20));
  });
  const res = await answer;
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ accepted: 400, rejected: 0, version: 1 });
  expect(await exited).toBe(0);

  // The store is at the version the answer named, with the whole changeset.
  const store = await database!.open();
  expect(await store.currentVersion()).toBe(1);
  const count = (await store.db.query<{ n: number }>('SELECT count(*) AS n FROM edge WHERE to_version IS NULL'))[0]!.n;
  expect(Number(count)).toBe(800);
});
