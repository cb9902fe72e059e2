/**
 * `npm run bench -- <suite>`: runs a benchmark suite, prints its figures and writes
 * bench/results/<suite>.json. Figures worth keeping go to BENCHMARKS.md with the machine.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { Command } from 'commander';
import { runIngestBench } from './ingestBench.js';
import { runIndexBench } from './indexBench.js';
import { runStoreBench } from './storeBench.js';

const suites: Record<string, () => Promise<Record<string, unknown>>> = { store: runStoreBench, ingest: runIngestBench, index: runIndexBench };

const program = new Command()
  .name('bench')
  .argument('[suite]', `one of: ${Object.keys(suites).join(', ')}`, 'store')
  .action(async (suite: string) => {
    const run = suites[suite];
    if (!run) throw new Error(`unknown suite "${suite}"; expected one of ${Object.keys(suites).join(', ')}`);
    const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
    const started = new Date().toISOString();
    const results = await run();
    const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
    const file = `bench/results/${suite}.json`;
    writeFileSync(file, JSON.stringify({ suite, started, machine, peakRssMiB, results }, null, 2));
    console.log(`peak RSS ${peakRssMiB} MiB; wrote ${file}`);
  });

await program.parseAsync(process.argv);
process.exit(0);
