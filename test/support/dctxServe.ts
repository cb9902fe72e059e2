import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './freePort.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServeProcess {
  child: ChildProcess;
  port: number;
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** What the process wrote on stdout and stderr so far. */
  output: string[];
  /** SIGTERM, then SIGKILL after 5 s; resolves when it has exited. */
  stop(): Promise<void>;
}

/**
 * `dctx serve` as a child process on a free port, resolved once it answers /readyz: on PostgreSQL at
 * `databaseUrl`, or with null on an embedded store in a temporary directory (removed when it stops).
 * `env` may set DCTX_TOKENS; the test process's own is never passed on.
 */
export async function startServe(databaseUrl: string | null, env: NodeJS.ProcessEnv = {}, readyWithinMs = 60_000): Promise<ServeProcess> {
  const port = await freePort();
  const base0: NodeJS.ProcessEnv = { ...process.env };
  delete base0.DCTX_TOKENS;
  delete base0.PORT;
  delete base0.DATABASE_URL;
  const dataDir = databaseUrl === null ? mkdtempSync(path.join(tmpdir(), 'dctx-serve-')) : null;
  const store = dataDir === null ? { DATABASE_URL: databaseUrl! } : { DCTX_DATA_DIR: dataDir };
  const childEnv: NodeJS.ProcessEnv = { ...base0, ...store, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env };
  const child = spawn(process.execPath, ['bin/dctx.js', 'serve', '--port', String(port)], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyWithinMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dctx serve exited with ${child.exitCode}: ${output.join('')}`);
    try {
      if ((await fetch(`${base}/readyz`)).status === 200) return { child, port, base, output, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`dctx serve on port ${port} not ready within ${readyWithinMs / 1000} s: ${output.join('')}`);
}
