/**
 * Is a before/after difference in the store bench's edge reads real? (issue 20: "no figure more
 * than 10% worse" on a machine other work loads.) Separate bench processes minutes apart see
 * different load; this one process reads with both checkouts' code, interleaved read by read, so
 * whatever loads the machine weighs on both alike.
 *
 *   npx tsx bench/readsBeforeAfter.ts <before checkout> <after checkout> [rounds]
 *
 * Each checkout writes the store bench's sequence (bench/storeBench.ts: 100k nodes, past 1M edges,
 * a full re-sync) into a database of its own, kept for reuse (`BENCH_REUSE=1` skips the writing),
 * so both what the read code does and what the write path left on disk are compared: each
 * checkout's `readEdges` on each database, four readers, their order rotated every read. Needs
 * DATABASE_URL; prints per-reader percentiles and the after/before ratios.
 */
import { resolve } from 'node:path';
import pg from 'pg';
import { seededRandom, summarize } from './stats.js';

type Side = 'before' | 'after';
const SIDES: Side[] = ['before', 'after'];
// The store bench's size; smaller (BENCH_STORE_NODES) only to try the script out.
const NODES = Number(process.env.BENCH_STORE_NODES ?? 100_000);

const [beforeDir, afterDir, roundsArg] = process.argv.slice(2);
if (!beforeDir || !afterDir || !process.env.DATABASE_URL) {
  console.error('usage: DATABASE_URL=... npx tsx bench/readsBeforeAfter.ts <before checkout> <after checkout> [rounds]');
  process.exit(2);
}
const dirs: Record<Side, string> = { before: resolve(beforeDir), after: resolve(afterDir) };
const rounds = Number(roundsArg ?? 5);
const dbName = (side: Side) => `bench20_reads_${side}`;
const urlOf = (name: string) => {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
};

/** The store bench's writes with one checkout's code, into a database of its own. */
async function fill(side: Side): Promise<void> {
  const { bigChangeset } = await import(`${dirs[side]}/bench/storeBench.ts`);
  const { GraphStore } = await import(`${dirs[side]}/graph-model/store/graphStore.ts`);
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName(side)} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName(side)}`);
  await admin.end();
  const store = await GraphStore.open({ databaseUrl: urlOf(dbName(side)) });
  const start = performance.now();
  const first = bigChangeset('src0', NODES, 1);
  await store.apply(first);
  await store.apply(first);
  let edges = first.edges.length;
  for (let s = 1; edges < NODES * 10; s++) {
    const cs = bigChangeset(`src${s}`, NODES, 1 + s);
    edges += cs.edges.length;
    await store.apply(cs);
  }
  await store.apply(bigChangeset('src0', NODES, 99));
  await store.db.exec('VACUUM ANALYZE');
  await store.db.exec('CHECKPOINT');
  console.log(`${side}: wrote ${dbName(side)} in ${Math.round(performance.now() - start)} ms`);
  await store.close();
}

interface Reader {
  name: string;
  code: Side;
  data: Side;
  read(id: string, version: number): Promise<unknown[]>;
  close(): Promise<void>;
}

/** One checkout's pool and `readEdges` on one database; no migration (the other checkout may not know its migrations). */
async function reader(code: Side, data: Side): Promise<Reader> {
  const { createPostgresDb } = await import(`${dirs[code]}/graph-model/store/postgres-db.ts`);
  const { readEdges } = await import(`${dirs[code]}/graph-model/store/operations/readFacts.ts`);
  const db = createPostgresDb({ connectionString: urlOf(dbName(data)) });
  return { name: `${code} code on ${data} data`, code, data, read: (id, version) => readEdges(db, id, version), close: () => db.close() };
}

if (process.env.BENCH_REUSE !== '1') for (const side of SIDES) await fill(side);

const readers: Reader[] = [];
for (const code of SIDES) for (const data of SIDES) readers.push(await reader(code, data));
// Both databases hold the same graph at the same versions: the bench's latest and its old asOf.
const versions = new pg.Client({ connectionString: urlOf(dbName('after')) });
await versions.connect();
const latest = Number((await versions.query('SELECT max(version) AS v FROM changeset')).rows[0].v);
await versions.end();
const oldVersion = latest - 1;

const random = seededRandom(7);
const ids = Array.from({ length: 2000 }, () => {
  const c = Math.floor(random() * NODES * 0.4);
  return { type: 'COMPUTATION', namespace: 'bench.jobs', name: `src0.job_${c}` };
});
const hubs = Array.from({ length: 200 }, (_, i) => ({ type: 'ASSET', namespace: 'hive://bench', name: `src0.db.table_${i}` }));
const { nodeId } = await import(`${dirs.after}/graph-model/ids.ts`);
const idOf = (ref: { type: string; namespace: string; name: string }): string => nodeId(ref.type, ref.namespace, ref.name);
const nodeIds = ids.map(idOf);
const hubIds = hubs.map(idOf);

const timings = new Map(readers.map((r) => [r.name, { latest: [] as number[], old: [] as number[], hubs: [] as number[] }]));
const counts = new Map(readers.map((r) => [r.name, 0]));
// Every reader reads every sampled node once at both versions before anything is timed.
for (const id of [...nodeIds, ...hubIds]) for (const r of readers) for (const v of [latest, oldVersion]) await r.read(id, v);
let turn = 0;
for (let round = 0; round < rounds; round++) {
  for (const id of nodeIds) {
    for (const [version, key] of [
      [latest, 'latest'],
      [oldVersion, 'old'],
    ] as const) {
      turn++;
      for (let k = 0; k < readers.length; k++) {
        const r = readers[(turn + k) % readers.length]!;
        const start = performance.now();
        const rows = await r.read(id, version);
        timings.get(r.name)![key].push(performance.now() - start);
        counts.set(r.name, counts.get(r.name)! + rows.length);
      }
    }
  }
  for (const id of hubIds) {
    turn++;
    for (let k = 0; k < readers.length; k++) {
      const r = readers[(turn + k) % readers.length]!;
      const start = performance.now();
      await r.read(id, latest);
      timings.get(r.name)!.hubs.push(performance.now() - start);
    }
  }
}
for (const r of readers) await r.close();

// Every reader must have read the same rows, or the comparison compares different work.
const rowCounts = new Set(counts.values());
if (rowCounts.size !== 1) console.log('readers read different row counts:', Object.fromEntries(counts));

const summary = Object.fromEntries(
  readers.map((r) => {
    const t = timings.get(r.name)!;
    return [r.name, { edgeReadLatestMs: summarize(t.latest), edgeReadOldAsOfMs: summarize(t.old), hubEdgeReadLatestMs: summarize(t.hubs) }];
  }),
);
console.log(JSON.stringify({ latest, oldVersion, rounds, rowsPerReader: [...rowCounts], summary }, null, 1));
type Figure = 'edgeReadLatestMs' | 'edgeReadOldAsOfMs' | 'hubEdgeReadLatestMs';
const ratio = (a: string, b: string, figure: Figure, p: 'p50' | 'p95' | 'p99') =>
  Math.round((summary[a]![figure][p] / summary[b]![figure][p]) * 100) / 100;
for (const figure of ['edgeReadLatestMs', 'edgeReadOldAsOfMs', 'hubEdgeReadLatestMs'] as const) {
  const line = (['p50', 'p95', 'p99'] as const).map((p) => {
    const code = ratio('after code on after data', 'before code on after data', figure, p);
    const data = ratio('after code on after data', 'after code on before data', figure, p);
    const whole = ratio('after code on after data', 'before code on before data', figure, p);
    return `${p}: code ${code}, data ${data}, whole ${whole}`;
  });
  console.log(`${figure} after/before — ${line.join('; ')}`);
}
process.exit(0);
