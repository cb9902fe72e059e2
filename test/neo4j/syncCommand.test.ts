import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../support/freePort.js';
import { describeWithNeo4j, useNeo4j } from '../support/neo4jSuite.js';
import { fourVersions } from './platform.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describeWithNeo4j('dctx neo4j sync', () => {
  const neo4j = useNeo4j();
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dctx-neo4j-cli-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  function dctx(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'server/cli.ts', ...args],
        { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', DCTX_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent', NEO4J_URL: '', ...env }, timeout: 120_000 },
        (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
    });
  }

  it('catches up and exits: every version once, nothing the second time, all again with --rebuild', { timeout: 600_000 }, async () => {
    const changesets = fourVersions();
    for (const [i, changeset] of changesets.entries()) {
      const file = join(dir, `v${i + 1}.json`);
      await writeFile(file, JSON.stringify(changeset));
      expect((await dctx({}, 'apply', file)).code).toBe(0);
    }
    const env = { NEO4J_URL: neo4j.server().url, NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 'not-checked-by-the-test-server' };

    const upTo2 = await dctx(env, '--json', 'neo4j', 'sync', '--up-to', '2');
    expect(upTo2.stderr).toBe('');
    expect(JSON.parse(upTo2.stdout)).toMatchObject({ from: 0, version: 2, versions: [1, 2] });

    const rest = await dctx(env, 'neo4j', 'sync');
    expect(rest.code).toBe(0);
    expect(rest.stdout).toMatch(new RegExp(`^projected 2 versions \\(3\\.\\.4, \\d+ rows\\) into bolt://127\\.0\\.0\\.1:${neo4j.server().port}; it is at graph version 4\\n$`));
    expect(rest.stdout).not.toContain('not-checked');

    const again = await dctx(env, '--json', 'neo4j', 'sync');
    expect(JSON.parse(again.stdout)).toEqual({ from: 4, version: 4, versions: [], rows: 0 });

    const rebuilt = await dctx(env, '--json', 'neo4j', 'sync', '--rebuild');
    expect(JSON.parse(rebuilt.stdout)).toMatchObject({ from: 0, version: 4, versions: [1, 2, 3, 4] });
    const { records } = await neo4j.driver().executeQuery('MATCH (n:Asset) RETURN count(n) AS n');
    expect(records[0]!.get('n')).toBe(4);
  });

  it('refuses without NEO4J_URL, and gives up on a Neo4j that does not answer after its attempts', { timeout: 600_000 }, async () => {
    const unset = await dctx({}, 'neo4j', 'sync');
    expect(unset.code).toBe(1);
    expect(unset.stderr).toContain('NEO4J_URL is not set');

    const wrong = await dctx({ NEO4J_URL: 'http://127.0.0.1:7474' }, 'neo4j', 'sync');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('NEO4J_URL must be a bolt:// or neo4j:// URL');

    const nobody = await freePort();
    const down = await dctx({ NEO4J_URL: `bolt://127.0.0.1:${nobody}`, NEO4J_PASSWORD: 's3cret' }, 'neo4j', 'sync', '--attempts', '2');
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(`projecting into bolt://127.0.0.1:${nobody} failed after 2 attempts`);
    expect(down.stderr).not.toContain('s3cret');
  });
});
