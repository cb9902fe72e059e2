import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServeProcess } from '../support/dctxServe.js';
import { terminateFeedConnections } from '../support/feedConnections.js';
import { startThrowawayPostgres, throwawayPostgresUnavailable, type ThrowawayPostgres } from '../support/throwawayPostgres.js';
import { waitUntil } from '../support/waitUntil.js';

const unavailable = throwawayPostgresUnavailable();

interface Readiness {
  status: string;
  feed: string;
  indexVersion: number;
  reasons?: string[];
}

async function readyz(server: ServeProcess): Promise<{ status: number; body: Readiness }> {
  const res = await fetch(`${server.base}/readyz`);
  return { status: res.status, body: (await res.json()) as Readiness };
}

/** One OpenLineage event through a server's ingest endpoint: a new job writing a new dataset, so a new graph version. */
async function ingest(server: ServeProcess): Promise<{ status: number; version: number }> {
  const name = `feed_${randomUUID().slice(0, 8)}`;
  const event = {
    eventType: 'COMPLETE',
    eventTime: new Date().toISOString(),
    run: { runId: randomUUID() },
    job: { namespace: 'feed.jobs', name },
    inputs: [],
    outputs: [{ namespace: 'postgres://warehouse:5432', name: `risk.${name}` }],
    producer: 'https://example.com/feed-test',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/definitions/RunEvent',
  };
  const res = await fetch(`${server.base}/api/v1/lineage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
  const body = (await res.json()) as { version: number };
  return { status: res.status, version: body.version };
}

/** Both servers answer ready, and from an index at `version` or later. */
async function bothCaughtUp(servers: ServeProcess[], version: number): Promise<void> {
  for (const server of servers) {
    await waitUntil(`the server on port ${server.port} ready at version ${version}`, async () => {
      const { status, body } = await readyz(server);
      return status === 200 && body.indexVersion >= version;
    });
  }
}

async function metric(server: ServeProcess, name: string): Promise<number> {
  const text = await (await fetch(`${server.base}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
}

const logLines = (server: ServeProcess, message: string) => server.output.join('').split('\n').filter((line) => line.includes(message)).length;

// Two servers share a PostgreSQL that the test owns, so it may cut their connections and restart it.
describe.skipIf(unavailable !== null)(`the change feed of two server processes across a lost connection and PostgreSQL restarts${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let postgres: ThrowawayPostgres;
  const servers: ServeProcess[] = [];

  beforeAll(async () => {
    postgres = await startThrowawayPostgres();
    // One process each (no young-generation child) and info logs, to count the feed's log lines.
    for (let i = 0; i < 2; i++) servers.push(await startServe(postgres.url, { DCTX_YOUNG_GENERATION_MIB: '0', LOG_LEVEL: 'info' }));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await postgres?.dispose();
  });

  it('after pg_terminate_backend of the LISTEN connections, a commit through one server reaches the other', async () => {
    const [a, b] = servers as [ServeProcess, ServeProcess];
    const cut = Date.now();
    expect(await terminateFeedConnections(postgres.url)).toBe(2);
    const committed = await ingest(a);
    expect(committed.status).toBe(201);
    await bothCaughtUp([b, a], committed.version);
    console.log(`after pg_terminate_backend: a commit through one server seen by both, ready, ${Date.now() - cut} ms after the cut`);
    for (const server of servers) {
      await waitUntil('the feed is connected again', async () => (await metric(server, 'dctx_change_feed_connected')) === 1);
      expect(await metric(server, 'dctx_change_feed_reconnects_total')).toBeGreaterThanOrEqual(1);
    }
    // And they listen again: the next commit, through the other server, arrives as it happens.
    const next = await ingest(b);
    expect(next.status).toBe(201);
    await bothCaughtUp([a, b], next.version);
  });

  it('while PostgreSQL is down /readyz answers 503 and /healthz 200; after it is back, ingest succeeds and each server sees the other\'s commits', async () => {
    const [a, b] = servers as [ServeProcess, ServeProcess];
    await postgres.stop();
    try {
      for (const server of servers) {
        await waitUntil('/readyz answers 503', async () => (await readyz(server)).status === 503);
        const { body } = await readyz(server);
        expect(body.feed).toBe('down');
        expect(body.reasons).toContain('the database does not answer');
        expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
      }
      // Long enough for several failed reconnect attempts (100 ms, 200 ms, 400 ms, ...).
      await new Promise((resolve) => setTimeout(resolve, 2000));
    } finally {
      await postgres.start();
    }
    const started = Date.now();
    await bothCaughtUp(servers, 0);
    const readyAfterStart = Date.now() - started;
    // The pools dropped the connections the restart closed: the first writes after it succeed.
    const throughA = await ingest(a);
    expect(throughA.status).toBe(201);
    await bothCaughtUp([b, a], throughA.version);
    const throughB = await ingest(b);
    expect(throughB.status).toBe(201);
    await bothCaughtUp([a, b], throughB.version);

    // pg_ctl restart -m fast, and a commit at once, while the other server may still be reconnecting.
    await postgres.restart();
    const restarted = Date.now();
    const afterRestart = await ingest(a);
    expect(afterRestart.status).toBe(201);
    await bothCaughtUp([b, a], afterRestart.version);
    console.log(`both servers ready ${readyAfterStart} ms after PostgreSQL started again; after pg_ctl restart, a commit seen by both, ready, in ${Date.now() - restarted} ms`);

    for (const server of servers) {
      // Each loss and each recovery logged once; failed attempts only the first few times.
      // (At least the test's three losses: a loaded machine may add one.)
      const lost = logLines(server, 'change feed connection lost');
      expect(lost).toBeGreaterThanOrEqual(3);
      expect(logLines(server, 'change feed connection restored')).toBe(lost);
      expect(logLines(server, 'change feed reconnect failed')).toBeLessThanOrEqual(3 * lost);
      expect(await metric(server, 'dctx_change_feed_reconnects_total')).toBe(lost);
    }
  }, 120_000);
});
