import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import type { IndexAdvance } from '../../graph-model/index/indexAdvance.js';
import type { FeedStatus } from '../../graph-model/store/changeFeed.js';
import { GraphStore, type StoreConfig } from '../../graph-model/store/graphStore.js';
import { LISTENER_APPLICATION_NAME } from '../../graph-model/store/pgListener.js';
import { createService } from '../../server/http/createServer.js';
import { indexSnapshot, storeSnapshot } from '../index/indexSnapshot.js';
import { pipeline, table } from '../support/builders.js';
import { createTestDatabase, type TestDatabase } from '../support/engines.js';
import { terminateFeedConnections } from '../support/feedConnections.js';
import { startDelayProxy } from '../support/delayProxy.js';
import { startTcpProxy } from '../support/tcpProxy.js';
import { waitUntil } from '../support/waitUntil.js';

const delta = (name: string) => ({ source: 'test:feed', mode: 'delta' as const, assets: [table(name)] });

/** The catch-ups an index made: each starts where the one before ended, so no version is skipped or applied twice. */
function expectContiguous(advances: IndexAdvance[], from: number, to: number): void {
  expect(advances.length).toBeGreaterThan(0);
  expect(advances[0]!.since).toBe(from);
  for (let i = 1; i < advances.length; i++) expect(advances[i]!.since).toBe(advances[i - 1]!.upTo);
  expect(advances.at(-1)!.upTo).toBe(to);
}

/** A statement on the server's maintenance database, outside the test's own. */
async function admin<T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

// A lost LISTEN connection (what a restart or failover does to it) is found, reconnected, and
// what was committed meanwhile is read from the changeset log.
describe.skipIf(!process.env.DATABASE_URL)('change feed after its connection is lost [postgres]', () => {
  let database: TestDatabase;
  let writer: GraphStore;
  const opened: { close(): unknown }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    writer = await database.open();
  });
  afterAll(async () => {
    for (const item of opened.reverse()) await item.close();
    await database?.dispose();
  });

  async function reader(feed: StoreConfig['feed']): Promise<{ store: GraphStore; index: GraphIndex; statuses: FeedStatus[]; advances: IndexAdvance[] }> {
    const store = await GraphStore.open({ databaseUrl: database.databaseUrl, feed });
    opened.push(store);
    const statuses: FeedStatus[] = [];
    store.feed.onStatus((status) => statuses.push(status));
    const index = await GraphIndex.load(store);
    opened.push(index);
    const advances: IndexAdvance[] = [];
    index.onAdvance((advance) => advances.push(advance));
    return { store, index, statuses, advances };
  }

  it('reconnects and catches up from the changeset log on what it missed, each version applied once, in order', async () => {
    // No poll while down within this test: the catch-up on reconnect alone must bring the versions.
    const { store, index, statuses, advances } = await reader({ listener: { retryMinMs: 1500, retryMaxMs: 1500 }, pollIntervalMs: 600_000 });
    const loadedAt = index.version;
    const v1 = (await writer.apply(delta('before_loss'))).version;
    await index.waitFor(v1);

    expect(await terminateFeedConnections(database.databaseUrl!)).toBeGreaterThanOrEqual(2);
    await waitUntil('the reader notices the lost connection', () => store.feed.connected === false);
    const v2 = (await writer.apply(delta('while_down_1'))).version;
    const v3 = (await writer.apply(pipeline())).version;
    // Committed while the reader could not be told: nothing has brought them to it yet.
    expect(store.feed.connected).toBe(false);
    expect(index.version).toBe(v1);

    await waitUntil(`the reader's index reaches version ${v3}`, () => index.version === v3);
    expect(store.feed.connected).toBe(true);
    expect(store.feed.reconnects).toBe(1);
    expect(statuses.map((s) => s.state)).toEqual(['lost', 'restored']);
    expectContiguous(advances, loadedAt, v3);
    for (let at = 0; at <= v3; at++) expect(indexSnapshot(index, at)).toEqual(await storeSnapshot(store, at));

    // And the feed listens again: the next commit arrives by NOTIFY.
    const v4 = (await writer.apply(delta('after_recovery'))).version;
    await waitUntil(`the reader's index reaches version ${v4}`, () => index.version === v4);
    expectContiguous(advances, loadedAt, v4);
    expect(v2).toBe(v1 + 1);
  });

  it('reads the changeset log while it cannot listen again, and listens again once it can', async () => {
    const { store, index, statuses } = await reader({ listener: { retryMinMs: 200, retryMaxMs: 400 }, pollIntervalMs: 100 });
    const name = new URL(database.databaseUrl!).pathname.slice(1);
    // New connections are refused while those open stay (the pools' idle ones: the writer's is made fresh here).
    await writer.apply(delta('warm'));
    await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    try {
      expect(await terminateFeedConnections(database.databaseUrl!)).toBeGreaterThanOrEqual(1);
      await waitUntil('the reader notices the lost connection', () => store.feed.connected === false);
      const version = (await writer.apply(delta('polled'))).version;
      await waitUntil(`the reader's index reaches version ${version} from the changeset log`, () => index.version === version);
      expect(store.feed.connected).toBe(false);
      await waitUntil('a reconnect attempt fails', () => statuses.some((s) => s.state === 'retryFailed'));
    } finally {
      await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    }
    await waitUntil('the reader listens again', () => store.feed.connected);
  });

  it('listens again as soon as the changeset log can be read, not after the rest of a long backoff', async () => {
    // The backoff alone would wait 30 s to a minute before its first attempt.
    const { store } = await reader({ listener: { retryMinMs: 60_000, retryMaxMs: 60_000 }, pollIntervalMs: 100 });
    expect(await terminateFeedConnections(database.databaseUrl!)).toBeGreaterThanOrEqual(1);
    await waitUntil('the reader notices the lost connection', () => store.feed.connected === false);
    await waitUntil('the reader listens again', () => store.feed.connected, 10_000);
    expect(store.feed.reconnects).toBe(1);
  });

  it('notices a connection gone silent (no FIN, no RST) by its liveness check, and listens again', async () => {
    const target = new URL(database.databaseUrl!);
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    opened.push(proxy);
    const store = await GraphStore.open({
      databaseUrl: proxy.url(database.databaseUrl!),
      feed: { listener: { pingIntervalMs: 200, pingTimeoutMs: 1000 }, pollIntervalMs: 600_000 },
    });
    opened.push(store);
    const statuses: FeedStatus[] = [];
    store.feed.onStatus((status) => statuses.push(status));
    const index = await GraphIndex.load(store);
    opened.push(index);

    const feedPorts = await admin<{ client_port: number }>(
      'SELECT client_port FROM pg_stat_activity WHERE datname = $1 AND application_name = $2 AND client_port = ANY($3::int[])',
      [target.pathname.slice(1), LISTENER_APPLICATION_NAME, proxy.upstreamPorts()],
    );
    expect(feedPorts).toHaveLength(1);
    proxy.silence(feedPorts.map((row) => row.client_port));
    const version = (await writer.apply(delta('unheard'))).version;

    await waitUntil('the silent connection is found lost', () => statuses.some((s) => s.state === 'lost'));
    expect((statuses[0] as { error: Error }).error.message).toMatch(/^liveness check failed/);
    await waitUntil(`the index reaches version ${version}`, () => index.version === version);
    expect(store.feed.connected).toBe(true);
  });

  it('does not take a live connection for a dead one when this process was too busy to read its answer in time', async () => {
    // 150 ms each way: a liveness check is in flight most of the time, and answered within its 1 s.
    const target = new URL(database.databaseUrl!);
    const proxy = await startDelayProxy(target.hostname, Number(target.port || 5432), 150);
    opened.push(proxy);
    const slow = new URL(database.databaseUrl!);
    slow.hostname = '127.0.0.1';
    slow.port = String(proxy.port);
    const store = await GraphStore.open({ databaseUrl: slow.toString(), feed: { listener: { pingIntervalMs: 20, pingTimeoutMs: 1000 } } });
    opened.push(store);
    const statuses: FeedStatus[] = [];
    store.feed.onStatus((status) => statuses.push(status));
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100 + i * 37));
      // Synchronous work longer than the timeout, as a large catch-up or the index's first load does.
      const until = Date.now() + 1300;
      while (Date.now() < until);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(statuses).toEqual([]);
    expect(store.feed.connected).toBe(true);
  });

  it('/readyz answers 503 naming the feed while it is down, 200 again after it is back; /metrics shows it', async () => {
    // Down for 2 to 4 s: the first reconnect attempt's wait, with no poll to cut it short.
    const { store, index } = await reader({ listener: { retryMinMs: 4000, retryMaxMs: 4000 }, pollIntervalMs: 600_000 });
    const { server } = createService({ store, index, maxIndexLag: 0 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    opened.push({ close: () => new Promise((resolve) => server.close(resolve)) });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const metric = async (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(await (await fetch(`${base}/metrics`)).text())?.[1]);

    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect(await metric('dctx_change_feed_connected')).toBe(1);

    expect(await terminateFeedConnections(database.databaseUrl!)).toBeGreaterThanOrEqual(1);
    await waitUntil('the reader notices the lost connection', () => store.feed.connected === false);
    const down = await fetch(`${base}/readyz`);
    expect(down.status).toBe(503);
    const body = (await down.json()) as { status: string; feed: string; reasons: string[] };
    expect(body.status).toBe('not ready');
    expect(body.feed).toBe('down');
    expect(body.reasons.join('; ')).toMatch(/change feed is down/);
    expect(await metric('dctx_change_feed_connected')).toBe(0);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    await waitUntil('/readyz answers 200 again', async () => (await fetch(`${base}/readyz`)).status === 200);
    expect(await metric('dctx_change_feed_connected')).toBe(1);
    expect(await metric('dctx_change_feed_reconnects_total')).toBe(1);
  });
});
