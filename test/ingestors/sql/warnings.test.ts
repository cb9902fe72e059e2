import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Changeset } from '../../../graph-model/model.js';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import type { IngestWarning } from '../../../ingestors/contract.js';
import { runIngestor } from '../../../ingestors/runIngestor.js';
import { sqlIngestor } from '../../../ingestors/sql/index.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { WAREHOUSE, edgesOf, fieldEdgesOf, readSql } from './lineageFixtures.js';

/**
 * Statements committed but read only in part are ingest warnings at the statement's line and
 * column (README, "Warnings"): one per statement and reason. The lineage is what it was without
 * them: a skipped statement's changeset equals the one with a harmless skipped statement in its
 * place, and the edges of a statement read in part are the ones its README convention gives.
 */
describeEachEngine('sql ingestor: warnings for statements read in part', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  let dir: string;
  beforeEach(async () => {
    store = shared.store();
    dir = await mkdtemp(path.join(tmpdir(), 'sql-warnings-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  async function read(script: string, dialect: string): Promise<{ changeset: Changeset; warnings: IngestWarning[] }> {
    const file = path.join(dir, 'job.sql');
    await writeFile(file, script);
    const batches = [];
    for await (const batch of sqlIngestor.read({ path: file, dialect, namespace: WAREHOUSE }, { store })) batches.push(batch);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.errors).toEqual([]);
    return { changeset: batches[0]!.changeset, warnings: batches[0]!.warnings ?? [] };
  }

  const dynamic = (what: string) => `${what}: its tables are not in the lineage (dynamic SQL is not read)`;

  it('warns of dynamic SQL (EXEC(@sql), sp_executesql with a variable or a literal) at each statement; the lineage is as with a PRINT there', async () => {
    const lines = (middle: string[]) =>
      ['INSERT INTO dw.a SELECT x FROM ods.s;', ...middle, 'EXEC dbo.refresh_stats @d;', 'INSERT INTO dw.b SELECT y FROM ods.s;', ''].join('\n');
    const script = lines(["DECLARE @sql NVARCHAR(MAX) = N'INSERT INTO dw.c SELECT * FROM ods.c';", 'EXEC(@sql);', 'EXEC sp_executesql @sql;', "  EXECUTE @rc = sys.sp_executesql N'DELETE FROM dw.c';"]);
    const { changeset, warnings } = await read(script, 'tsql');
    expect(warnings).toEqual([
      { location: 'job.sql:3:1', message: dynamic('EXEC(...) runs SQL built when it runs') },
      { location: 'job.sql:4:1', message: dynamic('sp_executesql runs SQL held in a variable or built when it runs') },
      { location: 'job.sql:5:3', message: dynamic('sp_executesql runs the SQL in its string argument, which is not parsed') },
    ]);
    // A procedure call (line 6) is not dynamic SQL: no warning. The same script with PRINTs in place of the dynamic SQL:
    const plain = await read(lines(["DECLARE @sql NVARCHAR(MAX) = N'x';", "PRINT 'a';", "PRINT 'b';", "PRINT 'c';"]), 'tsql');
    expect(plain.warnings).toEqual([]);
    expect(changeset).toEqual(plain.changeset);
    expect(edgesOf(changeset, 'job.sql#7')).toEqual(['reads ods.s', 'writes dw.b']);
  });

  it('warns of EXECUTE IMMEDIATE (BigQuery, Snowflake, Oracle) and PL/pgSQL EXECUTE inside a body, at their own lines', async () => {
    const bigquery = await read("INSERT INTO dw.a SELECT x FROM ods.s;\nEXECUTE IMMEDIATE 'INSERT INTO dw.t SELECT 1';\nEXECUTE IMMEDIATE CONCAT('TRUNCATE TABLE ', t);\n", 'bigquery');
    expect(bigquery.warnings).toEqual([
      { location: 'job.sql:2:1', message: dynamic('EXECUTE IMMEDIATE runs the SQL in its string, which is not parsed') },
      { location: 'job.sql:3:1', message: dynamic('EXECUTE IMMEDIATE runs SQL built when it runs') },
    ]);
    expect(edgesOf(bigquery.changeset, 'job.sql#1')).toEqual(['reads ods.s', 'writes dw.a']);
    const body = [
      'CREATE FUNCTION dw.load() RETURNS void AS $$',
      'BEGIN',
      "  EXECUTE format('INSERT INTO %I SELECT 1', 'dw.x');",
      '  EXECUTE v_sql;',
      '  INSERT INTO dw.a SELECT x FROM ods.s;',
      'END;',
      '$$ LANGUAGE plpgsql;',
    ].join('\n');
    const pg = await read(body, 'postgresql');
    expect(pg.warnings).toEqual([
      { location: 'job.sql:3:3', message: dynamic('EXECUTE runs SQL built when it runs') },
      { location: 'job.sql:4:3', message: dynamic('EXECUTE runs a prepared statement or SQL held in a variable') },
    ]);
    const noted = pg.changeset.computations?.map((c) => c.name).filter((name) => name.startsWith('job.sql#'));
    expect(noted).toHaveLength(1);
    expect(edgesOf(pg.changeset, noted![0]!)).toEqual(['reads ods.s', 'writes dw.a']);
  });

  it("warns of a body's condition or loop query and of a variable set from a query, which are not read; the statements inside are", async () => {
    const tsql = (condition: string, set: string) =>
      ['CREATE PROCEDURE dbo.p @d DATE AS', 'BEGIN', `  IF ${condition}`, '    INSERT INTO dw.z SELECT a FROM ods.z;', `  ${set};`, 'END', ''].join('\n');
    const { changeset, warnings } = await read(tsql('EXISTS (SELECT 1 FROM ods.flags WHERE d = @d)', 'SET @n = (SELECT COUNT(*) FROM ods.z)'), 'tsql');
    expect(warnings).toEqual([
      { location: 'job.sql:3:3', message: 'the query in this IF condition is not read: the tables it reads are not in the lineage (conditions and loop queries are not analysed)' },
      { location: 'job.sql:5:3', message: 'a variable set from a query is not read: the tables the query reads are not in the lineage (SET is skipped)' },
    ]);
    const plain = await read(tsql('@d IS NOT NULL', 'SET @n = 0'), 'tsql');
    expect(plain.warnings).toEqual([]);
    expect(changeset).toEqual(plain.changeset);
    expect(edgesOf(changeset, 'job.sql#1')).toEqual(['reads ods.z', 'writes dw.z']);

    const loop = ['CREATE FUNCTION f() RETURNS void AS $$', 'BEGIN', '  FOR r IN SELECT id FROM ods.ids LOOP', '    INSERT INTO dw.a SELECT x FROM ods.s;', '  END LOOP;', 'END;', '$$ LANGUAGE plpgsql;'].join('\n');
    expect((await read(loop, 'postgresql')).warnings).toEqual([
      { location: 'job.sql:3:3', message: 'the query this FOR loop iterates over is not read: the tables it reads are not in the lineage (conditions and loop queries are not analysed)' },
    ]);
  });

  it('warns once per statement of `*` over tables of unknown columns (not per column), naming them; table-level edges as before', async () => {
    const script = [
      'CREATE TABLE ods.known (id INT, amount INT);',
      'INSERT INTO dw.all_events SELECT * FROM ods.events;',
      'INSERT INTO dw.wide SELECT e.*, k.*, u.* FROM ods.events e JOIN ods.known k ON e.id = k.id JOIN ods.users u ON u.id = e.uid;',
      'INSERT INTO dw.copy SELECT * FROM ods.known;',
      '',
    ].join('\n');
    const { changeset, warnings } = await read(script, 'hive');
    expect(warnings).toEqual([
      { location: 'job.sql:2:1', message: 'column lineage from ods.events is at table level only: `*` reads it whole, its columns not known (no CREATE earlier in the run, no other source declares them)' },
      { location: 'job.sql:3:1', message: 'column lineage from ods.events, ods.users is at table level only: `*` reads them whole, their columns not known (no CREATE earlier in the run, no other source declares them)' },
    ]);
    expect(fieldEdgesOf(changeset, 'job.sql#2')).toEqual(['ods.events.* -> dw.all_events.* DIRECT/IDENTITY']);
    expect(fieldEdgesOf(changeset, 'job.sql#4')).toEqual(['ods.known.amount -> dw.copy.amount DIRECT/IDENTITY', 'ods.known.id -> dw.copy.id DIRECT/IDENTITY']);
  });

  it('warns of a name given both readings (lateral alias or column) in BigQuery and ansi, not where the dialect decides', async () => {
    const script = 'INSERT INTO dw.t SELECT name AS user_name, user_name || email AS id FROM ods.users;\n';
    const message =
      "read two ways, as this dialect may mean either (lateral column aliases) and the table's columns are not known: " +
      "`user_name` as an earlier select item's alias or as a column of ods.users; both are recorded as possible dependencies";
    for (const dialect of ['bigquery', 'ansi']) {
      const { changeset, warnings } = await read(script, dialect);
      expect(warnings, dialect).toEqual([{ location: 'job.sql:1:1', message }]);
      expect(fieldEdgesOf(changeset, 'job.sql#1').filter((e) => e.includes('dw.t.id')), dialect).toEqual([
        'ods.users.email -> dw.t.id DIRECT/TRANSFORMATION',
        'ods.users.name -> dw.t.id DIRECT/TRANSFORMATION',
        'ods.users.user_name -> dw.t.id DIRECT/TRANSFORMATION',
      ]);
    }
    for (const dialect of ['snowflake', 'postgresql']) expect((await read(script, dialect)).warnings, dialect).toEqual([]);
    // A table whose columns are known decides the name: no second reading, no warning.
    expect((await read(`CREATE TABLE ods.users (name STRING, email STRING);\n${script}`, 'bigquery')).warnings).toEqual([]);
  });

  it('a script read whole has no warnings; runIngestor reports the warnings apart from errors and records them as warnings', async () => {
    expect((await read('INSERT INTO dw.a SELECT x, y FROM ods.s;\nSET hive.exec.dynamic.partition = true;\n', 'hive')).warnings).toEqual([]);
    const file = path.join(dir, 'job.sql');
    await writeFile(file, "INSERT INTO dw.a SELECT * FROM ods.s;\nEXEC('TRUNCATE TABLE dw.a');\nINSERT INTO dw.b SELECT FROM;\n");
    const report = await runIngestor(store, sqlIngestor, { path: file, dialect: 'tsql', namespace: WAREHOUSE });
    expect(report.errors.map((e) => e.location)).toEqual(['job.sql:3:29']);
    expect(report.warnings.map((w) => w.location)).toEqual(['job.sql:1:1', 'job.sql:2:1']);
    const recorded = await store.ingestErrors({ source: report.source });
    expect(recorded.map((e) => [e.severity, e.location])).toEqual([
      ['warning', 'job.sql:2:1'],
      ['warning', 'job.sql:1:1'],
      ['error', 'job.sql:3:29'],
    ]);
    expect((await store.ingestErrors({ source: report.source, severity: 'warning' })).map((e) => e.message)).toEqual(report.warnings.map((w) => w.message).reverse());
  });
});
