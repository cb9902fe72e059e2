/**
 * `npm run bench -- sql`: the SQL ingest benchmark's 3,000 `INSERT ... SELECT` statements read as
 * PostgreSQL (the goal of issue 23: at least 500 statements/s), as Hive and as Spark SQL, and the
 * 3,000 Flink SQL statements of `ingest`, into PostgreSQL (when DATABASE_URL is set) and PGlite,
 * without the OpenLineage-over-HTTP part of `ingest`. `BENCH_SQL_DIALECTS=hive,flink` picks some.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqlBench, writeFlinkScripts, writeSqlScripts } from './ingestBench.js';

export async function runSqlDialectBench(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'dctx-bench-sql-'));
  const flinkDir = mkdtempSync(join(tmpdir(), 'dctx-bench-flink-'));
  const out: Record<string, unknown> = {};
  // SQL_BENCH_DIALECTS=ansi,mysql,...: which dialects to measure (Flink over its own scripts, the others over the same statements).
  const wanted = (process.env.SQL_BENCH_DIALECTS ?? process.env.BENCH_SQL_DIALECTS ?? 'postgresql,hive,spark,flink').split(',').map((d) => d.trim()).filter((d) => d !== '');
  try {
    const statements = writeSqlScripts(dir);
    const flinkStatements = writeFlinkScripts(flinkDir);
    for (const dialect of wanted) {
      const [path, count] = dialect === 'flink' ? [flinkDir, flinkStatements] : [dir, statements];
      if (process.env.DATABASE_URL) out[`${dialect}Postgres`] = await sqlBench('postgres', path, count, dialect);
      out[`${dialect}Pglite`] = await sqlBench('pglite', path, count, dialect);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(flinkDir, { recursive: true, force: true });
  }
  return out;
}
