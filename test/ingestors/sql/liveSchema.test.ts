import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphStore } from '../../../graph-model/store/graphStore.js';
import { runIngestor } from '../../../ingestors/runIngestor.js';
import { sqlIngestor } from '../../../ingestors/sql/index.js';
import { actualComputations, type Expected } from './corpus.js';
import { FIXTURES, WAREHOUSE, readSql, fieldsOf } from './lineageFixtures.js';

const url = process.env.DATABASE_URL;
const CASE = path.join(FIXTURES, 'live_pg', 'star.sql');

/** On a real PostgreSQL only (DATABASE_URL): the schema of star.schema.sql is created there, and dropped after. */
describe.skipIf(!url)('sql ingestor: `*` expanded from a live PostgreSQL (--schema-from)', () => {
  let admin: pg.Client;
  let store: GraphStore;
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('DROP SCHEMA IF EXISTS live_risk CASCADE');
    await admin.query(readFileSync(CASE.replace(/\.sql$/, '.schema.sql'), 'utf8'));
    store = await GraphStore.open({ dataDir: 'memory' });
  });
  afterAll(async () => {
    await store?.close();
    await admin?.query('DROP SCHEMA IF EXISTS live_risk CASCADE');
    await admin?.end();
  });

  it('expands * and t.* from information_schema (also under SET search_path); a table the database lacks stays whole', async () => {
    const expected = JSON.parse(readFileSync(CASE.replace(/\.sql$/, '.expected.json'), 'utf8')) as Expected;
    const input = { path: CASE, dialect: 'postgresql', namespace: WAREHOUSE, schemaFrom: url! };
    const { changeset, errors } = await readSql(input, { store });
    expect(errors).toEqual([]);
    expect(actualComputations(changeset)).toEqual(expected.computations);
    // The columns keep the database's types.
    const cards = changeset.assets!.find((a) => a.name === 'live_risk.cards');
    expect(cards?.definition?.fields).toEqual([
      { name: 'card_id', type: 'bigint' },
      { name: 'holder', type: 'text' },
      { name: 'opened_on', type: 'date' },
    ]);
    expect((await runIngestor(store, sqlIngestor, input)).errors).toEqual([]);
    expect((await runIngestor(store, sqlIngestor, input)).versions).toEqual([]);
  });

  it('without --schema-from the same script knows no columns: * is the whole table', async () => {
    const { changeset } = await readSql({ path: CASE, dialect: 'postgresql', namespace: WAREHOUSE }, { store });
    expect(fieldsOf(changeset, 'mart.cards_copy')).toBeUndefined();
    expect(actualComputations(changeset)['star.sql#1']!.fieldEdges).toEqual(['live_risk.cards.* -> mart.cards_copy.* DIRECT/IDENTITY']);
  });

  it('refuses an unreachable database with its host, never its password', async () => {
    const input = { path: CASE, dialect: 'postgresql', namespace: WAREHOUSE, schemaFrom: 'postgres://u:s3cret@127.0.0.1:1/none' };
    const failure = readSql(input, { store });
    await expect(failure).rejects.toThrow(/127\.0\.0\.1/);
    await expect(readSql(input, { store })).rejects.not.toThrow(/s3cret/);
  });
});
