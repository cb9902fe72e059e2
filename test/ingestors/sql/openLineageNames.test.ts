import path from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import type { Changeset } from '../../../graph-model/model.js';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { runIngestor } from '../../../ingestors/runIngestor.js';
import { sqlIngestor } from '../../../ingestors/sql/index.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { FIXTURES, WAREHOUSE, readSql } from './lineageFixtures.js';

/** `namespace name KIND [fields]` per asset, sorted. */
function assets(changeset: Changeset): string[] {
  return (changeset.assets ?? []).map((a) => `${a.namespace} ${a.name} ${a.kind} [${(a.definition?.fields ?? []).map((f) => f.name).join(',')}]`).sort();
}

function edges(changeset: Changeset): string[] {
  return (changeset.edges ?? []).map((e) => `${e.from.namespace}/${e.from.name} -> ${e.to.namespace}/${e.to.name}`).sort();
}

/**
 * Tables that are not tables of the script's namespace, named as OpenLineage names them
 * (https://openlineage.io/docs/spec/naming), so that the lineage meets what the Flink job's own
 * OpenLineage events and the topic's other producers and consumers report.
 */
describeEachEngine('sql ingestor: OpenLineage names of Flink connector tables and directory targets', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(() => {
    store = shared.store();
  });

  it('a Kafka table is its topic on kafka://<first bootstrap server>, a JDBC table the database table', async () => {
    const input = { path: path.join(FIXTURES, 'flink/kafka_temporal_join.sql'), dialect: 'flink', namespace: WAREHOUSE };
    const { changeset } = await readSql(input, { store });
    expect(assets(changeset)).toEqual([
      'kafka://kafka1:9092 payments STREAM [txn_id,card_no,merchant_id,amount,ts,proc_time]',
      'kafka://kafka1:9092 payments_enriched STREAM [txn_id,card_hash,amount,risk_tier]',
      'mysql://riskdb:3306 risk.merchants TABLE [merchant_id,risk_tier]',
    ]);
    const job = `${WAREHOUSE}/kafka_temporal_join.sql#5`;
    expect(edges(changeset)).toEqual([
      `${job} -> kafka://kafka1:9092/payments_enriched`,
      `kafka://kafka1:9092/payments -> ${job}`,
      `mysql://riskdb:3306/risk.merchants -> ${job}`,
    ]);
    for (const edge of changeset.fieldEdges ?? []) {
      expect([edge.input.namespace, edge.output.namespace]).not.toContain(WAREHOUSE);
    }
    expect((await runIngestor(store, sqlIngestor, input)).versions).toEqual([1]);
  });

  it('a directory written by INSERT OVERWRITE [LOCAL] DIRECTORY is a FILE: hdfs://<namenode> + path, file + path', async () => {
    const hive = await readSql({ path: path.join(FIXTURES, 'hive/lateral_view_directory.sql'), dialect: 'hive', namespace: WAREHOUSE }, { store });
    expect(assets(hive.changeset)).toContain('hdfs://nn1:8020 /export/risky_users FILE [user_key,tag_cnt]');
    const spark = await readSql({ path: path.join(FIXTURES, 'spark/cache_temp_view.sql'), dialect: 'spark', namespace: WAREHOUSE }, { store });
    expect(assets(spark.changeset)).toContain('file /tmp/export/user_spend FILE [user_id,spend]');
  });
});
