import { beforeEach, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { dbtIngestor } from '../../../ingestors/dbt/index.js';
import { runIngestor } from '../../../ingestors/runIngestor.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { assetId, computationId, fixturePath, graphContents } from './dbtFixtures.js';

const NS = 'bigquery';
const input = () => ({ manifestPath: fixturePath('small_manifest.json'), namespace: NS });
const SOURCE_TABLE = 'random-gcp-project.dbt_test1.source_table';
const TEST_MODEL = 'random-gcp-project.dbt_test1.test_model';
const MODEL_ID = 'model.dbt_test.test_model';

describeEachEngine('dbt ingestor: small manifest (schema v2)', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(() => {
    store = shared.store();
  });

  it('commits the source, the view model and its computation as one full changeset of dbt:<project>', async () => {
    const progress: [number, number][] = [];
    const report = await runIngestor(store, dbtIngestor(), input(), { progress: (done, total) => progress.push([done, total]) });
    expect(report).toMatchObject({ source: 'dbt:dbt_test', versions: [1], errors: [] });
    expect(await store.changeset(1)).toMatchObject({ source: 'dbt:dbt_test', mode: 'full' });
    expect(progress).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(await graphContents(store)).toEqual({
      nodes: [`ASSET TABLE ${SOURCE_TABLE}`, `ASSET VIEW ${TEST_MODEL}`, `COMPUTATION VIEW_DEFINITION ${MODEL_ID}`],
      edges: [`${MODEL_ID} WRITES ${TEST_MODEL}`, `${SOURCE_TABLE} READS ${MODEL_ID}`],
    });
  });

  it('describes each asset with its columns, docs, owners and dbt properties', async () => {
    await runIngestor(store, dbtIngestor(), input());
    expect((await store.node(assetId(NS, SOURCE_TABLE)))!.definition).toEqual({
      description: 'A source table',
      properties: {
        uniqueId: 'source.dbt_test.dbt_test1.source_table',
        resourceType: 'source',
        packageName: 'dbt_test',
        originalFilePath: 'models/example/schema.yml',
        sourceName: 'dbt_test1',
      },
    });
    expect((await store.node(assetId(NS, TEST_MODEL)))!.definition).toEqual({
      description: 'A starter dbt model',
      fields: [{ name: 'id', description: 'The primary key for this table' }],
      owners: [{ name: 'data_team' }],
      properties: {
        uniqueId: MODEL_ID,
        resourceType: 'model',
        materialized: 'view',
        packageName: 'dbt_test',
        originalFilePath: 'models/example/test_model.sql',
        meta: { owner: 'data_team' },
      },
    });
  });

  it('gives the model computation its compiled SQL (compiled_sql in old manifests)', async () => {
    await runIngestor(store, dbtIngestor(), input());
    const model = await store.node(computationId(NS, MODEL_ID));
    expect(model).toMatchObject({ type: 'COMPUTATION', namespace: NS, name: MODEL_ID, kind: 'VIEW_DEFINITION' });
    expect(model!.definition).toEqual({
      description: 'A starter dbt model',
      code: { language: 'sql', text: 'select *\nfrom `random-gcp-project`.`dbt_test1`.`source_table`\nwhere id = 1' },
      owners: [{ name: 'data_team' }],
      properties: { resourceType: 'model', materialized: 'view', packageName: 'dbt_test', originalFilePath: 'models/example/test_model.sql' },
    });
    const edges = await store.edges(computationId(NS, MODEL_ID));
    expect(edges.map((e) => [e.from, e.to, e.kind]).sort()).toEqual(
      [
        [assetId(NS, SOURCE_TABLE), computationId(NS, MODEL_ID), 'READS'],
        [computationId(NS, MODEL_ID), assetId(NS, TEST_MODEL), 'WRITES'],
      ].sort(),
    );
  });

  it('creates no new version when the same manifest is ingested again', async () => {
    const first = await runIngestor(store, dbtIngestor(), input());
    const second = await runIngestor(store, dbtIngestor(), input());
    expect(first.versions).toEqual([1]);
    expect(second).toMatchObject({ versions: [], errors: [] });
    expect(second.results).toEqual([expect.objectContaining({ version: 1, changed: false })]);
    expect(await store.currentVersion()).toBe(1);
  });
});
