import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { fileDataset } from '../../../ingestors/sql/fileTransfers.js';
import { runIngestor } from '../../../ingestors/runIngestor.js';
import { sqlIngestor } from '../../../ingestors/sql/index.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { FIXTURES, WAREHOUSE, readSql } from './lineageFixtures.js';

describe('fileDataset: locations named as OpenLineage names datasets', () => {
  it('puts the bucket in the namespace and the key in the name; local paths in namespace file', () => {
    expect(fileDataset('s3://raw-bucket/events/2024/')).toEqual({ namespace: 's3://raw-bucket', name: 'events/2024/' });
    expect(fileDataset('s3a://b/k.parquet')).toEqual({ namespace: 's3://b', name: 'k.parquet' });
    expect(fileDataset('gs://b/dir/f.csv')).toEqual({ namespace: 'gs://b', name: 'dir/f.csv' });
    expect(fileDataset('hdfs://nn:8020/warehouse/t')).toEqual({ namespace: 'hdfs://nn:8020', name: '/warehouse/t' });
    expect(fileDataset('file:///data/x.csv')).toEqual({ namespace: 'file', name: '/data/x.csv' });
    expect(fileDataset('/tmp/users.csv')).toEqual({ namespace: 'file', name: '/tmp/users.csv' });
  });
});

describeEachEngine('sql ingestor: COPY / UNLOAD with bucket datasets', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(() => {
    store = shared.store();
  });

  it('reads and writes FILE assets in the bucket namespace, and stores them', async () => {
    const input = { path: path.join(FIXTURES, 'redshift', 'files.sql'), dialect: 'redshift', namespace: WAREHOUSE };
    const { changeset } = await readSql(input, { store });
    const files = (changeset.assets ?? []).filter((a) => a.kind === 'FILE').map((a) => `${a.namespace} ${a.name}`).sort();
    expect(files).toEqual(['s3://export-bucket events/part_', 's3://raw-bucket events/2024/']);
    const unload = (changeset.edges ?? []).find((e) => e.from.name === 'files.sql#2');
    expect(unload?.to).toEqual({ type: 'ASSET', namespace: 's3://export-bucket', name: 'events/part_' });
    expect((await runIngestor(store, sqlIngestor, input)).errors).toEqual([]);
    expect((await runIngestor(store, sqlIngestor, input)).versions).toEqual([]);
  });
});

describeEachEngine('sql ingestor: Snowflake stages and BigQuery EXPORT DATA', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(() => {
    store = shared.store();
  });

  it('names stages in namespace snowflake-stage, so the unload into a path and the load from it meet', async () => {
    const input = { path: path.join(FIXTURES, 'snowflake', 'stages.sql'), dialect: 'snowflake', namespace: WAREHOUSE };
    const { changeset } = await readSql(input, { store });
    const files = (changeset.assets ?? []).filter((a) => a.kind === 'FILE').map((a) => `${a.namespace} ${a.name}`).sort();
    expect(files).toEqual(['snowflake-stage %cards', 'snowflake-stage raw.exports/risk', 'snowflake-stage raw.landing/txn', 'snowflake-stage ~/backup']);
    // The loaded stage declares the columns the COPY lists, so its field edges have fields to start from.
    const landing = changeset.assets!.find((a) => a.name === 'raw.landing/txn');
    expect(landing?.definition?.fields?.map((f) => f.name).sort()).toEqual(['amount', 'card_id', 'txn_id']);
    expect((await runIngestor(store, sqlIngestor, input)).errors).toEqual([]);
  });

  it('puts EXPORT DATA and LOAD DATA FROM FILES on one gs:// dataset, the directory of the wildcard', async () => {
    const input = { path: path.join(FIXTURES, 'bigquery', 'export_load.sql'), dialect: 'bigquery', namespace: WAREHOUSE };
    const { changeset } = await readSql(input, { store });
    const files = (changeset.assets ?? []).filter((a) => a.kind === 'FILE').map((a) => `${a.namespace} ${a.name}`);
    expect(files).toEqual(['gs://risk-exports daily']);
    expect((await runIngestor(store, sqlIngestor, input)).errors).toEqual([]);
  });
});

describeEachEngine('sql ingestor: Exasol IMPORT / EXPORT', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(() => {
    store = shared.store();
  });

  it('names AT + FILE as COPY names its location (an AWS bucket URL as s3://), LOCAL files in namespace file', async () => {
    const input = { path: path.join(FIXTURES, 'exasol', 'files.sql'), dialect: 'exasol', namespace: WAREHOUSE };
    const { changeset, errors } = await readSql(input, { store });
    const files = (changeset.assets ?? []).filter((a) => a.kind === 'FILE').map((a) => `${a.namespace} ${a.name}`).sort();
    expect(files).toEqual(['file /tmp/customers.csv', 'file /tmp/totals.csv', 'ftp://files.example.com /exports/events.csv', 's3://backup orders/orders.csv', 's3://landing orders/day=2026-12-07/part-1.csv']);
    // A connection named by an identifier, or another database's table, names no file: skipped, as STDIN is.
    expect(errors).toEqual([]);
    expect((await runIngestor(store, sqlIngestor, input)).versions).toEqual([1]);
  });
});
