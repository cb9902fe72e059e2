import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import { applyChangeset } from '../../graph-model/store/applyChangeset.js';
import { createService } from '../../server/http/createServer.js';
import { DEFAULT_MAX_INDEX_LAG, maxIndexLagFromEnv } from '../../server/http/routes/health.js';
import { table } from '../support/builders.js';
import { useStore } from '../support/engines.js';
import { freePort } from '../support/freePort.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Readiness {
  status: string;
  reasons?: string[];
  feed: string;
  version: number;
  indexVersion: number;
  indexLag: number;
  maxIndexLag: number;
}

// On PGlite a commit made below the store reaches no listener, so the index stays behind until
// told; on PostgreSQL its NOTIFY would bring the index along at once.
describe('/readyz and the index lag [pglite]', () => {
  const shared = useStore('pglite');

  it('answers 503 naming the lag and the limit while the index is more versions behind the store than allowed', async () => {
    const store = shared.store();
    const index = await GraphIndex.load(store);
    const { server } = createService({ store, index, maxIndexLag: 1 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const readyz = async () => {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/readyz`);
      return { status: res.status, body: (await res.json()) as Readiness };
    };
    try {
      expect((await readyz()).status).toBe(200);
      // Commits the feed does not announce (as from a process whose notifications are lost).
      const commit = async (name: string) => (await applyChangeset(store.db, { source: 'test:lag', mode: 'delta', assets: [table(name)] })).version;
      await commit('one');
      const within = await readyz();
      expect(within.status).toBe(200);
      expect(within.body).toMatchObject({ status: 'ready', indexLag: 1, maxIndexLag: 1, feed: 'up' });

      const v2 = await commit('two');
      const behind = await readyz();
      expect(behind.status).toBe(503);
      expect(behind.body).toMatchObject({ status: 'not ready', version: v2, indexVersion: v2 - 2, indexLag: 2, maxIndexLag: 1, feed: 'up' });
      expect(behind.body.reasons).toEqual(['the index is 2 versions behind the store (limit 1)']);
      const metrics = await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`)).text();
      expect(metrics).toMatch(new RegExp(`^dctx_index_version ${v2 - 2}$`, 'm'));

      store.feed.publish(v2);
      await index.waitFor(v2);
      expect(await readyz()).toMatchObject({ status: 200, body: { status: 'ready', indexLag: 0 } });
    } finally {
      index.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

it('DCTX_MAX_INDEX_LAG: a non-negative integer, the default when unset, refused naming the variable otherwise', () => {
  expect(maxIndexLagFromEnv({})).toBe(DEFAULT_MAX_INDEX_LAG);
  expect(maxIndexLagFromEnv({ DCTX_MAX_INDEX_LAG: '' })).toBe(DEFAULT_MAX_INDEX_LAG);
  expect(maxIndexLagFromEnv({ DCTX_MAX_INDEX_LAG: '0' })).toBe(0);
  expect(maxIndexLagFromEnv({ DCTX_MAX_INDEX_LAG: '25' })).toBe(25);
  for (const bad of ['-1', '1.5', 'three', '3 versions']) {
    expect(() => maxIndexLagFromEnv({ DCTX_MAX_INDEX_LAG: bad })).toThrow(`DCTX_MAX_INDEX_LAG must be a non-negative integer of graph versions, got "${bad}"`);
  }
});

it('dctx serve refuses to start with a bad DCTX_MAX_INDEX_LAG, saying so', { timeout: 90_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dctx-lag-'));
  try {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '', DCTX_DATA_DIR: join(dir, 'data'), DCTX_MAX_INDEX_LAG: 'soon', LOG_LEVEL: 'silent' };
    delete env.DCTX_TOKENS;
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'serve', '--port', String(port)], { cwd: ROOT, env, timeout: 60_000 }, (error, _stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stderr }),
      );
    });
    expect(result.stderr).toContain('DCTX_MAX_INDEX_LAG must be a non-negative integer of graph versions, got "soon"');
    expect(result.code).toBeGreaterThan(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
