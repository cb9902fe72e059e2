import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dctx-demo-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

interface Audit {
  summary: string;
  violations: number;
}

/** Runs `dctx demo` on the embedded store in the test's temp dir until it serves, checks /healthz, stops it. */
async function runDemo(port: number): Promise<{ stdout: string; stderr: string; health: number; audit: { byDefault: Audit; withDemoPolicy: Audit } }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'demo', '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', DCTX_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('data-context on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`dctx demo exited with ${code}: ${stderr}`)));
  });
  const health = (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
  const policy = await readFile(join(ROOT, 'demo/policy.yaml'), 'utf8');
  const audit = async (withPolicy: boolean): Promise<Audit> => {
    const query = withPolicy ? 'query($p: String!) { audit(policy: $p) { summary violations { consumer { id } } } }' : '{ audit { summary violations { consumer { id } } } }';
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: withPolicy ? { p: policy } : {} }) });
    const body = (await res.json()) as { data: { audit: { summary: string; violations: unknown[] } } };
    return { summary: body.data.audit.summary, violations: body.data.audit.violations.length };
  };
  const result = { stdout, stderr, health, audit: { byDefault: await audit(false), withDemoPolicy: await audit(true) } };
  child.kill('SIGTERM');
  await exited;
  return result;
}

it('dctx demo loads the demo once, then serves; a second start only serves', { timeout: 240_000 }, async () => {
  const port = 41_000 + Math.floor(Math.random() * 1000);
  const first = await runDemo(port);
  expect(first.health).toBe(200);
  expect(first.stderr).toContain('demo: step 5: model fraud_gbdt_v3 is retrained');
  expect(first.stderr).toMatch(/demo: loaded in [\d.]+ s as graph versions 1\.\.(\d+) \(0 ingest errors\)/);
  const version = /graph versions 1\.\.(\d+)/.exec(first.stderr)![1];
  expect(first.stdout).toContain(`graph version ${version};`);

  // Audits apply the demo's policy unless DCTX_POLICY_FILE says otherwise: the explorer's audit view
  // shows the demo's violations without a policy pasted.
  expect(first.audit.withDemoPolicy.violations).toBeGreaterThan(0);
  expect(first.audit.byDefault).toEqual(first.audit.withDemoPolicy);

  const second = await runDemo(port);
  expect(second.health).toBe(200);
  expect(second.stderr).toContain('demo platform already loaded');
  expect(second.stdout).toContain(`graph version ${version};`);
});
