/**
 * `npm run bench -- <suite>`: runs a benchmark suite, prints its figures and writes
 * bench/results/<suite>.json. `npm run bench -- --scale small|medium|large [--engines postgres,pglite]`
 * runs the scale benchmark (bench/scale/) and writes bench/results/<scale>.json.
 * Figures worth keeping go to docs/benchmark-log.md (dated, with the load) and the latest to BENCHMARKS.md.
 */
import { runQualityCausesBench } from './qualityCausesBench.js';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { Command, Option } from 'commander';
import { runAlertsBench } from './alertsBench.js';
import { runApiBench } from './apiBench.js';
import { runExplorerBench } from './explorerBench.js';
import { runIngestBench } from './ingestBench.js';
import { runIndexBench } from './indexBench.js';
import { runNeo4jSyncBench } from './neo4jSyncBench.js';
import { runNeo4jLineageBench } from './neo4jLineageBench.js';
import { runNeo4jScaleBench } from './neo4jScaleBench.js';
import { machineFacts } from './scale/machineFacts.js';
import { SCALES, type Scale } from './scale/platformShape.js';
import { enginesFor, runScaleBench, type Engine } from './scale/scaleBench.js';
import { scaleTable } from './scale/scaleTable.js';
import { runSingleEventBench } from './singleEventBench.js';
import { runSqlDialectBench } from './sqlDialectBench.js';
import { runSqlCorpusFigures } from './sqlCorpusFigures.js';
import { runSqlPeerFigures } from './sqlPeerFigures.js';
import { runSqlPeerColumnFigures } from './sqlPeerColumnFigures.js';
import { runStoreBench } from './storeBench.js';

const suites: Record<string, () => Promise<Record<string, unknown>>> = { store: runStoreBench, ingest: runIngestBench, index: runIndexBench, api: runApiBench, explorer: runExplorerBench, 'single-events': runSingleEventBench, neo4j: runNeo4jSyncBench, 'neo4j-lineage': runNeo4jLineageBench, 'neo4j-scale': runNeo4jScaleBench, sql: runSqlDialectBench, 'sql-corpus': runSqlCorpusFigures, 'sql-peer': runSqlPeerFigures, 'sql-peer-column': runSqlPeerColumnFigures, alerts: runAlertsBench, 'quality-causes': runQualityCausesBench };

async function runSuite(suite: string): Promise<void> {
  const run = suites[suite];
  if (!run) throw new Error(`unknown suite "${suite}"; expected one of ${Object.keys(suites).join(', ')}`);
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  const started = new Date().toISOString();
  const results = await run();
  const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  const file = `bench/results/${suite}.json`;
  writeFileSync(file, JSON.stringify({ suite, started, machine, peakRssMiB, results }, null, 2));
  console.log(`peak RSS ${peakRssMiB} MiB; wrote ${file}`);
}

async function runScale(scale: Scale, requested: Engine[] | undefined): Promise<void> {
  const engines = enginesFor(scale, requested);
  if (engines.length === 0) throw new Error(`no engine to run at ${scale}: PostgreSQL needs DATABASE_URL, and PGlite runs only at small and medium`);
  const machine = machineFacts();
  const started = new Date().toISOString();
  const results = (await runScaleBench(scale, engines)) as Record<string, Record<string, unknown>>;
  const file = `bench/results/${scale}.json`;
  writeFileSync(file, JSON.stringify({ scale, started, finished: new Date().toISOString(), machine, engines, results }, null, 2) + '\n');
  console.log(`\nScale ${scale} (load average at start ${JSON.stringify(machine.loadAverageAtStart)})\n`);
  console.log(scaleTable(results, engines));
  console.log(`\nwrote ${file}`);
}

const program = new Command()
  .name('bench')
  .argument('[suite]', `one of: ${Object.keys(suites).join(', ')}`, 'store')
  .addOption(new Option('--scale <scale>', 'run the scale benchmark instead of a suite').choices(SCALES))
  .option('--engines <list>', 'with --scale: comma-separated engines (postgres, pglite); default every available one', (v: string) => v.split(',') as Engine[])
  .action(async (suite: string, options: { scale?: Scale; engines?: Engine[] }) => {
    if (options.scale) await runScale(options.scale, options.engines);
    else await runSuite(suite);
  });

await program.parseAsync(process.argv);
process.exit(0);
