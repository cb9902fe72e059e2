/**
 * `npm run bench -- sql-peer-column`: column-level lineage of the SQL ingestor on the column-level
 * tests of reata/sqllineage (MIT), transcribed under test/fixtures/sql-peer/sqllineage-column/
 * (SOURCES.md there). Each case runs through the real ingestor (PGlite) under each dialect its test
 * names, a case with `schemas` over a store where another source declares those tables (the peer's
 * metadata provider). Facts are `source column -> target column` pairs, compared as sqllineage
 * compares them (test/ingestors/sql/peerColumnLineage.ts); recall = matched / expected pairs,
 * precision = matched / actual pairs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GraphStore } from '../graph-model/store/graphStore.js';
import { columnCaseFiles, declareSchemas, retractSchemas, runColumnCase } from '../test/ingestors/sql/peerColumnLineage.js';
import { distinctPeerRuns, printPeerTable, type PeerTally } from './stats.js';

interface Tally extends PeerTally {
  failedCases: number;
}

const newTally = (): Tally => ({ cases: 0, statements: 0, failedStatements: 0, failedCases: 0, exact: 0, expected: 0, actual: 0, matched: 0 });

export async function runSqlPeerColumnFigures(): Promise<Record<string, unknown>> {
  const tallies = new Map<string, Tally>();
  const overall = newTally();
  const supportedOnly = newTally();
  const failures: Record<string, unknown>[] = [];
  const duplicates: string[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'sql-peer-column-'));
  // One store: a case's schemas are declared by another source before it runs and retracted after
  // (the ingestor reads without committing, so cases do not otherwise see each other).
  const store = await GraphStore.open({ dataDir: 'memory' });
  let n = 0;
  try {
    for (const { file, c, dialect } of distinctPeerRuns(columnCaseFiles(), (c, dialect) => `${dialect}\n${c.sql}\n${JSON.stringify(c.schemas ?? {})}`, duplicates)) {
      const tally = tallies.get(dialect) ?? newTally();
      tallies.set(dialect, tally);
      if (c.schemas) await declareSchemas(store, c.schemas);
      const run = await runColumnCase(c, dialect, store, path.join(dir, `case-${n++}.sql`));
      if (c.schemas) await retractSchemas(store);
      const got = new Set(run.actual);
      const matched = run.expected.filter((p) => got.has(p)).length;
      const exact = run.errors.length === 0 && matched === run.expected.length && matched === got.size;
      for (const t of run.supported ? [tally, overall, supportedOnly] : [tally, overall]) {
        t.cases++;
        t.statements += run.statements;
        t.failedStatements += run.supported ? Math.min(run.errors.length, run.statements) : run.statements;
        if (run.errors.length > 0) t.failedCases++;
        if (exact) t.exact++;
        t.expected += run.expected.length;
        t.actual += got.size;
        t.matched += matched;
      }
      if (!exact) {
        const want = new Set(run.expected);
        failures.push({
          file,
          name: c.name,
          dialect,
          missing: run.expected.filter((p) => !got.has(p)),
          extra: run.actual.filter((p) => !want.has(p)),
          ...(run.errors.length ? { errors: run.errors } : {}),
        });
      }
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const rows = printPeerTable('column', tallies, { overall, supportedOnly });
  console.log(`${failures.length} cases not exactly right; ${duplicates.length} duplicate runs skipped`);
  return { overall, supportedOnly, dialects: Object.fromEntries(rows), duplicates, failures };
}
