import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MANIFEST = join(ROOT, 'test/fixtures/dbt/small_manifest.json');
const OL_EVENT = join(ROOT, 'test/fixtures/openlineage/run_event_serde.json');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dctx-cli-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

/** `dctx ...` as a child process on an embedded store in the test's temp dir (never a TTY: no progress bar). */
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

it('ingests a dbt manifest: exit 0 with a summary; again with --json: exit 0, no new version', { timeout: 240_000 }, async () => {
  const first = await dctx('ingest', 'dbt', MANIFEST, '--namespace', 'postgres://warehouse:5432', '--actor', 'ci');
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/^dbt:\S+: created graph version 1\n {2}nodesCreated=\d+/);

  const again = await dctx('ingest', 'dbt', MANIFEST, '--namespace', 'postgres://warehouse:5432', '--json');
  expect(again.code).toBe(0);
  expect(JSON.parse(again.stdout)).toMatchObject({ versions: [], version: 1, errors: [], exitCode: 0 });
  expect(JSON.parse(again.stdout)).not.toHaveProperty('warnings');

  const changes = await dctx('changes', '--json');
  expect(JSON.parse(changes.stdout)).toMatchObject([{ version: 1, actor: 'ci' }]);
});

it('ingests OpenLineage NDJSON with bad lines: exit 2, the good event committed, each error with its line', { timeout: 240_000 }, async () => {
  const event = JSON.parse(await readFile(OL_EVENT, 'utf8')) as Record<string, unknown>;
  const file = join(dir, 'events.ndjson');
  await writeFile(file, [JSON.stringify(event), JSON.stringify({ ...event, run: { runId: 'nope' } }), '{not json'].join('\n'));
  const result = await dctx('ingest', 'openlineage', file);
  expect(result.code).toBe(2);
  expect(result.stdout).toContain('openlineage: created graph version');
  expect(result.stdout).toContain('2 errors (the rest was committed');
  expect(result.stdout).toContain(`${file}:2: /run/runId: run.runId must be a UUID`);
  expect(result.stdout).toContain(`${file}:3: not JSON`);

  const recorded = await dctx('ingest-errors', '--source', 'openlineage', '--json');
  expect(recorded.code).toBe(0);
  expect((JSON.parse(recorded.stdout) as { location: string }[]).map((e) => e.location)).toEqual([`${file}:3`, `${file}:2`]);
});

it('fails with exit 1 and a message when the input cannot be read, or an option is missing', { timeout: 240_000 }, async () => {
  const missing = await dctx('ingest', 'dbt', join(dir, 'nope.json'), '--namespace', 'x');
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain(`argument 'manifest'. no such file: ${join(dir, 'nope.json')}`);
  const noDialect = await dctx('ingest', 'sql', dir, '--namespace', 'x');
  expect(noDialect.code).toBe(1);
  expect(noDialect.stderr).toContain("required option '--dialect <dialect>'");
});

it('ingests a SQL file with a statement nested too deeply between good ones: exit 2, the good ones committed, the bad one at its line', { timeout: 240_000 }, async () => {
  // Before, the stack overflow escaped the run: exit 1, nothing committed.
  const file = join(dir, 'deep.sql');
  await writeFile(file, ['INSERT INTO dw.a SELECT x FROM ods.s;', `INSERT INTO dw.deep SELECT ${Array(20_000).fill('x').join(' + ')} AS y FROM ods.s;`, 'INSERT INTO dw.b SELECT x FROM ods.s;'].join('\n'));
  const result = await dctx('--json', 'ingest', 'sql', file, '--dialect', 'hive', '--namespace', 'hive://cli');
  expect(result.code).toBe(2);
  const summary = JSON.parse(result.stdout) as { versions: number[]; stats: { nodesCreated: number }; errors: { location: string; message: string }[] };
  expect(summary.errors).toEqual([{ location: 'deep.sql:2:1', message: expect.stringContaining('nests too deeply') }]);
  expect(summary.stats.nodesCreated).toBe(5);
});

it('ingests a SQL file with dynamic SQL: exit 0, the summary counts the warning, ingest-errors says it is one and --warnings filters', { timeout: 240_000 }, async () => {
  const file = join(dir, 'dynamic.sql');
  await writeFile(file, ['INSERT INTO dw.a SELECT x FROM ods.s;', "EXEC sp_executesql N'INSERT INTO dw.b SELECT y FROM ods.s';"].join('\n'));
  const result = await dctx('ingest', 'sql', file, '--dialect', 'tsql', '--namespace', 'mssql://cli');
  expect(result.code).toBe(0);
  const source = 'sql:mssql://cli:dynamic.sql';
  expect(result.stdout).toContain(`1 warning (committed, lineage may be incomplete; recorded as ingest warnings of ${source}):`);
  expect(result.stdout).toContain('  dynamic.sql:2:1: sp_executesql runs the SQL in its string argument, which is not parsed');
  expect(result.stdout).not.toMatch(/\berror/);

  const json = await dctx('--json', 'ingest', 'sql', file, '--dialect', 'tsql', '--namespace', 'mssql://cli');
  expect(JSON.parse(json.stdout)).toMatchObject({ errors: [], warnings: [{ location: 'dynamic.sql:2:1' }], exitCode: 0 });

  const listed = await dctx('ingest-errors', '--source', source, '--warnings');
  expect(listed.code).toBe(0);
  const lines = listed.stdout.trim().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines.every((line) => line.split('\t')[3] === 'warning' && line.endsWith('(dynamic SQL is not read)'))).toBe(true);
  expect((await dctx('ingest-errors', '--source', source, '--errors')).stdout.trim()).toBe('no ingest errors');
  expect((await dctx('ingest-errors', '--warnings', '--errors')).stderr).toContain('--warnings and --errors exclude each other');
});
