import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, describe } from 'vitest';
import { DataDirInUseError } from '../../graph-model/store/dataDirLock.js';
import { GraphStore } from '../../graph-model/store/graphStore.js';

describe('the embedded store data directory', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'dctx-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is used by one store at a time, and free again once that store closes', async () => {
    const dataDir = freshDir();
    const first = await GraphStore.open({ dataDir });
    await expect(GraphStore.open({ dataDir })).rejects.toThrow(DataDirInUseError);
    await expect(GraphStore.open({ dataDir })).rejects.toThrow(/in use by process \d+.*DATABASE_URL/);
    await first.close();
    const second = await GraphStore.open({ dataDir });
    await second.close();
  });

  it('is taken over from a process that died holding it', async () => {
    const dataDir = freshDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(dataDir, 'dctx.lock'), dead.stdout);
    const store = await GraphStore.open({ dataDir });
    expect(await store.currentVersion()).toBe(0);
    await store.close();
  });
});
