import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitStatements } from '../../ingestors/sql/splitStatements.js';
import { catalogFiles } from './catalogFiles.js';
import { metricsCsv, type WarehouseScripts } from './metricsFile.js';
import { scriptInStep, stepDirectory, STEPS } from './steps.js';
import { WRITER_RUNS_FILE, writerRuns } from './writerRuns.js';

export const DEMO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const METRICS_FILE = 'metrics/payfraud_daily.csv';

/** The handwritten scripts of `demo/sql/`, by file name. */
function readScripts(): Map<string, string> {
  const dir = path.join(DEMO_ROOT, 'sql');
  return new Map(readdirSync(dir).filter((f) => f.endsWith('.sql')).sort().map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}

/** The computations and tables of a step's scripts, named as the SQL ingestor names them. */
function warehouseOf(scripts: Map<string, string>): WarehouseScripts {
  const queries: string[] = [];
  const tables = new Set<string>();
  for (const [file, text] of scripts) {
    splitStatements(text).forEach((statement, i) => {
      const written = /^INSERT\s+OVERWRITE\s+TABLE\s+([\w.]+)/i.exec(statement.text);
      const declared = /^CREATE\s+TABLE\s+IF\s+NOT\s+EXISTS\s+([\w.]+)/i.exec(statement.text);
      if (written) queries.push(`sql/${file}#${i + 1}`);
      const name = written?.[1] ?? declared?.[1];
      if (name) tables.add(name.toLowerCase());
    });
  }
  return { queries, tables: [...tables].sort() };
}

/**
 * Every generated file of the demo, relative to `demo/`: each step's snapshot (its scripts copied
 * from `demo/sql/`, its catalog generated), the writers' runs (writerRuns.ts) and, unless `metrics` is false, the metrics file of the
 * final step (the slow part: 14 days of figures per node).
 */
export function demoFiles(options: { metrics?: boolean } = {}): Map<string, string> {
  const scripts = readScripts();
  const files = new Map<string, string>();
  let last = new Map<string, string>();
  for (const step of STEPS) {
    const dir = stepDirectory(step);
    const inStep = new Map([...scripts].filter(([file]) => scriptInStep(file, step.number)));
    for (const [file, text] of inStep) files.set(`${dir}/sql/${file}`, text);
    for (const [file, text] of catalogFiles(step.number)) files.set(`${dir}/catalog/${file}`, text);
    last = inStep;
  }
  files.set(WRITER_RUNS_FILE, `${JSON.stringify(writerRuns(), null, 2)}\n`);
  if (options.metrics !== false) files.set(METRICS_FILE, metricsCsv(STEPS.length, warehouseOf(last)));
  return files;
}
