/**
 * `npm run bench -- sql-corpus`: per dialect, how the SQL ingestor does on the hand-derived corpus
 * of test/fixtures/sql/<dialect>/ (issue 23): table-level recall and precision (each computation's
 * `reads`/`writes` edges), column-level recall and precision (its field edges and, for read-only
 * SELECTs, the columns it reads), and the statements that end as ingest errors. The corpus test
 * asserts every case exactly; these figures say how much of the corpus is covered, and stay
 * meaningful when a case is added whose expectation the ingestor does not meet yet.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GraphStore } from '../graph-model/store/graphStore.js';
import { parserDatabase } from '../ingestors/sql/dialects.js';
import { splitStatements } from '../ingestors/sql/index.js';
import { actualComputations, cases, CORPUS, type Expected, type ExpectedComputation } from '../test/ingestors/sql/corpus.js';
import { WAREHOUSE, readSql } from '../test/ingestors/sql/lineageFixtures.js';
import { percent } from './stats.js';

interface Tally {
  cases: number;
  statements: number;
  errors: number;
  expectedErrors: number;
  table: { expected: number; actual: number; matched: number };
  column: { expected: number; actual: number; matched: number };
}

function facts(computations: Record<string, ExpectedComputation>): { table: Set<string>; column: Set<string> } {
  const table = new Set<string>();
  const column = new Set<string>();
  for (const [key, c] of Object.entries(computations)) {
    for (const edge of c.edges) table.add(`${key} ${edge}`);
    for (const edge of c.fieldEdges) column.add(`${key} ${edge}`);
    for (const [t, columns] of Object.entries(c.columnsRead ?? {})) for (const col of columns) column.add(`${key} reads ${t}.${col}`);
  }
  return { table, column };
}

function count(into: Tally['table'], expected: Set<string>, actual: Set<string>): void {
  into.expected += expected.size;
  into.actual += actual.size;
  for (const fact of actual) if (expected.has(fact)) into.matched++;
}


export async function runSqlCorpusFigures(): Promise<Record<string, unknown>> {
  const tallies = new Map<string, Tally>();
  const store = await GraphStore.open({ dataDir: 'memory' });
  try {
    for (const { dialect, name } of cases) {
      const file = path.join(CORPUS, dialect, name);
      const expected = JSON.parse(readFileSync(file.replace(/\.sql$/, '.expected.json'), 'utf8')) as Expected;
      const { changeset, errors } = await readSql({ path: file, dialect, namespace: WAREHOUSE }, { store });
      const tally = tallies.get(dialect) ?? { cases: 0, statements: 0, errors: 0, expectedErrors: 0, table: { expected: 0, actual: 0, matched: 0 }, column: { expected: 0, actual: 0, matched: 0 } };
      tallies.set(dialect, tally);
      tally.cases++;
      tally.statements += splitStatements(readFileSync(file, 'utf8'), { tsql: parserDatabase(dialect) === 'transactsql' }).length;
      tally.errors += errors.length;
      tally.expectedErrors += expected.errors.length;
      const want = facts(expected.computations);
      const got = facts(actualComputations(changeset));
      count(tally.table, want.table, got.table);
      count(tally.column, want.column, got.column);
    }
  } finally {
    await store.close();
  }
  const rows = [...tallies].sort(([a], [b]) => a.localeCompare(b));
  console.log('| dialect | cases | statements | ingest errors | table recall | table precision | column recall | column precision |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [dialect, t] of rows) {
    console.log(
      `| ${dialect} | ${t.cases} | ${t.statements} | ${t.errors} (${percent(t.errors, t.statements)}) | ${percent(t.table.matched, t.table.expected)} | ${percent(t.table.matched, t.table.actual)} | ${percent(t.column.matched, t.column.expected)} | ${percent(t.column.matched, t.column.actual)} |`,
    );
  }
  return Object.fromEntries(rows);
}
