/**
 * Per-dialect scores of the SQL ingestor on the corpus in test/fixtures/sql/<dialect>/ (issue 23):
 * table-level and column-level recall and precision against the hand-derived `<case>.expected.json`,
 * and the share of statements refused (parse failures). The corpus test asserts each case exactly;
 * this says how far off a dialect is when some are not.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sqlIngestor } from '../ingestors/sql/index.js';
import { splitStatements } from '../ingestors/sql/splitStatements.js';
import { freshStore } from './freshStore.js';

const CORPUS = path.resolve('test/fixtures/sql');
const NOT_DIALECTS = new Set(['hive_dw', 'merge', 'pg_mart']);

interface Expected {
  computations: Record<string, { edges: string[]; fieldEdges: string[] }>;
  errors: { location: string }[];
}

function score(expected: Set<string>, actual: Set<string>) {
  const hits = [...actual].filter((a) => expected.has(a)).length;
  return { expected: expected.size, actual: actual.size, hits };
}

export async function runSqlCorpusBench(): Promise<Record<string, unknown>> {
  const { store, cleanup } = await freshStore('pglite');
  const out: Record<string, unknown> = {};
  try {
    for (const dialect of readdirSync(CORPUS).filter((d) => statSync(path.join(CORPUS, d)).isDirectory() && !NOT_DIALECTS.has(d)).sort()) {
      const totals = { table: { expected: 0, actual: 0, hits: 0 }, column: { expected: 0, actual: 0, hits: 0 }, statements: 0, refused: 0, cases: 0 };
      for (const name of readdirSync(path.join(CORPUS, dialect)).filter((n) => n.endsWith('.sql'))) {
        const file = path.join(CORPUS, dialect, name);
        const expected = JSON.parse(readFileSync(file.replace(/\.sql$/, '.expected.json'), 'utf8')) as Expected;
        let changeset;
        let errors;
        for await (const batch of sqlIngestor.read({ path: file, dialect, namespace: 'bench' }, { store })) ({ changeset, errors } = batch);
        const tag = (computation: string, edge: string) => `${computation.includes('#select:') ? 'select' : computation} ${edge}`;
        const want = { table: new Set<string>(), column: new Set<string>() };
        for (const [key, c] of Object.entries(expected.computations)) {
          const k = key.startsWith('select: ') ? 'select' : key;
          c.edges.forEach((e) => want.table.add(tag(k, e)));
          c.fieldEdges.forEach((e) => want.column.add(tag(k, e)));
        }
        const got = { table: new Set<string>(), column: new Set<string>() };
        for (const e of changeset!.edges ?? []) {
          const job = e.to.type === 'COMPUTATION' ? e.to.name : e.from.name;
          got.table.add(tag(job, e.to.type === 'COMPUTATION' ? `reads ${e.from.name}` : `writes ${e.to.name}`));
        }
        for (const f of changeset!.fieldEdges ?? []) {
          const t = f.transformation;
          got.column.add(tag(f.computation.name, `${f.input.name}.${f.input.field || '*'} -> ${f.output.name}.${f.output.field || '*'} ${t.type}/${t.subtype}${t.masking ? ' masked' : ''}`));
        }
        for (const level of ['table', 'column'] as const) {
          const s = score(want[level], got[level]);
          totals[level].expected += s.expected;
          totals[level].actual += s.actual;
          totals[level].hits += s.hits;
        }
        totals.statements += splitStatements(readFileSync(file, 'utf8')).length;
        totals.refused += errors!.length;
        totals.cases++;
      }
      const pct = (a: number, b: number) => (b === 0 ? null : Math.round((1000 * a) / b) / 10);
      out[dialect] = {
        cases: totals.cases,
        statements: totals.statements,
        tableRecall: pct(totals.table.hits, totals.table.expected),
        tablePrecision: pct(totals.table.hits, totals.table.actual),
        columnRecall: pct(totals.column.hits, totals.column.expected),
        columnPrecision: pct(totals.column.hits, totals.column.actual),
        refusedPercent: pct(totals.refused, totals.statements),
      };
      console.log(`[sql-corpus ${dialect}]`, JSON.stringify(out[dialect]));
    }
  } finally {
    await cleanup();
  }
  return out;
}
