/**
 * `npm run bench -- sql`: the SQL ingest benchmark's 3,000 `INSERT ... SELECT` statements read as
 * PostgreSQL (the goal of issue 23: at least 500 statements/s) and as Hive, into PostgreSQL (when
 * DATABASE_URL is set) and PGlite, without the OpenLineage-over-HTTP part of `ingest`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqlBench, writeSqlScripts } from './ingestBench.js';

export async function runSqlDialectBench(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'dctx-bench-sql-'));
  const out: Record<string, unknown> = {};
  try {
    const statements = writeSqlScripts(dir);
    // SQL_BENCH_DIALECTS=ansi,mysql,...: other dialects over the same statements (default: PostgreSQL and Hive).
    const dialects = (process.env.SQL_BENCH_DIALECTS ?? 'postgresql,hive').split(',').map((d) => d.trim()).filter((d) => d !== '');
    for (const dialect of dialects) {
      if (process.env.DATABASE_URL) out[`${dialect}Postgres`] = await sqlBench('postgres', dir, statements, dialect);
      out[`${dialect}Pglite`] = await sqlBench('pglite', dir, statements, dialect);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
