/**
 * `npm run bench -- quality-causes`: what the quality source costs an alert evaluation as the
 * result history grows. 500 checks on 100 tables, each with `history` results (the latest of a
 * tenth failing); then, per size, the p50 of 20 evaluations after a changeset touching one
 * unrelated node: a full read (every check's latest, as each evaluation did before) against the
 * source that follows what changed (graph-model/alerts/qualityCauseSource.ts). PostgreSQL when
 * DATABASE_URL is set, else PGlite.
 */
import { QualityCauseSource } from '../graph-model/alerts/qualityCauseSource.js';
import { nodeId } from '../graph-model/ids.js';
import type { Changeset } from '../graph-model/model.js';
import type { QualityResultInput } from '../graph-model/store/operations/recordQualityResults.js';
import { freshStore } from './freshStore.js';
import { summarize } from './stats.js';

const NS = 'hive://warehouse';
const TABLES = 100;
const CHECKS_PER_TABLE = 5;
const HISTORIES = [1, 10, 100];
const BASE = Date.parse('2026-11-01T00:00:00Z');

export async function runQualityCausesBench(): Promise<Record<string, unknown>> {
  const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  const out: Record<string, unknown> = { engine };
  for (const history of HISTORIES) {
    const fresh = await freshStore(engine);
    try {
      const { store } = fresh;
      await store.apply({ source: 'bench:tables', mode: 'full', assets: Array.from({ length: TABLES }, (_, t) => ({ namespace: NS, name: `t${t}`, kind: 'TABLE' })) } as Changeset);
      const results: QualityResultInput[] = [];
      for (let t = 0; t < TABLES; t++)
        for (let c = 0; c < CHECKS_PER_TABLE; c++)
          for (let h = 0; h < history; h++) {
            const latest = h === history - 1;
            results.push({ nodeId: nodeId('ASSET', NS, `t${t}`), check: `check_${c}`, observedAt: new Date(BASE + h * 3_600_000).toISOString(), outcome: latest && (t * CHECKS_PER_TABLE + c) % 10 === 0 ? 'fail' : 'pass' });
          }
      for (let i = 0; i < results.length; i += 5_000) await store.recordQualityResults('bench:checker', results.slice(i, i + 5_000));
      const now = new Date(BASE + history * 3_600_000).toISOString();
      const followed = new QualityCauseSource(store);
      await followed.openCauses({ now, graph: { version: await store.currentVersion(), touched: new Set() } });
      const fullMs: number[] = [];
      const followedMs: number[] = [];
      let causes = 0;
      for (let i = 0; i < 20; i++) {
        const applied = await store.apply({ source: 'bench:jobs', mode: 'delta', computations: [{ namespace: 'airflow', name: `job_${i}`, kind: 'BATCH_JOB' }] } as Changeset);
        let started = performance.now();
        causes = (await new QualityCauseSource(store).openCauses({ now })).length;
        fullMs.push(performance.now() - started);
        started = performance.now();
        const seen = (await followed.openCauses({ now, graph: { version: applied.version, touched: new Set() } })).length;
        followedMs.push(performance.now() - started);
        if (seen !== causes) throw new Error(`followed source saw ${seen} causes, a full read ${causes}`);
      }
      const row = { results: results.length, openCauses: causes, fullReadMs: summarize(fullMs), followedMs: summarize(followedMs) };
      console.log(`quality causes, ${history} results per check (${results.length} results): full read p50 ${row.fullReadMs.p50.toFixed(1)} ms, followed p50 ${row.followedMs.p50.toFixed(1)} ms, ${causes} open causes`);
      out[`history${history}`] = row;
    } finally {
      await fresh.cleanup();
    }
  }
  return out;
}
