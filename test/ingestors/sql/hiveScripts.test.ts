import path from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { runIngestor } from '../../../ingestors/runIngestor.js';
import { sqlIngestor } from '../../../ingestors/sql/index.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { FIXTURES, WAREHOUSE, edgesOf, fieldEdgesOf, fieldsOf, readSql } from './lineageFixtures.js';

const input = { path: path.join(FIXTURES, 'hive_dw'), dialect: 'hive', namespace: WAREHOUSE };

describeEachEngine('sql ingestor: Hive ETL scripts', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(() => {
    store = shared.store();
  });

  it('INSERT ... SELECT with aliases and a join: identity, expressions, masking hash, join and filter columns', async () => {
    const { changeset, errors } = await readSql(input, { store });
    expect(errors).toEqual([]);
    expect(changeset.source).toBe('sql:hive://warehouse:hive_dw');
    expect(changeset.mode).toBe('full');
    // Statement 1 of the file is a SET: it counts in the numbering but defines no computation.
    const job = 'ods_to_dwd.sql#2';
    expect(changeset.computations!.find((c) => c.name === job)).toMatchObject({ namespace: WAREHOUSE, kind: 'QUERY' });
    expect(changeset.computations!.find((c) => c.name === job)!.definition!.code).toEqual({
      language: 'sql',
      text: expect.stringMatching(/^INSERT INTO TABLE dwd\.dwd_txn_enriched\n[\s\S]*WHERE t\.status = 'SUCCESS'$/),
    });
    expect(edgesOf(changeset, job)).toEqual(['reads ods.ods_payment_txn', 'reads ods.ods_user_profile', 'writes dwd.dwd_txn_enriched']);
    expect(fieldEdgesOf(changeset, job)).toEqual(
      [
        'ods.ods_payment_txn.txn_id -> dwd.dwd_txn_enriched.txn_id DIRECT/IDENTITY',
        'ods.ods_payment_txn.user_id -> dwd.dwd_txn_enriched.user_id DIRECT/IDENTITY',
        'ods.ods_payment_txn.amount -> dwd.dwd_txn_enriched.amount_cny DIRECT/TRANSFORMATION',
        'ods.ods_payment_txn.fx_rate -> dwd.dwd_txn_enriched.amount_cny DIRECT/TRANSFORMATION',
        'ods.ods_user_profile.risk_level -> dwd.dwd_txn_enriched.risk_level DIRECT/IDENTITY',
        'ods.ods_user_profile.id_card_no -> dwd.dwd_txn_enriched.id_card_hash DIRECT/TRANSFORMATION masked',
        'ods.ods_payment_txn.user_id -> dwd.dwd_txn_enriched.* INDIRECT/JOIN',
        'ods.ods_user_profile.user_id -> dwd.dwd_txn_enriched.* INDIRECT/JOIN',
        'ods.ods_payment_txn.status -> dwd.dwd_txn_enriched.* INDIRECT/FILTER',
      ].sort(),
    );
    // Input tables declare the columns referenced from them; the target its select list.
    expect(fieldsOf(changeset, 'ods.ods_user_profile')).toEqual(['user_id', 'risk_level', 'id_card_no']);
    expect(fieldsOf(changeset, 'dwd.dwd_txn_enriched')).toEqual(['txn_id', 'user_id', 'amount_cny', 'risk_level', 'id_card_hash']);
  });

  it('INSERT OVERWRITE TABLE ... PARTITION with aggregation, GROUP BY and HAVING', async () => {
    const { changeset } = await readSql(input, { store });
    const job = 'ods_to_dwd.sql#3';
    expect(edgesOf(changeset, job)).toEqual(['reads dwd.dwd_txn_enriched', 'writes dws.dws_user_txn_1d']);
    expect(fieldEdgesOf(changeset, job)).toEqual(
      [
        'dwd.dwd_txn_enriched.user_id -> dws.dws_user_txn_1d.user_id DIRECT/IDENTITY',
        'dwd.dwd_txn_enriched.txn_id -> dws.dws_user_txn_1d.txn_cnt DIRECT/AGGREGATION masked',
        'dwd.dwd_txn_enriched.amount_cny -> dws.dws_user_txn_1d.txn_amt DIRECT/AGGREGATION',
        'dwd.dwd_txn_enriched.user_id -> dws.dws_user_txn_1d.* INDIRECT/GROUP_BY',
        'dwd.dwd_txn_enriched.amount_cny -> dws.dws_user_txn_1d.* INDIRECT/FILTER',
      ].sort(),
    );
  });

  it('resolves a CTE and a subquery in FROM down to the base tables', async () => {
    const { changeset } = await readSql(input, { store });
    expect(edgesOf(changeset, 'features.sql#1')).toEqual(['reads dws.dws_user_txn_1d', 'writes feature.fea_user_7d']);
    expect(fieldEdgesOf(changeset, 'features.sql#1')).toEqual(
      [
        'dws.dws_user_txn_1d.user_id -> feature.fea_user_7d.user_id DIRECT/IDENTITY',
        'dws.dws_user_txn_1d.txn_amt -> feature.fea_user_7d.amt_7d DIRECT/AGGREGATION',
        'dws.dws_user_txn_1d.txn_cnt -> feature.fea_user_7d.max_cnt_1d DIRECT/AGGREGATION',
        // The CTE's filter shapes the result as much as the outer GROUP BY does.
        'dws.dws_user_txn_1d.dt -> feature.fea_user_7d.* INDIRECT/FILTER',
        'dws.dws_user_txn_1d.user_id -> feature.fea_user_7d.* INDIRECT/GROUP_BY',
      ].sort(),
    );
    expect(edgesOf(changeset, 'features.sql#2')).toEqual(['reads ods.ods_device_log', 'writes feature.fea_device_share']);
    expect(fieldEdgesOf(changeset, 'features.sql#2')).toEqual(
      [
        'ods.ods_device_log.device_id -> feature.fea_device_share.device_id DIRECT/IDENTITY',
        'ods.ods_device_log.user_id -> feature.fea_device_share.user_cnt DIRECT/AGGREGATION masked',
        'ods.ods_device_log.device_id -> feature.fea_device_share.* INDIRECT/GROUP_BY',
        // The outer WHERE filters on a column the subquery aggregated from user_id.
        'ods.ods_device_log.user_id -> feature.fea_device_share.* INDIRECT/FILTER',
      ].sort(),
    );
    // A CTE or subquery alias is not an asset.
    expect(changeset.assets!.map((a) => a.name)).not.toContain('recent');
  });

  it('SELECT * over a table the graph does not know is a dataset-level edge, with no field expansion', async () => {
    const { changeset } = await readSql(input, { store });
    expect(edgesOf(changeset, 'features.sql#3')).toEqual(['reads ods.ods_blacklist', 'writes dim.dim_blacklist']);
    expect(fieldEdgesOf(changeset, 'features.sql#3')).toEqual(['ods.ods_blacklist.* -> dim.dim_blacklist.* DIRECT/IDENTITY']);
    expect(fieldsOf(changeset, 'dim.dim_blacklist')).toBeUndefined();
  });

  it('SELECT * over a table another source declared expands to its columns, keeping their types', async () => {
    await store.apply({
      source: 'hive-metastore:prod',
      mode: 'full',
      assets: [
        {
          namespace: WAREHOUSE,
          name: 'ods.ods_blacklist',
          kind: 'TABLE',
          definition: { fields: [{ name: 'user_id', type: 'bigint' }, { name: 'reason', type: 'string' }, { name: 'Added_At', type: 'timestamp' }] },
        },
      ],
    });
    const { changeset } = await readSql(input, { store });
    expect(fieldEdgesOf(changeset, 'features.sql#3')).toEqual(
      [
        'ods.ods_blacklist.user_id -> dim.dim_blacklist.user_id DIRECT/IDENTITY',
        'ods.ods_blacklist.reason -> dim.dim_blacklist.reason DIRECT/IDENTITY',
        'ods.ods_blacklist.added_at -> dim.dim_blacklist.added_at DIRECT/IDENTITY',
      ].sort(),
    );
    expect(changeset.assets!.find((a) => a.name === 'ods.ods_blacklist')!.definition!.fields).toEqual([
      { name: 'user_id', type: 'bigint' },
      { name: 'reason', type: 'string' },
      { name: 'added_at', type: 'timestamp' },
    ]);
    expect(fieldsOf(changeset, 'dim.dim_blacklist')).toEqual(['user_id', 'reason', 'added_at']);
    const report = await runIngestor(store, sqlIngestor, input);
    expect(report.errors).toEqual([]);
    expect(report.versions).toEqual([2]);
  });

  it('commits as one full changeset, reports progress per statement, and re-ingesting creates no version', async () => {
    const progress: [number, number][] = [];
    const first = await runIngestor(store, sqlIngestor, input, { progress: (done, total) => progress.push([done, total]) });
    expect(first.errors).toEqual([]);
    expect(first.versions).toEqual([1]);
    expect(first.results[0]!.stats).toMatchObject({ nodesCreated: 14, edgesAdded: 11, fieldEdgesAdded: 24 });
    // 3 statements in ods_to_dwd.sql (the SET included) and 3 in features.sql.
    expect(progress).toEqual([1, 2, 3, 4, 5, 6].map((done) => [done, 6]));
    const job = await store.nodeByName('COMPUTATION', WAREHOUSE, 'ods_to_dwd.sql#2');
    expect(job).toMatchObject({ kind: 'QUERY' });
    const wide = await store.nodeByName('ASSET', WAREHOUSE, 'dwd.dwd_txn_enriched');
    expect((await store.fieldEdges(wide!.id)).filter((f) => f.outputId === wide!.id && f.masking)).toEqual([
      expect.objectContaining({ inputField: 'id_card_no', outputField: 'id_card_hash', transformationSubtype: 'TRANSFORMATION' }),
    ]);

    const again = await runIngestor(store, sqlIngestor, input);
    expect(again.versions).toEqual([]);
    expect(again.results[0]).toMatchObject({ version: 1, changed: false });
    expect(await store.currentVersion()).toBe(1);
  });
});
