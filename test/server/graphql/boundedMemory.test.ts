import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../support/freePort.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const GC_ON_SIGNAL = new URL('../../support/gcOnSignal.mjs', import.meta.url).href;
const MiB = 1024 * 1024;

/**
 * A soak of `dctx serve` in a child process (its memory is its own), with a full GC on SIGUSR2:
 * what a client sends must not stay in the server, neither as metric labels nor as cache keys.
 */
describe('memory a client cannot fill, on a real server process', () => {
  let child: ChildProcess;
  let base: string;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dctx-soak-'));
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, DCTX_DATA_DIR: dir, DCTX_YOUNG_GENERATION_MIB: '0', LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    delete env.DCTX_TOKENS;
    child = spawn(process.execPath, ['--expose-gc', '--import', GC_ON_SIGNAL, 'bin/dctx.js', 'serve', '--host', '127.0.0.1', '--port', String(port)], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
    base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`dctx serve exited with ${child.exitCode}`);
      const up = await fetch(`${base}/readyz`).then((r) => r.status === 200, () => false);
      if (up) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('dctx serve was not ready within 60 s');
  });
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (body: unknown) => fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (res) => ({ status: res.status, body: (await res.json()) as any }));
  const metricsText = () => fetch(`${base}/metrics`).then((res) => res.text());

  /** Heap used (from /metrics) and RSS (from /proc) after two full collections. */
  async function memoryAfterGc(): Promise<{ heapUsed: number; rss: number }> {
    for (let i = 0; i < 2; i++) {
      child.kill('SIGUSR2');
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const heapUsed = Number(/^dctx_nodejs_heap_size_used_bytes (\d+)/m.exec(await metricsText())![1]);
    const rss = Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) * 1024;
    return { heapUsed, rss };
  }

  async function inParallel(count: number, width: number, send: (i: number) => Promise<void>): Promise<void> {
    let next = 0;
    await Promise.all(Array.from({ length: width }, async () => {
      while (next < count) await send(next++);
    }));
  }

  it('keeps /metrics the same size whatever operation names clients send', async () => {
    const named = (i: number) => post({ query: `query Client${i} { graphVersion }` }).then((a) => expect(a.status).toBe(200));
    await inParallel(20, 4, named);
    const before = (await metricsText()).length;
    await inParallel(2_000, 8, (i) => named(20 + i));
    const text = await metricsText();
    expect(text).not.toMatch(/Client\d/);
    expect(text).toMatch(/dctx_graphql_operation_duration_seconds_count\{operation="graphVersion",outcome="ok"\} 2020/);
    // Counts grow by a digit or two; 2,000 new label values would add megabytes.
    expect(text.length - before).toBeLessThan(4_000);
  });

  it('gives back what 120 requests with distinct 8 MB variables brought', async () => {
    const query = 'query Huge($id: ID!) { node(id: $id) { id } }';
    const start = await memoryAfterGc();
    const big = 'x'.repeat(8 * 1_000_000);
    for (let i = 0; i < 120; i++) {
      const answer = await post({ query, variables: { id: `${i}:${big}` } });
      expect(answer).toEqual({ status: 200, body: { data: { node: null } } });
    }
    const end = await memoryAfterGc();
    console.log(`heap used ${(start.heapUsed / MiB).toFixed(0)} -> ${(end.heapUsed / MiB).toFixed(0)} MiB, RSS ${(start.rss / MiB).toFixed(0)} -> ${(end.rss / MiB).toFixed(0)} MiB`);
    // Before the fix the complexity cache kept every variables text: +960 MB of heap, GiBs of RSS.
    expect(end.heapUsed - start.heapUsed).toBeLessThan(150 * MiB);
    expect(end.rss - start.rss).toBeLessThan(300 * MiB);
  });
});
