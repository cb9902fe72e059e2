import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface ServeProcess {
  base: string;
  startupMs: number;
  stop(): Promise<void>;
}

/**
 * `dctx serve` as a child process on a store: benchmarks drive it with autocannon from this
 * process, since a load generator in the server's own event loop would measure itself.
 */
export async function startServeProcess(env: { DATABASE_URL?: string; DCTX_DATA_DIR?: string }): Promise<ServeProcess> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['bin/dctx.js', 'serve', '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', ...env, DCTX_TOKENS: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('data-context on http')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`dctx serve exited with ${code} before listening`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    startupMs: Math.round(performance.now() - started),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      }),
  };
}
