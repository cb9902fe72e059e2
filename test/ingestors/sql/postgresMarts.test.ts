import path from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { runIngestor } from '../../../ingestors/runIngestor.js';
import { sqlIngestor } from '../../../ingestors/sql/index.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { FIXTURES, edgesOf, fieldEdgesOf, fieldsOf, readSql } from './lineageFixtures.js';

const NS = 'postgres://reporting:5432';
const input = { path: path.join(FIXTURES, 'pg_mart'), dialect: 'postgresql', namespace: NS };

describeEachEngine('sql ingestor: PostgreSQL marts', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(() => {
    store = shared.store();
  });

  it('CREATE TABLE AS SELECT: aggregation, a CASE condition, join and grouping columns', async () => {
    const { changeset } = await readSql(input, { store });
    const job = 'marts.sql#1';
    expect(changeset.computations!.find((c) => c.name === job)).toMatchObject({ kind: 'QUERY' });
    expect(edgesOf(changeset, job)).toEqual(['reads ods.chargeback', 'reads ods.merchant', 'writes mart.merchant_risk_daily']);
    expect(fieldEdgesOf(changeset, job)).toEqual(
      [
        'ods.merchant.merchant_id -> mart.merchant_risk_daily.merchant_id DIRECT/IDENTITY',
        'ods.merchant.mcc -> mart.merchant_risk_daily.mcc DIRECT/IDENTITY',
        'ods.chargeback.amount -> mart.merchant_risk_daily.fraud_amt DIRECT/AGGREGATION',
        'ods.chargeback.is_fraud -> mart.merchant_risk_daily.fraud_amt INDIRECT/CONDITIONAL',
        'ods.chargeback.merchant_id -> mart.merchant_risk_daily.* INDIRECT/JOIN',
        'ods.merchant.merchant_id -> mart.merchant_risk_daily.* INDIRECT/JOIN',
        'ods.merchant.merchant_id -> mart.merchant_risk_daily.* INDIRECT/GROUP_BY',
        'ods.merchant.mcc -> mart.merchant_risk_daily.* INDIRECT/GROUP_BY',
        // COUNT(*) reads no column but counts the joined rows: both tables, as a whole.
        'ods.merchant.* -> mart.merchant_risk_daily.txn_cnt DIRECT/AGGREGATION masked',
        'ods.chargeback.* -> mart.merchant_risk_daily.txn_cnt DIRECT/AGGREGATION masked',
      ].sort(),
    );
    // txn_cnt is a column of the new table; the tables it counts declare no column for it.
    expect(fieldsOf(changeset, 'mart.merchant_risk_daily')).toEqual(['merchant_id', 'mcc', 'txn_cnt', 'fraud_amt']);
  });

  it('CREATE VIEW is a VIEW_DEFINITION writing a VIEW, resolved against the table created before it', async () => {
    const { changeset } = await readSql(input, { store });
    const job = 'marts.sql#2';
    expect(changeset.computations!.find((c) => c.name === job)).toMatchObject({ kind: 'VIEW_DEFINITION' });
    expect(changeset.assets!.find((a) => a.name === 'mart.v_high_risk_merchant')).toMatchObject({ kind: 'VIEW' });
    expect(edgesOf(changeset, job)).toEqual(['reads mart.merchant_risk_daily', 'writes mart.v_high_risk_merchant']);
    expect(fieldEdgesOf(changeset, job)).toEqual(
      [
        'mart.merchant_risk_daily.merchant_id -> mart.v_high_risk_merchant.merchant_id DIRECT/IDENTITY',
        'mart.merchant_risk_daily.fraud_amt -> mart.v_high_risk_merchant.fraud_amt DIRECT/IDENTITY',
        'mart.merchant_risk_daily.fraud_amt -> mart.v_high_risk_merchant.* INDIRECT/FILTER',
      ].sort(),
    );
  });

  it('reads MERGE through its own front end, reports a syntax error at file:line:column; the rest commits', async () => {
    const report = await runIngestor(store, sqlIngestor, input);
    expect(report.errors).toEqual([{ location: 'marts.sql:22:20', message: expect.stringMatching(/^Expected .* but "," found\.$/) }]);
    expect(report.versions).toEqual([1]);
    expect(await store.nodeByName('COMPUTATION', NS, 'marts.sql#4')).toBeNull();
    // The MERGE (node-sql-parser has no grammar for it) reads the daily mart and the target it joins on.
    const merge = await store.nodeByName('COMPUTATION', NS, 'marts.sql#3');
    const status = await store.nodeByName('ASSET', NS, 'dim.merchant_status');
    const daily = await store.nodeByName('ASSET', NS, 'mart.merchant_risk_daily');
    expect(merge).toMatchObject({ kind: 'QUERY' });
    expect((await store.edges(merge!.id)).map((e) => [e.from, e.to, e.kind]).sort()).toEqual(
      [
        [daily!.id, merge!.id, 'READS'],
        [status!.id, merge!.id, 'READS'],
        [merge!.id, status!.id, 'WRITES'],
      ].sort(),
    );
    expect(status!.definition.fields!.map((f) => f.name).sort()).toEqual(['merchant_id', 'risk_flag']);
    // The statement after the bad ones is committed, reading the view by its alias.
    const job = await store.nodeByName('COMPUTATION', NS, 'marts.sql#5');
    expect(job).toMatchObject({ kind: 'QUERY' });
    const queue = await store.nodeByName('ASSET', NS, 'mart.alert_queue');
    const view = await store.nodeByName('ASSET', NS, 'mart.v_high_risk_merchant');
    expect(queue!.definition.fields!.map((f) => f.name)).toEqual(['merchant_id', 'reason']);
    expect((await store.edges(job!.id)).map((e) => [e.from, e.to, e.kind]).sort()).toEqual(
      [
        [view!.id, job!.id, 'READS'],
        [job!.id, queue!.id, 'WRITES'],
      ].sort(),
    );
    expect((await store.fieldEdges(queue!.id)).map((f) => [f.inputId, f.inputField, f.outputField, f.transformationSubtype])).toEqual([
      [view!.id, 'merchant_id', 'merchant_id', 'IDENTITY'],
    ]);
  });

  it('ingests a single file, naming computations by its file name', async () => {
    const { changeset } = await readSql({ ...input, path: path.join(FIXTURES, 'pg_mart', 'marts.sql') }, { store });
    expect(changeset.source).toBe(`sql:${NS}:marts.sql`);
    expect(changeset.computations!.map((c) => c.name)).toEqual(['marts.sql#1', 'marts.sql#2', 'marts.sql#3', 'marts.sql#5']);
  });

  it('refuses an unknown dialect with a clear error', async () => {
    await expect(runIngestor(store, sqlIngestor, { ...input, dialect: 'cobol' })).rejects.toThrow(/unknown SQL dialect "cobol"; expected one of .*hive/);
    expect(await store.currentVersion()).toBe(0);
  });
});
