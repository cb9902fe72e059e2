import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { WAREHOUSE, fieldEdgesOf, readSql } from './lineageFixtures.js';

// `user_name` is the first item's alias; whether it is that alias or a column of ods.users depends on the dialect.
const LATERAL = 'INSERT INTO dw.t SELECT name AS user_name, user_name || email AS id FROM ods.users';
const USER_NAME = 'ods.users.name -> dw.t.user_name DIRECT/IDENTITY';
const EMAIL = 'ods.users.email -> dw.t.id DIRECT/TRANSFORMATION';
const VIA_ALIAS = 'ods.users.name -> dw.t.id DIRECT/TRANSFORMATION';
const VIA_COLUMN = 'ods.users.user_name -> dw.t.id DIRECT/TRANSFORMATION';

describeEachEngine('sql ingestor: lateral column aliases per dialect', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  let dir: string;
  beforeEach(async () => {
    store = shared.store();
    dir = await mkdtemp(path.join(tmpdir(), 'sql-lateral-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function edges(script: string, dialect: string, computation = 'check.sql#1'): Promise<string[]> {
    const file = path.join(dir, 'check.sql');
    await writeFile(file, script);
    const { changeset, errors } = await readSql({ path: file, dialect, namespace: WAREHOUSE }, { store });
    expect(errors).toEqual([]);
    return fieldEdgesOf(changeset, computation);
  }

  it('reads the earlier item in dialects with lateral column aliases, also over a table of unknown columns', async () => {
    for (const dialect of ['snowflake', 'redshift', 'duckdb']) {
      expect(await edges(`${LATERAL};\n`, dialect), dialect).toEqual([EMAIL, VIA_ALIAS, USER_NAME].sort());
    }
  });

  it('reads a column of the table in dialects without them', async () => {
    for (const dialect of ['postgresql', 'mysql', 'trino', 'tsql']) {
      expect(await edges(`${LATERAL};\n`, dialect), dialect).toEqual([EMAIL, VIA_COLUMN, USER_NAME].sort());
    }
  });

  it('gives both readings where the dialect leaves it open (BigQuery option, generic ANSI)', async () => {
    for (const dialect of ['bigquery', 'ansi']) {
      expect(await edges(`${LATERAL};\n`, dialect), dialect).toEqual([EMAIL, VIA_ALIAS, VIA_COLUMN, USER_NAME].sort());
    }
  });

  it('lets a column the table is known to have win over the alias, in every reading', async () => {
    const ddl = 'CREATE TABLE ods.users (name varchar(20), email varchar(20), user_name varchar(20));\n';
    for (const dialect of ['snowflake', 'postgresql', 'ansi']) {
      expect(await edges(`${ddl}${LATERAL};\n`, dialect, 'check.sql#2'), dialect).toEqual([EMAIL, VIA_COLUMN, USER_NAME].sort());
    }
  });

  it('reads the alias where the known table lacks such a column, in dialects with lateral aliases', async () => {
    const ddl = 'CREATE TABLE ods.users (name varchar(20), email varchar(20));\n';
    expect(await edges(`${ddl}${LATERAL};\n`, 'snowflake', 'check.sql#2')).toEqual([EMAIL, VIA_ALIAS, USER_NAME].sort());
  });
});
