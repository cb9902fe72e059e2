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
