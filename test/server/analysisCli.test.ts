import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GraphStore } from '../../graph-model/store/graphStore.js';
import { ids, loadRiskPlatform } from './graphql/riskGraph.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dctx-analysis-cli-'));
  const store = await GraphStore.open({ dataDir: join(dir, 'data') });
  await loadRiskPlatform(store);
  await store.close();
  await writeFile(join(dir, 'policy.yaml'), 'propagate: [pii]\npolicies:\n  - tag: pii\n    allowedPurposes: [aml]\n');
}, 180_000);
afterAll(async () => rm(dir, { recursive: true, force: true }));

function dctx(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/cli.ts', ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', DCTX_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' }, timeout: 90_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

it('lineage, impact and audit print tables, --json for scripts, and exit non-zero on findings or bad input', { timeout: 600_000 }, async () => {
  const table = await dctx('lineage', 'asset:hive://gql/ods.a', '--depth', '2');
  expect(table.code).toBe(0);
  expect(table.stdout).toMatch(/^hops +kind +type +node\n/);
  expect(table.stdout).toMatch(/2 +TABLE +asset +hive:\/\/gql\/dw\.x/);
  expect(table.stdout).toMatch(/graph version 2: 4 nodes, 4 edges\nthe graph goes on beyond --depth/);

  const old = await dctx('--json', 'lineage', 'asset:hive://gql/ods.c', '--depth', '10', '--as-of', '1');
  expect(old.code).toBe(0);
  const result = JSON.parse(old.stdout);
  expect(result.version).toBe(1);
  expect(result.nodes.map((n: { id: string }) => n.id)).toContain(ids.rule);

  const impact = await dctx('--json', 'impact', 'asset:hive://gql/ods.a', '--from', '2026-11-01', '--to', '2026-11-08', '--fail-on-broken');
  expect(impact.code).toBe(2);
  const report = JSON.parse(impact.stdout);
  expect(report.broken.find((n: { id: string }) => n.id === ids.rule)).toMatchObject({ status: 'BROKEN', traffic: 1000 });

  const audit = await dctx('audit', '--policy', join(dir, 'policy.yaml'));
  expect(audit.code).toBe(2);
  expect(audit.stdout).toMatch(/PURPOSE_NOT_ALLOWED +hive:\/\/gql\/rules\.block_x +anti-fraud +pii=phone +aml/);

  const missing = await dctx('lineage', 'asset:hive://gql/nope');
  expect(missing.code).toBe(1);
  expect(missing.stderr).toBe('no node asset:hive://gql/nope at graph version 2\n');
  const badTarget = await dctx('impact', 'table:x/y');
  expect(badTarget.code).toBe(1);
  expect(badTarget.stderr).toMatch(/must start with asset: or computation:/);

  for (const command of ['lineage', 'audit']) {
    const help = await dctx(command, '--help');
    expect(help.code, command).toBe(0);
    expect(help.stdout, command).toMatch(new RegExp(`^Usage: dctx ${command}`));
  }
});

it('impact refuses a column the table does not have, naming it, with a non-zero exit', { timeout: 300_000 }, async () => {
  // riskGraph.ts: ods.a declares the columns id and amount.
  const typo = await dctx('impact', '--mode', 'SCHEMA_CHANGE', '--field', 'asset:hive://gql/ods.a#no_such_column');
  expect(typo.code).toBe(1);
  expect(typo.stderr).toContain(`${ids.a}#no_such_column`);
  const real = await dctx('--json', 'impact', '--mode', 'SCHEMA_CHANGE', '--field', 'asset:hive://gql/ods.a#amount');
  expect(real.code).toBe(0);
  expect(JSON.parse(real.stdout).roots).toMatchObject([{ status: 'CHANGED', fields: ['amount'] }]);
});

it('lineage refuses a kind or a start field that does not exist, naming it, with a non-zero exit', { timeout: 300_000 }, async () => {
  const kind = await dctx('lineage', 'asset:hive://gql/ods.a', '--kinds', 'TABLE,RULES');
  expect(kind.code).toBe(1);
  expect(kind.stderr).toMatch(/unknown kind RULES/);
  // riskGraph.ts: ods.a has the fields id and amount.
  const field = await dctx('lineage', 'asset:hive://gql/ods.a', '--fields', 'amount,amuont');
  expect(field.code).toBe(1);
  expect(field.stderr).toBe('asset:hive://gql/ods.a has no field amuont at graph version 2\n');
  const ok = await dctx('--json', 'lineage', 'asset:hive://gql/ods.a', '--fields', 'amount', '--depth', '2');
  expect(ok.code).toBe(0);
  expect(JSON.parse(ok.stdout).fields).toContainEqual({ id: ids.a, field: 'amount', distance: 0 });
});
