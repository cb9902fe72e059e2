import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { startServe, type ServeProcess } from '../support/dctxServe.js';
import { createTestDatabase, type TestDatabase } from '../support/engines.js';
import { freePort } from '../support/freePort.js';
import { startNeo4j, type Neo4jServer } from '../support/neo4jLauncher.js';
import { neo4jSnapshotAt, storeSnapshotAt } from '../support/neo4jSnapshot.js';
import { describeWithNeo4j, NEO4J_START_TIMEOUT_MS, testDriver } from '../support/neo4jSuite.js';
import { waitUntil } from '../support/waitUntil.js';
import { fourVersions } from './platform.js';

interface Readiness {
  status: string;
  reasons?: string[];
  neo4j?: { version: number | null; lagVersions: number; lagSeconds: number };
}

// `dctx serve` follows commits of other processes through PostgreSQL's NOTIFY: this needs DATABASE_URL.
const withPostgres = process.env.DATABASE_URL ? describeWithNeo4j : (title: string) => it.skip(`${title} (skipped: DATABASE_URL is not set)`, () => {});

withPostgres('the projection inside dctx serve', () => {
  let home: string;
  let port: number;
  let neo4j: Neo4jServer | undefined;
  let database: TestDatabase;
  let store: GraphStore;
  let serve: ServeProcess | undefined;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'dctx-neo4j-home-'));
    port = await freePort();
    neo4j = await startNeo4j({ home, port });
    database = await createTestDatabase('postgres');
    store = await database.open();
  }, NEO4J_START_TIMEOUT_MS);
  afterAll(async () => {
    await serve?.stop();
    await neo4j?.stop();
    await database?.dispose();
    await rm(home, { recursive: true, force: true });
  }, NEO4J_START_TIMEOUT_MS);

  const readyz = async () => {
    const res = await fetch(`${serve!.base}/readyz`);
    return { status: res.status, body: (await res.json()) as Readiness };
  };
  const metric = async (name: string) => {
    const text = await (await fetch(`${serve!.base}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return line === undefined ? undefined : Number(line.split(' ')[1]);
  };

  it('follows the change feed, says it is behind while Neo4j is down, and catches up after a restart without skipping or doubling a version', { timeout: 1_200_000 }, async () => {
    const [v1, v2, v3, v4] = fourVersions();
    serve = await startServe(database.databaseUrl!, { NEO4J_URL: `bolt://127.0.0.1:${port}`, DCTX_MAX_NEO4J_LAG: '0' }, 300_000);
    await store.apply(v1!);
    await store.apply(v2!);
    await waitUntil('Neo4j at version 2', async () => (await readyz()).body.neo4j?.version === 2, 120_000, 200);
    expect(await readyz()).toEqual({ status: 200, body: expect.objectContaining({ status: 'ready', neo4j: { version: 2, lagVersions: 0, lagSeconds: 0 } }) });
    expect(await metric('dctx_neo4j_projection_version')).toBe(2);
    expect(await metric('dctx_neo4j_projection_lag_versions')).toBe(0);

    // Neo4j dies (no clean shutdown); the store goes on committing.
    await neo4j!.kill();
    await store.apply(v3!);
    await store.apply(v4!);
    expect(await store.currentVersion()).toBe(4);
    await waitUntil('/readyz saying the projection is behind', async () => (await readyz()).status === 503, 120_000, 200);
    const behind = await readyz();
    expect(behind.body.neo4j).toMatchObject({ version: 2, lagVersions: 2 });
    expect(behind.body.reasons!.some((r) => r.startsWith('the Neo4j projection is 2 versions behind the store (limit 0)'))).toBe(true);
    expect(await metric('dctx_neo4j_projection_lag_versions')).toBe(2);
    // Seconds since version 3, the oldest it lacks, was announced: growing while Neo4j is down.
    expect(behind.body.neo4j!.lagSeconds).toBeGreaterThan(0);
    const lagSeconds = await metric('dctx_neo4j_projection_lag_seconds');
    expect(lagSeconds).toBeGreaterThanOrEqual(behind.body.neo4j!.lagSeconds);
    await waitUntil('a failed attempt counted', async () => ((await metric('dctx_neo4j_projection_retries_total')) ?? 0) > 0, 120_000, 200);

    // The same Neo4j (its data directory, its port) comes back; the service retries until it answers.
    neo4j = await startNeo4j({ home, port });
    await waitUntil('Neo4j at version 4', async () => (await readyz()).body.neo4j?.version === 4, 300_000, 500);
    expect((await readyz()).status).toBe(200);
    expect(await metric('dctx_neo4j_projection_lag_versions')).toBe(0);
    expect(await metric('dctx_neo4j_projection_lag_seconds')).toBe(0);

    const driver = testDriver(neo4j.url);
    try {
      for (let v = 0; v <= 4; v++) expect(await neo4jSnapshotAt(driver, v)).toEqual(await storeSnapshotAt(store, v));
      const { records } = await driver.executeQuery('MATCH (p:DctxProjection) RETURN p.version AS version');
      expect(records.map((r) => r.get('version'))).toEqual([4]);
    } finally {
      await driver.close();
    }
  });
});
