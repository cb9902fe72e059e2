import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { runIngestor } from '../../../ingestors/runIngestor.js';
import { sqlIngestor } from '../../../ingestors/sql/index.js';
import { clickhouseTableFunctions } from '../../../ingestors/sql/tableFunctions.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { FIXTURES, WAREHOUSE, readSql } from './lineageFixtures.js';

/** Where each table function of a statement is read from, as `namespace name kind`. */
function datasets(sql: string): string[] {
  const out = clickhouseTableFunctions(sql);
  if ('refused' in out) throw new Error(out.refused);
  return [...out.locations.values()].map((l) => `${l.namespace} ${l.name} ${l.kind}`);
}

describe('ClickHouse table functions (tableFunctions.ts)', () => {
  it('name buckets, files and databases as OpenLineage names them', () => {
    expect(datasets("SELECT * FROM s3('s3://raw/events/2026/01.parquet')")).toEqual(['s3://raw events/2026/01.parquet FILE']);
    // s3 over HTTPS: virtual-hosted AWS, path style on another endpoint, Google's host.
    expect(datasets("SELECT * FROM s3('https://raw.s3.amazonaws.com/a/b.csv')")).toEqual(['s3://raw a/b.csv FILE']);
    expect(datasets("SELECT * FROM s3('http://minio:9000/raw/a/b.csv')")).toEqual(['s3://raw a/b.csv FILE']);
    expect(datasets("SELECT * FROM gcs('https://storage.googleapis.com/lake/x/y.json')")).toEqual(['gs://lake x/y.json FILE']);
    // A glob names the directory before it.
    expect(datasets("SELECT * FROM file('logs/{a,b}/part-*.csv', 'CSV')")).toEqual(['file logs FILE']);
    expect(datasets("SELECT * FROM hdfs('hdfs://nn:8020/w/day=*/x.orc')")).toEqual(['hdfs://nn:8020 /w FILE']);
    expect(datasets("SELECT * FROM url('https://example.com/a.tsv', 'TSV')")).toEqual(['https://example.com /a.tsv FILE']);
    expect(datasets("SELECT * FROM mysql('db', 'shop', 'Orders', 'u', 'p')")).toEqual(['mysql://db:3306 shop.orders TABLE']);
    expect(datasets("SELECT * FROM postgresql('pg:6432', 'crm', 'accounts', 'u', 'p')")).toEqual(['postgres://pg:6432 crm.public.accounts TABLE']);
    expect(datasets("SELECT * FROM postgresql(host = 'pg', database = 'crm', table = 'a', user = 'u', password = 'p')")).toEqual(['postgres://pg:5432 crm.public.a TABLE']);
  });

  it('keep every character where it was, remote tables by their own name; generated rows and expressions untouched', () => {
    const sql = "SELECT r.id, n.number, EXTRACT(DAY FROM toDate(r.ts))\nFROM remote('h:9000', raw, users) AS r, numbers(10) AS n";
    const out = clickhouseTableFunctions(sql);
    expect(out).toMatchObject({ text: expect.any(String) });
    const text = (out as { text: string }).text;
    expect(text.length).toBe(sql.length);
    expect(text.split('\n').map((line) => line.length)).toEqual(sql.split('\n').map((line) => line.length));
    expect(text.replace(/ +/g, ' ')).toBe('SELECT r.id, n.number, EXTRACT(DAY FROM toDate(r.ts))\nFROM "raw"."users" AS r, numbers(10) AS n');
  });

  it('refuse a function whose dataset is unknown, at the function', () => {
    expect(clickhouseTableFunctions('SELECT 1 FROM t JOIN myUdf(1) AS u ON true')).toEqual({ refused: expect.stringContaining('myUdf(...) is unknown'), offset: 21 });
    expect(clickhouseTableFunctions("SELECT * FROM s3(my_collection, format = 'CSV')")).toEqual({ refused: expect.stringContaining('s3(...) is not read'), offset: 14 });
    expect(clickhouseTableFunctions("INSERT INTO FUNCTION null('a Int') SELECT 1")).toEqual({ refused: expect.stringContaining('writes no dataset'), offset: 21 });
  });
});

describeEachEngine('sql ingestor: ClickHouse table functions', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(() => {
    store = shared.store();
  });

  it('puts the datasets read and written in their own namespaces, and stores them', async () => {
    const input = { path: path.join(FIXTURES, 'clickhouse', 'table_functions.sql'), dialect: 'clickhouse', namespace: WAREHOUSE };
    const { changeset } = await readSql(input, { store });
    const outside = (changeset.assets ?? []).filter((a) => a.namespace !== WAREHOUSE).map((a) => `${a.kind} ${a.namespace} ${a.name}`).sort();
    expect(outside).toEqual([
      'FILE file exports/revenue.csv',
      'FILE hdfs://nn:8020 /warehouse/daily/',
      'FILE https://example.com /feeds/prices.tsv',
      'FILE s3://landing clicks',
      'FILE s3://landing events/2026',
      'TABLE mysql://shop-db:3306 shop.orders',
      'TABLE postgres://crm:5432 crm.sales.accounts',
    ]);
    // No stand-in name reaches the graph.
    expect(JSON.stringify(changeset)).not.toMatch(/tf\.[0-9a-f]{6}/);
    const written = (changeset.edges ?? []).find((e) => e.from.name === 'table_functions.sql#7');
    expect(written?.to).toEqual({ type: 'ASSET', namespace: 'file', name: 'exports/revenue.csv' });
    expect((await runIngestor(store, sqlIngestor, input)).versions).toEqual([1]);
    expect((await runIngestor(store, sqlIngestor, input)).versions).toEqual([]);
  });
});
