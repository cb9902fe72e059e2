import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeId } from '../../graph-model/ids.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { DECISION_PATH } from '../../server/http/routes/decision.js';
import { startServe, type ServeProcess } from '../support/dctxServe.js';
import { createTestDatabase, type TestDatabase } from '../support/engines.js';
import { fraudPlatform, RULES } from './riskChangeset.js';

const RULE_ID = nodeId('ASSET', RULES, 'card_burst');
const VISIBLE_WITHIN_MS = 1000;

/** Polls a server's decision endpoint until `accept` holds; the milliseconds it took. */
async function visibleAfter(port: number, accept: (status: number, body: any) => boolean, started: number): Promise<number> {
  for (;;) {
    const res = await fetch(`http://127.0.0.1:${port}${DECISION_PATH}?id=${RULE_ID}`);
    const body = await res.json();
    if (accept(res.status, body)) return Date.now() - started;
    if (Date.now() - started > 10_000) throw new Error(`not visible on port ${port} within 10 s: ${res.status} ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// Two processes share one PostgreSQL: commits reach the other process through LISTEN/NOTIFY.
describe.skipIf(!process.env.DATABASE_URL)('decision time across two server processes [postgres]', () => {
  let database: TestDatabase;
  let store: GraphStore;
  const servers: ServeProcess[] = [];
  const ports: number[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    store = await database.open();
    await store.apply(fraudPlatform());
    for (let i = 0; i < 2; i++) {
      const server = await startServe(database.databaseUrl!);
      servers.push(server);
      ports.push(server.port);
    }
  }, 150_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.dispose();
  });

  it(`shows a commit made by another process on both servers within ${VISIBLE_WITHIN_MS} ms, a retirement too`, async () => {
    const before = await store.currentVersion();
    for (const port of ports) expect(await visibleAfter(port, (status, body) => status === 200 && body.version === before, Date.now())).toBeLessThan(VISIBLE_WITHIN_MS);

    const added = (await store.apply(fraudPlatform('card_decline_1h'))).version;
    let started = Date.now();
    const hasNewFeature = (status: number, body: any) => status === 200 && body.version === added && body.direct.some((f: { name: string }) => f.name === 'card_decline_1h');
    const addedAfter = await Promise.all(ports.map((port) => visibleAfter(port, hasNewFeature, started)));
    for (const ms of addedAfter) expect(ms).toBeLessThan(VISIBLE_WITHIN_MS);

    // A full sync of the catalog without the rule retires it.
    const platform = fraudPlatform('card_decline_1h');
    const retired = {
      ...platform,
      assets: platform.assets!.filter((a) => a.name !== 'card_burst'),
      computations: platform.computations!.filter((c) => c.name !== 'card_burst.evaluation'),
      edges: platform.edges!.filter((e) => e.from.name !== 'card_burst.evaluation' && e.to.name !== 'card_burst.evaluation'),
    };
    const gone = (await store.apply(retired)).version;
    started = Date.now();
    const notFound = (status: number, body: any) => status === 404 && body.error.version === gone;
    const goneAfter = await Promise.all(ports.map((port) => visibleAfter(port, notFound, started)));
    for (const ms of goneAfter) expect(ms).toBeLessThan(VISIBLE_WITHIN_MS);
    console.log(`decision endpoint: commit visible after ${addedAfter.join(', ')} ms, retirement after ${goneAfter.join(', ')} ms`);
  }, 60_000);
});
