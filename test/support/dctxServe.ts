import { spawn, type ChildProcess } from 'node:child_process';
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

/** `dctx serve` on PostgreSQL at `databaseUrl`, as a child process on a free port, resolved once it answers /readyz. */
export async function startServe(databaseUrl: string, env: NodeJS.ProcessEnv = {}, readyWithinMs = 60_000): Promise<ServeProcess> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env };
  delete childEnv.DCTX_TOKENS;
  delete childEnv.PORT;
  const child = spawn(process.execPath, ['bin/dctx.js', 'serve', '--port', String(port)], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
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
