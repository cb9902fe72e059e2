/**
 * Ingestion benchmarks (issue 3): OpenLineage batches over HTTP into PostgreSQL (events/s
 * sustained), and SQL scripts through the SQL ingestor into PGlite and PostgreSQL (statements/s).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runIngestor } from '../ingestors/runIngestor.js';
import { sqlIngestor } from '../ingestors/sql/index.js';
import { createServer } from '../server/http/createServer.js';
import { freshStore } from './freshStore.js';
import { seededRandom, summarize } from './stats.js';

const HTTP_SECONDS = Number(process.env.BENCH_INGEST_SECONDS ?? 20);
const EVENTS_PER_REQUEST = Number(process.env.BENCH_INGEST_BATCH ?? 100);
const CONCURRENT_REQUESTS = Number(process.env.BENCH_INGEST_CONCURRENCY ?? 2);
const JOBS = 300;
const DATASETS = 600;
const SQL_FILES = 30;
const SQL_STATEMENTS_PER_FILE = Number(process.env.BENCH_SQL_STATEMENTS_PER_FILE ?? 100);

const PRODUCER = 'https://github.com/OpenLineage/OpenLineage/tree/1.20.0/integration/airflow';
const SCHEMA_URL = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const WAREHOUSE = 'postgres://warehouse:5432';


/** Each job reads 2-3 datasets and writes 1, always the same ones, as scheduled pipelines do. */
export function jobIo(): { inputs: number[]; output: number }[] {
  const random = seededRandom(42);
  return Array.from({ length: JOBS }, (_, j) => {
    const inputs = new Set<number>();
    const count = 2 + Math.floor(random() * 2);
    while (inputs.size < count) inputs.add(Math.floor(random() * DATASETS));
    return { inputs: [...inputs], output: (j * 7 + 1) % DATASETS };
  });
}

function dataset(i: number, withSchema: boolean): Record<string, unknown> {
  const base = { namespace: WAREHOUSE, name: `risk.public.table_${i}` };
  if (!withSchema) return base;
  return {
    ...base,
    facets: {
      schema: {
        _producer: PRODUCER,
        _schemaURL: 'https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json',
        fields: [{ name: 'id', type: 'bigint' }, { name: 'amount', type: 'numeric' }, { name: `f${i % 10}`, type: 'text' }],
      },
    },
  };
}

/** Run `n` as a START event and a COMPLETE event of job n % JOBS, deterministic. */
export function runEvents(n: number, io: { inputs: number[]; output: number }[]): Record<string, unknown>[] {
  const j = n % JOBS;
  const runId = `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  const job = { namespace: 'airflow://risk', name: `dag_${j % 30}.task_${j}` };
  const time = (offsetSeconds: number) => new Date(Date.UTC(2026, 0, 1) + n * 60_000 + offsetSeconds * 1000).toISOString();
  const { inputs, output } = io[j]!;
  const envelope = { producer: PRODUCER, schemaURL: SCHEMA_URL, job, run: { runId } };
  return [
    { ...envelope, eventType: 'START', eventTime: time(0), inputs: inputs.map((i) => dataset(i, true)), outputs: [dataset(output, false)] },
    { ...envelope, eventType: 'COMPLETE', eventTime: time(30), inputs: inputs.map((i) => dataset(i, false)), outputs: [dataset(output, true)] },
  ];
}

/** How clients post: events per request (a JSON array when more than one) and requests in flight. */
interface HttpScenario {
  name: string;
  eventsPerRequest: number;
  concurrentRequests: number;
}

/**
 * Batched requests (what OpenLineage clients and proxies send under load) and single events (one
 * request per event, as a plain client does), measured separately on fresh databases: the server
 * commits a request's events together, and concurrent requests together, so both depend on it.
 */
const HTTP_SCENARIOS: HttpScenario[] = [
  { name: 'batched', eventsPerRequest: EVENTS_PER_REQUEST, concurrentRequests: CONCURRENT_REQUESTS },
  { name: 'single events, concurrent', eventsPerRequest: 1, concurrentRequests: Number(process.env.BENCH_INGEST_SINGLE_CONCURRENCY ?? 16) },
  { name: 'single events, one client', eventsPerRequest: 1, concurrentRequests: 1 },
];

async function httpBench(scenario: HttpScenario): Promise<Record<string, unknown>> {
  const { store, cleanup } = await freshStore('postgres');
  const server = createServer({ store });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/lineage`;
  const io = jobIo();
  // One stream of events (each run's START then its COMPLETE), cut into requests in order.
  let nextRun = 0;
  const buffered: Record<string, unknown>[] = [];
  const nextBody = () => {
    while (buffered.length < scenario.eventsPerRequest) buffered.push(...runEvents(nextRun++, io));
    const events = buffered.splice(0, scenario.eventsPerRequest);
    return JSON.stringify(scenario.eventsPerRequest === 1 ? events[0] : events);
  };
  const latencies: number[] = [];
  let events = 0;
  let failures = 0;
  try {
    const started = performance.now();
    const deadline = started + HTTP_SECONDS * 1000;
    const client = async () => {
      while (performance.now() < deadline) {
        const body = nextBody();
        const t = performance.now();
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const answer = (await res.json()) as { accepted?: number };
        latencies.push(performance.now() - t);
        if (res.status === 201) events += answer.accepted ?? 0;
        else failures++;
      }
    };
    await Promise.all(Array.from({ length: scenario.concurrentRequests }, client));
    const seconds = (performance.now() - started) / 1000;
    const result = {
      engine: 'postgres',
      scenario: scenario.name,
      seconds: Math.round(seconds * 10) / 10,
      eventsPerRequest: scenario.eventsPerRequest,
      concurrentRequests: scenario.concurrentRequests,
      events,
      failedRequests: failures,
      eventsPerSecond: Math.round(events / seconds),
      requestMs: summarize(latencies),
      graphVersion: await store.currentVersion(),
      loadAverage: loadavg().map((load) => Math.round(load * 100) / 100),
    };
    console.log('[http openlineage]', JSON.stringify(result));
    return result;
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await cleanup();
  }
}

/** SQL_FILES scripts of INSERT ... SELECT statements over a layered warehouse, deterministic. */
export function writeSqlScripts(dir: string): number {
  const random = seededRandom(7);
  let statements = 0;
  for (let f = 0; f < SQL_FILES; f++) {
    const lines: string[] = [];
    for (let s = 0; s < SQL_STATEMENTS_PER_FILE; s++) {
      const target = `dw.fact_${f}_${s}`;
      const a = `ods.src_${Math.floor(random() * 500)}`;
      const b = `ods.dim_${Math.floor(random() * 100)}`;
      lines.push(
        `INSERT INTO ${target} SELECT a.id, a.user_id, sum(a.amount) AS amount, max(b.segment) AS segment\n` +
          `FROM ${a} a JOIN ${b} b ON a.user_id = b.user_id\nWHERE a.dt = '2026-01-01' AND a.amount > ${s}\nGROUP BY a.id, a.user_id;`,
      );
      statements++;
    }
    writeFileSync(join(dir, `job_${String(f).padStart(3, '0')}.sql`), lines.join('\n\n') + '\n');
  }
  return statements;
}

/**
 * SQL_FILES Flink SQL jobs: Kafka source tables, then INSERTs over a tumbling-window TVF and a
 * lookup join, through dt-sql-parser's Flink grammar. Deterministic.
 */
export function writeFlinkScripts(dir: string): number {
  let statements = 0;
  for (let f = 0; f < SQL_FILES; f++) {
    const lines: string[] = [];
    for (let s = 0; s < SQL_STATEMENTS_PER_FILE; s++) {
      if (s % 4 === 0) {
        lines.push(
          `CREATE TABLE src_${f}_${s} (card_no STRING, merchant_id STRING, amount DECIMAL(12, 2), ts TIMESTAMP(3), pt AS PROCTIME(), ` +
            `WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'kafka', 'topic' = 'payments_${f}_${s}', 'properties.bootstrap.servers' = 'kafka:9092');`,
        );
      } else if (s % 2 === 0) {
        lines.push(
          `INSERT INTO win_${f}_${s} SELECT card_no, window_start, SUM(amount) AS total, COUNT(*) AS n\n` +
            `FROM TABLE(TUMBLE(TABLE src_${f}_${s - (s % 4)}, DESCRIPTOR(ts), INTERVAL '1' MINUTE))\nGROUP BY card_no, window_start, window_end;`,
        );
      } else {
        lines.push(
          `INSERT INTO enriched_${f}_${s} SELECT p.card_no, p.amount * 1.0 AS amount, m.risk_tier\n` +
            `FROM src_${f}_${s - (s % 4)} AS p JOIN merchants FOR SYSTEM_TIME AS OF p.pt AS m ON p.merchant_id = m.merchant_id\nWHERE p.amount > ${s};`,
        );
      }
      statements++;
    }
    writeFileSync(join(dir, `flink_${String(f).padStart(3, '0')}.sql`), lines.join('\n\n') + '\n');
  }
  return statements;
}

export async function sqlBench(engine: 'postgres' | 'pglite', dir: string, statements: number, dialect = 'hive'): Promise<Record<string, unknown>> {
  const { store, cleanup } = await freshStore(engine);
  try {
    const start = performance.now();
    // The first Flink/Hive/Spark run also loads and warms its ANTLR grammar (a few hundred ms), counted here.
    const report = await runIngestor(store, sqlIngestor, { path: dir, dialect, namespace: `${dialect}://bench` });
    const seconds = (performance.now() - start) / 1000;
    const result = {
      engine,
      dialect,
      statements,
      seconds: Math.round(seconds * 100) / 100,
      statementsPerSecond: Math.round(statements / seconds),
      errors: report.errors.length,
      stats: report.results[0]?.stats,
      loadAverage: loadavg().map((load) => Math.round(load * 100) / 100),
    };
    console.log(`[sql ${engine} ${dialect}]`, JSON.stringify(result));
    return result;
  } finally {
    await cleanup();
  }
}

async function sequentially<T, R>(items: T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await run(item));
  return results;
}

export async function runIngestBench(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  if (process.env.DATABASE_URL) out.httpOpenLineage = await sequentially(HTTP_SCENARIOS, httpBench);
  else console.log('DATABASE_URL not set: the OpenLineage-over-HTTP figures (PostgreSQL) are skipped');

  const dir = mkdtempSync(join(tmpdir(), 'dctx-bench-sql-'));
  mkdirSync(dir, { recursive: true });
  try {
    const statements = writeSqlScripts(dir);
    out.sqlPglite = await sqlBench('pglite', dir, statements);
    if (process.env.DATABASE_URL) out.sqlPostgres = await sqlBench('postgres', dir, statements);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const flinkDir = mkdtempSync(join(tmpdir(), 'dctx-bench-flink-'));
  try {
    const statements = writeFlinkScripts(flinkDir);
    out.flinkSqlPglite = await sqlBench('pglite', flinkDir, statements, 'flink');
    if (process.env.DATABASE_URL) out.flinkSqlPostgres = await sqlBench('postgres', flinkDir, statements, 'flink');
  } finally {
    rmSync(flinkDir, { recursive: true, force: true });
  }
  return out;
}
