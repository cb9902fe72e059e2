import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../support/freePort.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `dctx serve` runs the server in a child process started with a larger V8 young generation
 * (bin/dctx.js): decision-time latency depends on it. The child must never outlive the process a
 * supervisor started, whichever way that process ends.
 */
describe('dctx serve as started from bin/dctx.js', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  async function serve(env: NodeJS.ProcessEnv = {}): Promise<{ wrapper: ChildProcess; port: number }> {
    const dir = mkdtempSync(join(tmpdir(), 'dctx-serve-'));
    const port = await freePort();
    const childEnv: NodeJS.ProcessEnv = { ...process.env, DCTX_DATA_DIR: dir, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env };
    delete childEnv.DATABASE_URL;
    delete childEnv.DCTX_TOKENS;
    delete childEnv.PORT;
    const wrapper = spawn(process.execPath, ['bin/dctx.js', 'serve', '--port', String(port)], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    // What the child said on stderr, for the error when it exits before it serves.
    let stderr = '';
    wrapper.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    cleanups.push(() => {
      wrapper.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (wrapper.exitCode !== null) throw new Error(`dctx serve exited with ${wrapper.exitCode}: ${stderr}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) return { wrapper, port };
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('dctx serve did not answer /healthz within 60 s');
  }

  /** The server process: the wrapper's one child (Linux /proc). */
  function serverPid(wrapper: ChildProcess): number {
    const children = readFileSync(`/proc/${wrapper.pid}/task/${wrapper.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    expect(children).toHaveLength(1);
    return Number(children[0]);
  }

  const cmdline = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');

  async function gone(pid: number, withinMs: number): Promise<boolean> {
    const deadline = Date.now() + withinMs;
    while (Date.now() < deadline) {
      // A zombie still has a /proc entry until reaped; its state is Z.
      if (!existsSync(`/proc/${pid}`) || readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] === 'Z') return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  }

  it.runIf(process.platform === 'linux')('serves from a child with a 128 MiB young generation, and passes SIGTERM on', { timeout: 90_000 }, async () => {
    const { wrapper, port } = await serve();
    const pid = serverPid(wrapper);
    expect(cmdline(pid)).toContain('--max-semi-space-size=128');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => wrapper.once('exit', (code) => resolve(code)));
    wrapper.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await gone(pid, 10_000)).toBe(true);
  });

  it.runIf(process.platform === 'linux')('the server shuts down when the process that started it is killed outright', { timeout: 90_000 }, async () => {
    const { wrapper } = await serve();
    const pid = serverPid(wrapper);
    wrapper.kill('SIGKILL');
    expect(await gone(pid, 15_000)).toBe(true);
  });

  it.runIf(process.platform === 'linux')('DCTX_YOUNG_GENERATION_MIB=0 serves in the process itself, with V8 defaults', { timeout: 90_000 }, async () => {
    const { wrapper } = await serve({ DCTX_YOUNG_GENERATION_MIB: '0' });
    expect(readFileSync(`/proc/${wrapper.pid}/task/${wrapper.pid}/children`, 'utf8').trim()).toBe('');
    expect(cmdline(wrapper.pid!).some((arg) => arg.startsWith('--max-semi-space-size'))).toBe(false);
  });
});
