#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so a clean clone works after `npm ci` alone.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { register } from 'tsx/esm/api';

// `dctx serve` answers decision-time requests that each allocate a little; with V8's default young
// generation (16 MiB) a server holding a large index scavenges every ~65 ms for ~4 ms, which puts
// a request's p99 at 4-5 ms. A 128 MiB young generation scavenges every ~0.5 s: p99 1 ms (docs/benchmark-log.md).
// V8 reads the size only at start-up, so the server re-runs itself with it once.
// DCTX_YOUNG_GENERATION_MIB=0 keeps V8's default.
const YOUNG_FLAG = '--max-semi-space-size';
const youngMiB = Number(process.env.DCTX_YOUNG_GENERATION_MIB ?? 128);
const flagged = process.execArgv.some((arg) => arg.startsWith(YOUNG_FLAG)) || (process.env.NODE_OPTIONS ?? '').includes(YOUNG_FLAG);

if (process.argv[2] === 'serve' && youngMiB > 0 && !flagged) {
  const child = spawn(process.execPath, [...process.execArgv, `${YOUNG_FLAG}=${youngMiB}`, ...process.argv.slice(1)], {
    // The IPC channel closes when this process dies, however it dies; the server then shuts down.
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
} else {
  if (process.send) process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  register();
  await import('../server/cli.ts');
}
