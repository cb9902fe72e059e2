import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IngestError } from '../ingestors/contract.js';
import { metricsIngestor, metricsSourceId } from '../ingestors/metrics/index.js';
import { riskCatalogIngestor } from '../ingestors/risk/index.js';
import { runIngestor, type IngestReport } from '../ingestors/runIngestor.js';
import { sqlIngestor } from '../ingestors/sql/index.js';
import type { GraphStore } from '../graph-model/store/graphStore.js';
import { DEMO_ROOT, METRICS_FILE } from './platform/demoFiles.js';
import { stepDirectory, STEPS } from './platform/steps.js';
import { ensureDemoSteps } from './platform/writeDemoFiles.js';
import { WRITER_RUNS_FILE, WRITER_RUNS_SOURCE } from './platform/writerRuns.js';

export const DEMO_ACTOR = 'dctx-demo';
export const WAREHOUSE_NAMESPACE = 'hive://warehouse';

export interface DemoLoadResult {
  /** False when the demo was already there and nothing was done. */
  loaded: boolean;
  /** Graph versions the load created, in order. */
  versions: number[];
  /** Bad items the ingestors reported (none, for the committed demo). */
  errors: IngestError[];
  /** The sources the demo writes: `sql:hive://warehouse:payfraud`, `risk:payfraud`, `flink:risk-prod`, `metrics:payfraud_daily.csv`. */
  sources: string[];
}

const metricsPath = path.join(DEMO_ROOT, METRICS_FILE);

/**
 * The metrics file is ingested last and its tags commit a changeset: once that changeset exists,
 * every step before it has been applied. A load interrupted earlier is simply run again: each
 * step is a full sync, so replaying it converges on the same graph.
 */
export async function isDemoLoaded(store: GraphStore): Promise<boolean> {
  return (await store.changes(0, { source: metricsSourceId(metricsPath), limit: 1 })).length > 0;
}

/**
 * Loads the demo payment-fraud platform (demo/README.md) unless it is already there: each step's
 * SQL scripts and risk catalog as full syncs of the same two sources, then the metrics and tags.
 * The warehouse goes first so that the catalog's table references land on the tables the SQL
 * source describes instead of placeholders the catalog would assert itself.
 */
export async function loadDemo(store: GraphStore, options: { log?: (line: string) => void } = {}): Promise<DemoLoadResult> {
  const log = options.log ?? (() => undefined);
  const result: DemoLoadResult = { loaded: false, versions: [], errors: [], sources: [] };
  if (await isDemoLoaded(store)) {
    log('demo platform already loaded');
    return result;
  }
  // The step snapshots are generated, not committed: write them if this checkout has none yet.
  ensureDemoSteps();
  const record = (report: IngestReport) => {
    result.versions.push(...report.versions);
    result.errors.push(...report.errors);
    if (!result.sources.includes(report.source)) result.sources.push(report.source);
  };
  for (const step of STEPS) {
    const directory = path.join(DEMO_ROOT, stepDirectory(step));
    const before = result.versions.length;
    record(await runIngestor(store, sqlIngestor, { path: directory, dialect: 'hive', namespace: WAREHOUSE_NAMESPACE }, { actor: DEMO_ACTOR }));
    record(await runIngestor(store, riskCatalogIngestor(), { directory }, { actor: DEMO_ACTOR }));
    log(`step ${step.number}: ${step.title} (versions ${result.versions.slice(before).join(', ') || 'none'})`);
  }
  // The writers' runs (the ODS sink jobs, the nightly feature loads): what freshness learns from.
  const writers = await store.apply(JSON.parse(readFileSync(path.join(DEMO_ROOT, WRITER_RUNS_FILE), 'utf8')), { actor: DEMO_ACTOR });
  if (writers.changed) result.versions.push(writers.version);
  result.sources.push(WRITER_RUNS_SOURCE);
  log(`writer runs: ${writers.stats.runsRecorded} runs (version ${writers.version})`);
  record(await runIngestor(store, metricsIngestor(), metricsPath, { actor: DEMO_ACTOR }));
  log(`metrics and tags of ${path.basename(metricsPath)}`);
  result.loaded = true;
  return result;
}
