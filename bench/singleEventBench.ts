/**
 * `npm run bench -- single-events` (issue 21): one OpenLineage event per POST, as the Python client
 * and most schedulers send them, from 32 concurrent connections (budget: at least 1,000 events/s on
 * these 2 cores). `dctx serve` runs as a child process on a fresh PostgreSQL database; autocannon
 * drives it from this process, so the load generator never shares the server's event loop. The
 * events are the ingest benchmark's stream (300 jobs over 600 tables, each run a START then its
 * COMPLETE, with schema facets), so every request is a new event the server commits. Three rounds
 * of BENCH_SINGLE_SECONDS (default 15) after a 3 s warm-up, for the spread.
 */
import autocannon from 'autocannon';
import { freshDatabase } from './apiBench.js';
import { jobIo, runEvents } from './ingestBench.js';
import { loadAverage } from './scale/machineFacts.js';
import { startServeProcess } from './serveProcess.js';

const CONNECTIONS = Number(process.env.BENCH_SINGLE_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_SINGLE_SECONDS ?? 15);
const ROUNDS = Number(process.env.BENCH_SINGLE_ROUNDS ?? 3);

export async function runSingleEventBench(): Promise<Record<string, unknown>> {
  const database = await freshDatabase();
  const server = await startServeProcess({ DATABASE_URL: database.url });
  const io = jobIo();
  let nextRun = 0;
  const pending: string[] = [];
  const nextBody = () => {
    if (pending.length === 0) pending.push(...runEvents(nextRun++, io).map((event) => JSON.stringify(event)));
    return pending.shift()!;
  };
  const round = async (seconds: number) => {
    const result = await autocannon({
      url: `${server.base}/api/v1/lineage`,
      connections: CONNECTIONS,
      duration: seconds,
      requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (request) => ({ ...request, body: nextBody() }) }],
    });
    return {
      seconds,
      eventsPerSecond: Math.round(result['2xx'] / seconds),
      requestsPerSecond: Math.round(result.requests.average),
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
      loadAverage: loadAverage(),
    };
  };
  try {
    await round(3);
    const rounds = [];
    for (let i = 0; i < ROUNDS; i++) {
      const figures = await round(SECONDS);
      console.log(`[single events, ${CONNECTIONS} connections] round ${i + 1}:`, JSON.stringify(figures));
      rounds.push(figures);
    }
    const rates = rounds.map((r) => r.eventsPerSecond).sort((a, b) => a - b);
    return { connections: CONNECTIONS, serverStartupMs: server.startupMs, rounds, eventsPerSecond: { min: rates[0], median: rates[Math.floor(rates.length / 2)], max: rates.at(-1) } };
  } finally {
    await server.stop();
    await database.drop();
  }
}
