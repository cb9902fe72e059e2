import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Changeset, NodeAssertion } from '../../../graph-model/model.js';
import { dbtIngestor } from '../../../ingestors/dbt/index.js';
import { loadManifest } from '../../../ingestors/dbt/loadManifest.js';
import { manifestToChangeset } from '../../../ingestors/dbt/manifestToChangeset.js';
import { dbtRunId } from '../../../ingestors/dbt/runId.js';
import { runStateOf } from '../../../ingestors/dbt/runStatus.js';
import { fixturePath, scratchDirectory } from './dbtFixtures.js';

const NS = 'spark://lake';

/** A node the way dbt <= 1.2 (manifest v4-v6) writes it: raw_sql/compiled_sql. */
function oldNode(resourceType: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    unique_id: `${resourceType}.shop.${name}`,
    resource_type: resourceType,
    package_name: 'shop',
    name,
    alias: name,
    database: 'lake',
    schema: 'analytics',
    config: { enabled: true, materialized: resourceType === 'model' ? 'view' : resourceType },
    tags: [],
    meta: {},
    columns: {},
    description: '',
    depends_on: { macros: [], nodes: [] },
    ...extra,
  };
}

function manifestOf(version: number, nodes: Record<string, unknown>[], sources: Record<string, unknown>[] = [], extra: Record<string, unknown> = {}) {
  return {
    metadata: { dbt_schema_version: `https://schemas.getdbt.com/dbt/manifest/v${version}.json`, dbt_version: '1.1.0' },
    nodes: Object.fromEntries(nodes.map((n) => [n.unique_id, n])),
    sources: Object.fromEntries(sources.map((s) => [s.unique_id, s])),
    macros: {},
    ...extra,
  };
}

const EVENTS_SOURCE = {
  unique_id: 'source.shop.raw.events',
  resource_type: 'source',
  package_name: 'shop',
  source_name: 'raw',
  name: 'events',
  identifier: 'events_v2',
  database: null,
  schema: 'raw',
  loader: 'fivetran',
  source_meta: { owner: 'ingest-team' },
  columns: { id: { name: 'id', data_type: 'bigint', description: '' } },
  config: { enabled: true },
  tags: ['pii'],
};

describe('dbt ingestor: manifest versions and materializations', () => {
  let scratch: ReturnType<typeof scratchDirectory>;
  beforeEach(() => {
    scratch = scratchDirectory();
  });
  afterEach(() => scratch.dispose());

  const changesetOf = (manifest: unknown) => {
    const path = scratch.write('manifest.json', manifest);
    const batch = manifestToChangeset(loadManifest(path), { source: 'dbt:test', namespace: NS });
    return { ...batch, path };
  };
  const byName = (nodes: NodeAssertion[] | undefined) => new Map((nodes ?? []).map((n) => [n.name, n]));
  const edgeList = (changeset: Changeset) => (changeset.edges ?? []).map((e) => `${e.from.name} -> ${e.to.name}`).sort();

  it('reads a v5 manifest: raw_sql/compiled_sql, incremental, snapshot, materialized view, custom, python and ephemeral models', () => {
    const dep = (...ids: string[]) => ({ depends_on: { macros: [], nodes: ids } });
    const { changeset, errors } = changesetOf(
      manifestOf(
        5,
        [
          oldNode('model', 'sessions', {
            config: { enabled: true, materialized: 'incremental', tags: 'daily' },
            raw_sql: "select * from {{ source('raw', 'events') }}",
            compiled_sql: 'select * from raw.events_v2',
            ...dep('source.shop.raw.events'),
          }),
          oldNode('model', 'only_raw', { raw_sql: "select 1 from {{ ref('sessions') }}", ...dep('model.shop.sessions') }),
          oldNode('model', 'mv', { config: { materialized: 'materialized_view' }, compiled_sql: 'select 2', ...dep('model.shop.sessions') }),
          oldNode('model', 'inlined', { config: { materialized: 'ephemeral' }, ...dep('model.shop.sessions', 'source.shop.raw.events') }),
          oldNode('model', 'custom', { config: { materialized: 'iceberg_table' }, ...dep('model.shop.inlined') }),
          oldNode('model', 'scored', { language: 'python', raw_code: 'def model(dbt, session): ...', config: { materialized: 'table' }, ...dep('model.shop.custom') }),
          oldNode('snapshot', 'sessions_snapshot', { schema: 'snapshots', compiled_sql: 'select * from analytics.sessions', ...dep('model.shop.sessions') }),
          oldNode('model', 'retired', { config: { enabled: false, materialized: 'table' } }),
          oldNode('analysis', 'adhoc', dep('model.shop.sessions', 'model.shop.nowhere')),
          oldNode('test', 'not_null_sessions_id', dep('model.shop.nowhere')),
        ],
        [EVENTS_SOURCE],
      ),
    );
    // Analyses and tests are not ingested, nor are their dependencies checked.
    expect(errors).toEqual([]);
    const assets = byName(changeset.assets);
    expect([...assets].map(([name, a]) => `${a.kind} ${name}`).sort()).toEqual([
      'DATASET lake.analytics.custom',
      'TABLE lake.analytics.scored',
      'TABLE lake.analytics.sessions',
      'TABLE lake.snapshots.sessions_snapshot',
      // No database (Spark): schema.identifier, with the identifier rather than the source's name.
      'TABLE raw.events_v2',
      'VIEW lake.analytics.mv',
      'VIEW lake.analytics.only_raw',
    ].sort());
    const computations = byName(changeset.computations);
    expect([...computations].map(([name, c]) => `${c.kind} ${name}`).sort()).toEqual([
      'BATCH_JOB model.shop.custom',
      'BATCH_JOB model.shop.scored',
      'BATCH_JOB model.shop.sessions',
      'BATCH_JOB snapshot.shop.sessions_snapshot',
      'VIEW_DEFINITION model.shop.mv',
      'VIEW_DEFINITION model.shop.only_raw',
    ]);
    expect(computations.get('model.shop.sessions')!.definition!.code).toEqual({ language: 'sql', text: 'select * from raw.events_v2' });
    expect(computations.get('model.shop.only_raw')!.definition!.code).toEqual({ language: 'sql', text: "select 1 from {{ ref('sessions') }}" });
    expect(computations.get('model.shop.scored')!.definition!.code).toEqual({ language: 'python', text: 'def model(dbt, session): ...' });
    expect(computations.get('model.shop.sessions')!.definition!.properties).toMatchObject({ materialized: 'incremental', tags: ['daily'] });
    expect(edgeList(changeset)).toEqual(
      [
        'raw.events_v2 -> model.shop.sessions',
        'model.shop.sessions -> lake.analytics.sessions',
        'lake.analytics.sessions -> model.shop.only_raw',
        'model.shop.only_raw -> lake.analytics.only_raw',
        'lake.analytics.sessions -> model.shop.mv',
        'model.shop.mv -> lake.analytics.mv',
        // `custom` reads the ephemeral `inlined`, i.e. what `inlined` reads.
        'lake.analytics.sessions -> model.shop.custom',
        'raw.events_v2 -> model.shop.custom',
        'model.shop.custom -> lake.analytics.custom',
        'lake.analytics.custom -> model.shop.scored',
        'model.shop.scored -> lake.analytics.scored',
        'lake.analytics.sessions -> snapshot.shop.sessions_snapshot',
        'snapshot.shop.sessions_snapshot -> lake.snapshots.sessions_snapshot',
      ].sort(),
    );
    expect(assets.get('raw.events_v2')!.definition).toEqual({
      fields: [{ name: 'id', type: 'bigint' }],
      owners: [{ name: 'ingest-team' }],
      properties: {
        uniqueId: 'source.shop.raw.events',
        resourceType: 'source',
        packageName: 'shop',
        sourceName: 'raw',
        loader: 'fivetran',
        tags: ['pii'],
        meta: { owner: 'ingest-team' },
      },
    });
  });

  it('adds the owner of the node’s group (v10+) to its meta owner', () => {
    const model = oldNode('model', 'revenue', {
      config: { materialized: 'table', group: 'finance', meta: { owner: ['ana', 'bo'] } },
      compiled_code: 'select 1',
    });
    const groups = { 'group.shop.finance': { name: 'finance', package_name: 'shop', owner: { name: null, email: 'finance@example.com' } } };
    const { changeset } = changesetOf(manifestOf(12, [model], [], { groups }));
    const owners = [{ name: 'ana' }, { name: 'bo' }, { name: 'finance@example.com' }];
    expect(byName(changeset.assets).get('lake.analytics.revenue')!.definition!.owners).toEqual(owners);
    expect(byName(changeset.computations).get('model.shop.revenue')!.definition!.owners).toEqual(owners);
  });

  it('asserts one asset when a source is declared on a table a model builds, described by the model', () => {
    const model = oldNode('model', 'orders', { config: { materialized: 'table' }, description: 'built here' });
    const source = { ...EVENTS_SOURCE, unique_id: 'source.shop.raw.orders', identifier: 'orders', database: 'lake', schema: 'analytics', description: 'declared' };
    const reader = oldNode('model', 'report', { depends_on: { nodes: ['source.shop.raw.orders'] } });
    const { changeset, errors } = changesetOf(manifestOf(8, [model, reader], [source]));
    expect(errors).toEqual([]);
    const orders = (changeset.assets ?? []).filter((a) => a.name === 'lake.analytics.orders');
    expect(orders).toHaveLength(1);
    expect(orders[0]!.definition!.description).toBe('built here');
    expect(edgeList(changeset)).toContain('lake.analytics.orders -> model.shop.report');
  });

  it('names the source after metadata.project_name, else the package owning most nodes', () => {
    const ingestor = dbtIngestor();
    expect(ingestor.sourceId({ manifestPath: fixturePath('duckdb_manifest.json'), namespace: NS })).toBe('dbt:jaffle_shop');
    expect(ingestor.sourceId({ manifestPath: fixturePath('small_manifest.json'), namespace: NS })).toBe('dbt:dbt_test');
    const withPackage = manifestOf(4, [
      oldNode('model', 'a'),
      oldNode('model', 'b'),
      { ...oldNode('model', 'util'), unique_id: 'model.dbt_utils.util', package_name: 'dbt_utils' },
    ]);
    expect(ingestor.sourceId({ manifestPath: scratch.write('m.json', withPackage), namespace: NS })).toBe('dbt:shop');
    expect(ingestor.sourceId({ manifestPath: scratch.write('empty.json', manifestOf(4, [])), namespace: 'fallback' })).toBe('dbt:fallback');
  });

  it('reads the schema version from metadata.dbt_schema_version', () => {
    expect(loadManifest(fixturePath('small_manifest.json')).schemaVersion).toBe(2);
    expect(loadManifest(fixturePath('duckdb_manifest.json')).schemaVersion).toBe(12);
    expect(loadManifest(scratch.write('bare.json', { nodes: {} })).schemaVersion).toBeNull();
  });

  it('refuses a file that is not a manifest rather than retracting everything the source asserted', () => {
    const runResults = { metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/run-results/v6.json' }, nodes: {}, results: [] };
    expect(() => loadManifest(scratch.write('rr.json', runResults))).toThrow(/is not a dbt manifest: its schema is .*run-results/);
    expect(() => loadManifest(scratch.write('list.json', [1, 2]))).toThrow(/is not a dbt manifest/);
    expect(() => loadManifest(`${scratch.write('x.json', {})}.missing`)).toThrow(/cannot read dbt manifest/);
  });

  it('reports progress over manifest items and run results', () => {
    const path = fixturePath('duckdb_manifest.json');
    const calls: [number, number][] = [];
    manifestToChangeset(loadManifest(path), { source: 'dbt:x', namespace: NS, progress: (done, total) => calls.push([done, total]) });
    expect(calls).toHaveLength(10);
    expect(calls.at(-1)).toEqual([10, 10]);
  });

  it('derives run ids as UUIDs stable across reads and distinct per node and invocation', () => {
    const invocation = 'd205f9ce-0e55-4a5f-9f69-bfa170867a41';
    const id = dbtRunId(invocation, 'model.jaffle_shop.customers');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(dbtRunId(invocation, 'model.jaffle_shop.customers')).toBe(id);
    expect(dbtRunId(invocation, 'model.jaffle_shop.orders')).not.toBe(id);
    expect(dbtRunId('another-invocation', 'model.jaffle_shop.customers')).not.toBe(id);
  });

  it('maps dbt statuses to run states', () => {
    expect(
      ['success', 'pass', 'warn', 'no-op', 'error', 'fail', 'runtime error', 'skipped', 'partial success', 'something new'].map(runStateOf),
    ).toEqual(['COMPLETE', 'COMPLETE', 'COMPLETE', 'COMPLETE', 'FAIL', 'FAIL', 'FAIL', 'ABORT', 'OTHER', 'OTHER']);
  });
});
