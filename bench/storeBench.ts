/**
 * Store benchmarks (issue 2): one changeset of 100k nodes and 300k edges, and reading a node's
 * edges at the latest version and at an old asOf with over 1M edges stored.
 */
import { nodeId } from '../graph-model/ids.js';
import type { Changeset } from '../graph-model/model.js';
import { readEdges } from '../graph-model/store/operations/readFacts.js';
import { freshStore } from './freshStore.js';
import { seededRandom, summarize } from './stats.js';

const NODES = Number(process.env.BENCH_STORE_NODES ?? 100_000);
const EDGES_PER_COMPUTATION = 8;

/** A layered graph of `nodes` nodes (60% assets, 40% computations) with 1.5 edges per asset... 3 per node. */
export function bigChangeset(source: string, nodes: number, seed: number): Changeset {
  const random = seededRandom(seed);
  const assets = Math.round(nodes * 0.6);
  const computations = nodes - assets;
  const cs: Changeset = { source, mode: 'full', assets: [], computations: [], edges: [] };
  for (let i = 0; i < assets; i++) {
    cs.assets!.push({
      namespace: 'hive://bench',
      name: `${source}.db.table_${i}`,
      kind: 'TABLE',
      definition: { fields: [{ name: 'id', type: 'bigint' }, { name: 'amount', type: 'double' }, { name: 'ts', type: 'timestamp' }], owners: [{ name: `team-${i % 20}` }] },
    });
  }
  for (let c = 0; c < computations; c++) {
    const name = `${source}.job_${c}`;
    cs.computations!.push({ namespace: 'bench.jobs', name, kind: 'BATCH_JOB', definition: { code: { language: 'sql', text: `insert into t${c} select * from s${c}` } } });
    const seen = new Set<number>();
    for (let e = 0; e < EDGES_PER_COMPUTATION; e++) {
      // Power-law-ish inputs: a few hub tables are read by many jobs.
      const a = e < 5 ? Math.floor(assets * Math.pow(random(), 3)) : Math.floor(random() * assets);
      if (seen.has(a)) continue;
      seen.add(a);
      const asset = { type: 'ASSET' as const, namespace: 'hive://bench', name: `${source}.db.table_${a}` };
      const job = { type: 'COMPUTATION' as const, namespace: 'bench.jobs', name };
      cs.edges!.push(e < 5 ? { from: asset, to: job } : { from: job, to: asset });
    }
  }
  return cs;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: Math.round(performance.now() - start), value };
}

async function benchEngine(engine: 'postgres' | 'pglite') {
  const { store, cleanup } = await freshStore(engine);
  try {
    const first = bigChangeset('src0', NODES, 1);
    const applied = await timed(() => store.apply(first));
    const reapplied = await timed(() => store.apply(first));
    console.log(`[${engine}] apply ${NODES} nodes / ${first.edges!.length} edges: ${applied.ms} ms; identical re-apply ${reapplied.ms} ms`);
    // Grow past 1M edges with more sources, then rewrite a source so old versions differ from new.
    let edges = first.edges!.length;
    for (let s = 1; edges < 1_000_000; s++) {
      const cs = bigChangeset(`src${s}`, NODES, 1 + s);
      edges += cs.edges!.length;
      const r = await timed(() => store.apply(cs));
      console.log(`[${engine}] +${cs.edges!.length} edges (total ${edges}) in ${r.ms} ms`);
    }
    const oldVersion = await store.currentVersion();
    const rewritten = bigChangeset('src0', NODES, 99);
    const rewrite = await timed(() => store.apply(rewritten));
    console.log(`[${engine}] full re-sync of src0 with different edges: ${rewrite.ms} ms`, rewrite.value.stats);
    const latest = await store.currentVersion();
    // Reads are measured on a settled database, as after autovacuum: not during the write burst's aftermath.
    await store.db.exec('VACUUM ANALYZE');
    if (engine === 'postgres') await store.db.exec('CHECKPOINT');
    const random = seededRandom(7);
    const ids = Array.from({ length: 2000 }, () => {
      const c = Math.floor(random() * NODES * 0.4);
      return nodeId('COMPUTATION', 'bench.jobs', `src0.job_${c}`);
    });
    const hubs = Array.from({ length: 200 }, (_, i) => nodeId('ASSET', 'hive://bench', `src0.db.table_${i}`));
    // Steady state: every sampled node is read once at both versions before anything is timed, and
    // the two versions are then measured interleaved, so neither pays for the other's cold pages.
    for (const id of [...ids, ...hubs]) {
      await readEdges(store.db, id, latest);
      await readEdges(store.db, id, oldVersion);
    }
    const timings = { latest: [] as number[], old: [] as number[], hubs: [] as number[] };
    let total = 0;
    for (const id of ids) {
      for (const [version, into] of [
        [latest, timings.latest],
        [oldVersion, timings.old],
      ] as const) {
        const start = performance.now();
        total += (await readEdges(store.db, id, version)).length;
        into.push(performance.now() - start);
      }
    }
    let hubTotal = 0;
    for (const id of hubs) {
      const start = performance.now();
      hubTotal += (await readEdges(store.db, id, latest)).length;
      timings.hubs.push(performance.now() - start);
    }
    const avg = (n: number, of: number) => Math.round((n / of) * 10) / 10;
    const result = {
      engine,
      nodesPerChangeset: NODES,
      edgesInFirstChangeset: first.edges!.length,
      applyMs: applied.ms,
      identicalReapplyMs: reapplied.ms,
      fullResyncMs: rewrite.ms,
      edgesStored: edges + rewrite.value.stats.edgesAdded,
      edgeReadLatestMs: summarize(timings.latest),
      edgeReadOldAsOfMs: summarize(timings.old),
      avgEdgesPerRead: avg(total, ids.length * 2),
      hubEdgeReadLatestMs: summarize(timings.hubs),
      avgEdgesPerHubRead: avg(hubTotal, hubs.length),
    };
    console.log(`[${engine}]`, JSON.stringify(result, null, 1));
    return result;
  } finally {
    await cleanup();
  }
}

export async function runStoreBench(): Promise<Record<string, unknown>> {
  const available: ('postgres' | 'pglite')[] = process.env.DATABASE_URL ? ['postgres', 'pglite'] : ['pglite'];
  // BENCH_ENGINES=postgres (or pglite) runs one engine only.
  const engines = available.filter((e) => !process.env.BENCH_ENGINES || process.env.BENCH_ENGINES.split(',').includes(e));
  if (!process.env.DATABASE_URL) console.log('DATABASE_URL not set: PostgreSQL figures skipped');
  const out: Record<string, unknown> = {};
  for (const engine of engines) out[engine] = await benchEngine(engine);
  return out;
}
