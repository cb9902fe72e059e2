import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../support/freePort.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MISPLACED = 'Kq7vX2mN9pL4wR8tY3zB6c';
const SHARED = 'one-secret-for-two-tokens-123';
const READER = 'reader-secret-0123456789';

interface Serve {
  child: ChildProcess;
  port: number;
  /** stdout and stderr so far. */
  output(): string;
  exited: Promise<number | null>;
}

/**
 * `dctx serve` as a user starts it, in the process itself (DCTX_YOUNG_GENERATION_MIB=0), on an
 * embedded store of its own, with `env` on top of a clean environment.
 */
function serve(env: NodeJS.ProcessEnv, port: number, cleanups: (() => void)[]): Serve {
  const dir = mkdtempSync(join(tmpdir(), 'dctx-serve-config-'));
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DCTX_DATA_DIR: dir, HOST: '127.0.0.1', LOG_LEVEL: 'info', DCTX_YOUNG_GENERATION_MIB: '0', ...env };
  for (const name of ['DATABASE_URL', 'PORT', 'NODE_ENV', ...Object.keys(process.env).filter((key) => key.startsWith('DCTX_') && !(key in env) && key !== 'DCTX_DATA_DIR' && key !== 'DCTX_YOUNG_GENERATION_MIB')]) {
    if (!(name in env)) delete childEnv[name];
  }
  const child = spawn(process.execPath, ['bin/dctx.js', 'serve', '--port', String(port)], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(() => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  return { child, port, output: () => output, exited };
}

async function listening(server: Serve): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`dctx serve exited with ${server.child.exitCode}: ${server.output()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`dctx serve did not answer within 90 s: ${server.output()}`);
}

describe('dctx serve configuration', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('stops at start on a misplaced secret in DCTX_TOKENS, naming the entry and printing no secret', { timeout: 120_000 }, async () => {
    const server = serve({ DCTX_TOKENS: `dashboard:read:${READER},etl:${MISPLACED}:read` }, await freePort(), cleanups);
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('DCTX_TOKENS entry 2 (etl): scope 1 of 1 is not one of read, ingest, audit, metrics or admin');
    expect(server.output()).not.toContain(MISPLACED);
    expect(server.output()).not.toContain(READER);
  });

  it('stops at start on two tokens with one secret, naming the two tokens and printing no secret', { timeout: 120_000 }, async () => {
    const server = serve({ DCTX_TOKENS: `dashboard:read:${SHARED},airflow:ingest:${SHARED}` }, await freePort(), cleanups);
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('DCTX_TOKENS entry 1 (dashboard) and DCTX_TOKENS entry 2 (airflow) have the same secret');
    expect(server.output()).not.toContain(SHARED);
  });

  it('stops at start on DCTX_CORS_ORIGINS=* and on a DCTX_GRAPHQL_IDE that is neither true nor false', { timeout: 120_000 }, async () => {
    const star = serve({ DCTX_CORS_ORIGINS: '*', DCTX_TOKENS: `dashboard:read:${READER}` }, await freePort(), cleanups);
    const ide = serve({ DCTX_GRAPHQL_IDE: 'sometimes' }, await freePort(), cleanups);
    expect(await star.exited).toBe(1);
    expect(star.output()).toContain('DCTX_CORS_ORIGINS entry 1 ("*"): "*" is not accepted');
    expect(await ide.exited).toBe(1);
    expect(ide.output()).toContain('DCTX_GRAPHQL_IDE must be true or false, got "sometimes"');
  });

  it('reports nothing to Apollo with APOLLO_KEY set, serves no Apollo page, and takes DCTX_GRAPHQL_IDE=false and DCTX_CORS_ORIGINS', { timeout: 120_000 }, async () => {
    const server = serve(
      {
        APOLLO_KEY: 'service:dctx-test:0123456789abcdef',
        APOLLO_GRAPH_REF: 'dctx-test@current',
        APOLLO_SCHEMA_REPORTING: 'true',
        DCTX_GRAPHQL_IDE: 'false',
        DCTX_CORS_ORIGINS: 'http://localhost:3000',
      },
      await freePort(),
      cleanups,
    );
    await listening(server);
    const base = `http://127.0.0.1:${server.port}`;
    const query = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' }, body: '{"query":"{ graphVersion }"}' });
    expect(query.status).toBe(200);
    expect(query.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    // With the IDE off, a browser's GET /graphql gets GraphQL over HTTP's answer: no page, Apollo's or ours.
    const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    const text = await page.text();
    expect(page.headers.get('content-type')).not.toMatch(/html/);
    expect(text).not.toMatch(/<html|apollographql|sandbox/i);
    expect((await fetch(`${base}/graphql/ide/start.js`)).status).toBe(404);
    // Apollo says so when it starts reporting usage or schemas; it must have nothing to say.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(server.output()).not.toMatch(/usage reporting|schema reporting|apollographql|studio/i);
  });
});
