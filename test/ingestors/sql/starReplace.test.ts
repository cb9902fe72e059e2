import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { WAREHOUSE, fieldEdgesOf, readSql } from './lineageFixtures.js';

const DDL = 'CREATE TABLE ods.t1 (a INT64, b INT64, c INT64, d INT64);\n';
const id = (column: string) => `ods.t1.${column} -> dw.t2.${column} DIRECT/IDENTITY`;
// `d` replaced by `a + b`: it comes from a and b, not from the d it replaces.
const D_FROM_A_B = ['ods.t1.a -> dw.t2.d DIRECT/TRANSFORMATION', 'ods.t1.b -> dw.t2.d DIRECT/TRANSFORMATION'];

describeEachEngine('sql ingestor: SELECT * REPLACE', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  let dir: string;
  beforeEach(async () => {
    store = shared.store();
    dir = await mkdtemp(path.join(tmpdir(), 'sql-replace-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function edges(script: string, dialect: string, computation = 'check.sql#2'): Promise<string[]> {
    const file = path.join(dir, 'check.sql');
    await writeFile(file, script);
    const { changeset, errors } = await readSql({ path: file, dialect, namespace: WAREHOUSE }, { store });
    expect(errors).toEqual([]);
    return fieldEdgesOf(changeset, computation);
  }

  it('gives the replaced column the inputs of its expression, the others kept (BigQuery, Snowflake, DuckDB)', async () => {
    for (const dialect of ['bigquery', 'snowflake', 'duckdb']) {
      const ddl = dialect === 'bigquery' ? DDL : DDL.replace(/INT64/g, 'INT');
      const script = `${ddl}INSERT INTO dw.t2 SELECT * REPLACE (a + b AS d) FROM ods.t1;\n`;
      expect(await edges(script, dialect), dialect).toEqual([id('a'), id('b'), id('c'), ...D_FROM_A_B].sort());
    }
  });

  it('reads EXCEPT / EXCLUDE with REPLACE: the listed column left out, the replaced one from its expression', async () => {
    const forms: [string, string][] = [
      ['bigquery', 'SELECT * EXCEPT (c) REPLACE (a + b AS d)'],
      ['bigquery', 'SELECT *\n  EXCEPT(c)\n  REPLACE(a + b AS d)'],
      ['snowflake', 'SELECT * EXCLUDE (c) REPLACE (a + b AS d)'],
      ['snowflake', 'SELECT * EXCLUDE c REPLACE (a + b AS d)'],
    ];
    for (const [dialect, select] of forms) {
      const ddl = dialect === 'bigquery' ? DDL : DDL.replace(/INT64/g, 'INT');
      expect(await edges(`${ddl}INSERT INTO dw.t2 ${select} FROM ods.t1;\n`, dialect), select).toEqual([id('a'), id('b'), ...D_FROM_A_B].sort());
    }
  });

  it('reads a Snowflake REPLACE with "quoted" names and inside a subquery', async () => {
    const script = `${DDL.replace(/INT64/g, 'INT')}INSERT INTO dw.t2 SELECT s.d FROM (SELECT * EXCLUDE "c" REPLACE ("a" + b AS "d") FROM ods.t1) s;\n`;
    expect(await edges(script, 'snowflake')).toEqual(D_FROM_A_B);
  });

  it('over a table of unknown columns: the table at dataset level, the replaced column from its expression', async () => {
    const edgesOut = await edges('INSERT INTO dw.t2 SELECT * REPLACE (a + b AS d) FROM ods.raw;\n', 'bigquery', 'check.sql#1');
    expect(edgesOut).toEqual(['ods.raw.* -> dw.t2.* DIRECT/IDENTITY', 'ods.raw.a -> dw.t2.d DIRECT/TRANSFORMATION', 'ods.raw.b -> dw.t2.d DIRECT/TRANSFORMATION']);
  });

  it('still locates an error inside the merged lists at its line and column', async () => {
    const file = path.join(dir, 'check.sql');
    await writeFile(file, 'INSERT INTO dw.t2\nSELECT * EXCEPT (c) REPLACE (a + ) AS d) FROM ods.t1;\n');
    const { errors } = await readSql({ path: file, dialect: 'bigquery', namespace: WAREHOUSE }, { store });
    expect(errors.map((e) => e.location)).toEqual(['check.sql:2:34']);
  });
});
