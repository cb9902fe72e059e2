import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
let dataDir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dctx-cli-args-'));
  // Never created: every command below must refuse before it opens the store.
  dataDir = join(dir, 'data');
  await writeFile(join(dir, 'broken.json'), '{\n  "source": "s",\n  "mode": "full",,\n}');
  await writeFile(join(dir, 'events.json'), '[]');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

function dctx(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/cli.ts', ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', DCTX_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env }, timeout: 90_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** [what is wrong, the arguments, what stderr must say]. */
const CASES: [string, string[], string][] = [
  // Numbers and versions (before: `--since abc` printed PostgreSQL's "invalid input syntax for type bigint").
  ['a version that is not a number', ['changes', '--since', 'abc'], "error: option '--since <version>' argument 'abc' is invalid. expected a graph version (an integer, 0 or more)."],
  ['a version with a fraction', ['changes', '--since', '1.5'], "option '--since <version>' argument '1.5' is invalid"],
  ['a negative limit', ['changes', '--limit', '-3'], "error: option '--limit <n>' argument '-3' is invalid. expected a positive integer."],
  ['a port out of range', ['serve', '--port', '99999'], "error: option '--port <port>' argument '99999' is invalid. expected a port number from 0 to 65535."],
  // Times.
  ['an --as-of on February 30', ['lineage', 'asset:a/b', '--as-of', '2021-02-30T00:00:00Z'], "option '--as-of <version|time>' argument '2021-02-30T00:00:00Z' is invalid. expected a graph version or an RFC 3339 time (2026-11-01T10:00:00Z) or a date (2026-11-01): \"2021-02-30T00:00:00Z\": 2021-02 has no day 30."],
  ['a --to on April 31', ['impact', 'asset:a/b', '--to', '2021-04-31'], "option '--to <time>' argument '2021-04-31' is invalid. expected an RFC 3339 time (2026-11-01T10:00:00Z) or a date (2026-11-01): \"2021-04-31\": 2021-04 has no day 31."],
  // Enumerations.
  ['an unknown impact mode', ['impact', 'asset:a/b', '--mode', 'DROP'], "error: option '--mode <mode>' argument 'DROP' is invalid. Allowed choices are DELETE, CUTOFF, SCHEMA_CHANGE."],
  ['an unknown node kind', ['lineage', 'asset:a/b', '--kinds', 'TABLE,SPREADSHEET'], "option '--kinds <kinds>' argument 'TABLE,SPREADSHEET' is invalid. unknown kind SPREADSHEET; expected some of TABLE"],
  // Identities.
  ['a blank namespace', ['ingest', 'sql', ROOT, '--dialect', 'hive', '--namespace', '  '], "error: option '--namespace <ns>' argument '  ' is invalid. must not be empty."],
  // Files.
  ['a changeset file that does not exist', ['apply', '/nonexistent/cs.json'], "error: command-argument value '/nonexistent/cs.json' is invalid for argument 'changeset.json'. no such file: /nonexistent/cs.json."],
  ['a directory where a file is expected', ['ingest', 'dbt', ROOT, '--namespace', 'x'], `argument 'manifest'. ${ROOT} is a directory; expected a file.`],
  ['a file where a directory is expected', ['ingest', 'risk', join(ROOT, 'package.json')], `argument 'dir'. ${join(ROOT, 'package.json')} is not a directory.`],
];

// Each case is a process of its own that touches no store: they run side by side.
it.concurrent.each(CASES)('refuses %s before opening the store: exit 1, the option named, no stack or SQL', { timeout: 120_000 }, async (_what, args, message) => {
  const result = await dctx(args);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(message);
  expect(result.stderr).not.toMatch(/\n\s+at |SQLSTATE|syntax for type|ENOENT/);
  expect(existsSync(dataDir)).toBe(false);
});

it('refuses a changeset file that is not JSON, naming its line and column', { timeout: 120_000 }, async () => {
  const result = await dctx(['apply', join(dir, 'broken.json')]);
  expect(result.code).toBe(1);
  // The second comma of line 3.
  expect(result.stderr).toBe(`${join(dir, 'broken.json')}:3:18: not valid JSON\n`);
});

it('refuses a malformed database URL without repeating it (it may hold a password)', { timeout: 120_000 }, async () => {
  const flag = await dctx(['--database-url', 'postgres//admin:hunter2@db', 'changes']);
  expect(flag.code).toBe(1);
  expect(flag.stderr).toBe("error: option '--database-url <url> (or DATABASE_URL)' argument (not shown) is invalid. expected a PostgreSQL URL such as postgres://user:password@host:5432/database.\n");
  const env = await dctx(['changes'], { DATABASE_URL: 'mysql://admin:hunter2@db/x' });
  expect(env.code).toBe(1);
  expect(env.stderr).toContain('expected a postgres:// or postgresql:// URL, got a mysql:// URL.');
  expect(flag.stderr + env.stderr).not.toContain('hunter2');
});
