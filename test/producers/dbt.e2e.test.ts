import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeId } from '../../graph-model/ids.js';
import { startServe, type ServeProcess } from '../support/dctxServe.js';
import { createTestDatabase, POSTGRES_SKIP_REASON, type TestDatabase } from '../support/engines.js';
import { describeWithPytools, ROOT } from '../support/pytools.js';
import { graphql, runTool } from './runTool.js';

/**
 * dbt-core 1.11 with dbt-postgres and openlineage-dbt 1.54 (`dbt-ol`) on the project in
 * test/fixtures/dbt-project, run against its own database on the CI PostgreSQL and sending to a
 * real `dctx serve`. Expected lineage is dbt's own graph (target/manifest.json) and, for columns,
 * what the models' SQL says, by hand. One snapshot, two runs and one test invocation in all: each
 * dbt start is slow on a loaded machine.
 */

type Json = Record<string, any>;
const PROJECT = path.join(ROOT, 'test/fixtures/dbt-project');
const OL_NAMESPACE = 'dbt-e2e';

const NODES = `{ search(query: "", first: 40) { totalCount nodes { __typename id ... on Asset { namespace name }
  ... on Computation { namespace name inputs { nodes { id } } outputs { nodes { id } } } } } }`;
const RUNS = `query ($id: ID!) { node(id: $id) { ... on Computation { runs { nodes { state properties { key value } } } } } }`;
const FIELD_LINEAGE = `query ($id: ID!) { lineage(id: $id, direction: UPSTREAM, depth: 2, fieldLevel: true) {
  fieldEdges { input { id field } output { id field } } } }`;

const CHANGES_SINCE = `query ($v: Int!) { changes(since: $v) { version stats { runsRecorded } nodes { id } } }`;

const props = (list: { key: string; value: string }[]) => Object.fromEntries(list.map(({ key, value }) => [key, JSON.parse(value)]));

/** Runs on PostgreSQL only: dbt-postgres needs a server to build the models in. */
const describeOnPostgres: typeof describeWithPytools = process.env.DATABASE_URL
  ? describeWithPytools
  : (title, _tools, body) => describe.skip(`${title} (${POSTGRES_SKIP_REASON})`, body);

describeOnPostgres('dbt-ol 1.54 (dbt-core 1.11, dbt-postgres) → dctx serve', [{ bin: 'dbt-ol' }, { bin: 'dbt' }], () => {
  let store: TestDatabase;
  let warehouse: TestDatabase;
  let ingested: TestDatabase;
  let server: ServeProcess;
  let project: string;
  let namespace: string;
  let database: string;
  let manifest: Json;
  let nodes: Json[];
  let versionAfterFirst: number;
  let versionAfterSecond: number;
  let secondRun: string;
  let secondRunChanges: Json[] = [];
  let nodesAfterSecond: Json[] = [];

  const dbtEnv = () => {
    const url = new URL(warehouse.databaseUrl!);
    return {
      DBT_PG_HOST: url.hostname,
      DBT_PG_PORT: url.port || '5432',
      DBT_PG_USER: decodeURIComponent(url.username),
      DBT_PG_PASSWORD: decodeURIComponent(url.password),
      DBT_PG_DBNAME: url.pathname.slice(1),
      DBT_PROFILES_DIR: project,
      DBT_SEND_ANONYMOUS_USAGE_STATS: 'false',
      OPENLINEAGE_URL: server.base,
      OPENLINEAGE_NAMESPACE: OL_NAMESPACE,
    };
  };
  const dbtOl = (command: string) => runTool('dbt-ol', [command], { cwd: project, env: dbtEnv(), timeoutMs: 600_000 });
  const graphVersion = async () => (await graphql<Json>(server.base, '{ graphVersion }')).graphVersion as number;

  /** The relation a manifest node is, as `database.schema.table`. */
  const relationOf = (uniqueId: string) => {
    const node = manifest.nodes[uniqueId] ?? manifest.sources[uniqueId];
    const table = node.resource_type === 'source' ? node.identifier : node.alias;
    return `${node.database}.${node.schema}.${table}`;
  };
  const assetId = (relation: string) => nodeId('ASSET', namespace, relation);
  const relationOfId = (id: string) => nodes.find((n) => n.id === id)!.name as string;
  const built = () => Object.values<Json>(manifest.nodes).filter((n) => n.resource_type === 'model' || n.resource_type === 'snapshot');

  /** Every node with, for computations, their runs (asked one by one: the query's cost limit). */
  const readNodes = async (base: string) => {
    const { search } = await graphql<Json>(base, NODES);
    expect(search.nodes).toHaveLength(search.totalCount);
    for (const n of search.nodes as Json[]) if (n.__typename === 'Computation') n.runs = (await graphql<Json>(base, RUNS, { id: n.id })).node.runs;
    return search.nodes as Json[];
  };

  beforeAll(async () => {
    [store, warehouse, ingested] = await Promise.all([createTestDatabase('postgres'), createTestDatabase('postgres'), createTestDatabase('postgres')]);
    const client = new pg.Client({ connectionString: warehouse.databaseUrl });
    await client.connect();
    await client.query(readFileSync(path.join(PROJECT, 'seed.sql'), 'utf8'));
    await client.end();
    const url = new URL(warehouse.databaseUrl!);
    // dbt-postgres names datasets postgres://host:port (openlineage-dbt's PostgresAdapter), in this database.
    namespace = `postgres://${url.hostname}:${url.port || '5432'}`;
    database = url.pathname.slice(1);
    project = mkdtempSync(path.join(tmpdir(), 'dctx-dbt-'));
    cpSync(PROJECT, project, { recursive: true });
    server = await startServe(store.databaseUrl!, {}, 120_000);

    await dbtOl('snapshot');
    await dbtOl('run');
    // One test fails on purpose: dbt exits 1, dbt-ol passes that on after sending the results.
    await expect(dbtOl('test')).rejects.toThrow(/exited with 1/);
    // manifest.json is the same after every command here; run_results.json is the last command's.
    manifest = JSON.parse(readFileSync(path.join(project, 'target/manifest.json'), 'utf8'));
    versionAfterFirst = await graphVersion();
    nodes = await readNodes(server.base);
    secondRun = await dbtOl('run');
    versionAfterSecond = await graphVersion();
    secondRunChanges = (await graphql<Json>(server.base, CHANGES_SINCE, { v: versionAfterFirst })).changes;
    nodesAfterSecond = await readNodes(server.base);
  }, 1_500_000);

  afterAll(async () => {
    await server?.stop();
    if (project) rmSync(project, { recursive: true, force: true });
    await Promise.all([store, warehouse, ingested].map((d) => d?.dispose()));
  });

  it('reads back dbt’s graph model for model: what each model and snapshot reads is its depends_on', () => {
    const expected = built()
      .flatMap((n) => (n.depends_on.nodes as string[]).map((dep) => `${relationOf(dep)} -> ${relationOf(n.unique_id)}`))
      .sort();
    // By hand from the project: two staging views on the sources, the mart on both, the snapshot on customers.
    expect(expected).toEqual(
      [
        `${database}.analytics.stg_customers -> ${database}.analytics.customer_revenue`,
        `${database}.analytics.stg_orders -> ${database}.analytics.customer_revenue`,
        `${database}.raw.customers -> ${database}.analytics.stg_customers`,
        `${database}.raw.customers -> ${database}.snapshots.customers_snapshot`,
        `${database}.raw.orders -> ${database}.analytics.stg_orders`,
      ].sort(),
    );
    const writers = nodes.filter((n) => n.__typename === 'Computation' && n.outputs.nodes.length > 0);
    const readBack = writers.flatMap((j) => j.outputs.nodes.flatMap((o: Json) => j.inputs.nodes.map((i: Json) => `${relationOfId(i.id)} -> ${relationOfId(o.id)}`))).sort();
    expect(readBack).toEqual(expected);
    // Every dataset dbt-ol named is in the warehouse's namespace.
    expect(new Set(nodes.filter((n) => n.__typename === 'Asset').map((n) => n.namespace))).toEqual(new Set([namespace]));
    // One job per model and snapshot, each with one completed run per invocation that built it.
    for (const n of built()) {
      const job = writers.find((j) => j.outputs.nodes.some((o: Json) => o.id === assetId(relationOf(n.unique_id))))!;
      expect(job.namespace).toBe(OL_NAMESPACE);
      expect(job.runs.nodes.map((r: Json) => r.state)).toEqual(['COMPLETE']);
    }
  });

  it('reads back column lineage as the models’ SQL derives each column', async () => {
    const r = (table: string) => `${database}.${table}`;
    // By hand from models/*.sql (dbt-ol's columnLineage, from the compiled SQL).
    const expected: Record<string, string[]> = {
      'analytics.stg_customers': ['country <- raw.customers.country', 'customer_id <- raw.customers.id', 'customer_name <- raw.customers.name'],
      'analytics.stg_orders': ['amount <- raw.orders.amount', 'customer_id <- raw.orders.customer_id', 'order_id <- raw.orders.id', 'ordered_at <- raw.orders.ordered_at'],
      'analytics.customer_revenue': [
        'country <- analytics.stg_customers.country',
        'customer_id <- analytics.stg_customers.customer_id',
        'order_count <- analytics.stg_orders.order_id',
        'revenue <- analytics.stg_orders.amount',
      ],
    };
    for (const [table, columns] of Object.entries(expected)) {
      const id = assetId(r(table));
      const { lineage } = await graphql<Json>(server.base, FIELD_LINEAGE, { id });
      const into = (lineage.fieldEdges as Json[])
        .filter((e) => e.output.id === id && e.output.field !== '')
        .map((e) => `${e.output.field} <- ${relationOfId(e.input.id).slice(database.length + 1)}.${e.input.field}`);
      expect([...new Set(into)].sort(), table).toEqual(columns);
    }
  });

  it('records the test results as data quality facts of the tested models', () => {
    // Expected from the manifest's test nodes; the one accepted_values test fails by the seed ('US').
    const tests = Object.values<Json>(manifest.nodes).filter((n) => n.resource_type === 'test');
    expect(tests).toHaveLength(5);
    const byModel = new Map<string, Json[]>();
    for (const t of tests) {
      const relation = relationOf(t.attached_node);
      const assertion = { assertion: t.test_metadata.name, column: t.column_name, success: t.test_metadata.name !== 'accepted_values' };
      byModel.set(relation, [...(byModel.get(relation) ?? []), assertion]);
    }
    const sortAssertions = (list: Json[]) => [...list].sort((a, b) => `${a.assertion}.${a.column}`.localeCompare(`${b.assertion}.${b.column}`));
    const testJobs = nodes.filter((n) => n.__typename === 'Computation' && n.outputs.nodes.length === 0 && n.inputs.nodes.length > 0);
    expect(testJobs.map((j) => relationOfId(j.inputs.nodes[0].id)).sort()).toEqual([...byModel.keys()].sort());
    for (const [relation, assertions] of byModel) {
      const job = testJobs.find((j) => relationOfId(j.inputs.nodes[0].id) === relation)!;
      expect(job.runs.nodes).toHaveLength(1);
      const run = job.runs.nodes[0];
      expect(run.state, relation).toBe(assertions.every((a) => a.success) ? 'COMPLETE' : 'FAIL');
      const quality = props(run.properties).dataQuality as Json[];
      expect(quality.map((q) => ({ namespace: q.namespace, name: q.name }))).toEqual([{ namespace, name: relation }]);
      expect(sortAssertions(quality[0]!.assertions)).toEqual(sortAssertions(assertions));
    }
    expect([...byModel.values()].flat().filter((a) => !a.success)).toEqual([{ assertion: 'accepted_values', column: 'country', success: false }]);
  });

  it('a second dbt-ol run over unchanged models creates no graph version: its runs are recorded at the current one', () => {
    expect(secondRun).toMatch(/Emitted \d+ OpenLineage events/);
    expect(versionAfterFirst).toBeGreaterThan(0);
    // dbt-ol sends a START and a COMPLETE per model and for the invocation; none changes a node, edge or field.
    expect(versionAfterSecond).toBe(versionAfterFirst);
    expect(secondRunChanges).toEqual([]);
    // The graph read back is the same, but for one more completed run of each model's job.
    const strip = (list: Json[]) => list.map(({ runs: _runs, ...node }) => node);
    expect(strip(nodesAfterSecond)).toEqual(strip(nodes));
    for (const model of built().filter((n) => n.resource_type === 'model')) {
      const job = nodesAfterSecond.find((j) => j.__typename === 'Computation' && j.outputs.nodes.some((o: Json) => o.id === assetId(relationOf(model.unique_id))))!;
      expect(job.runs.nodes.map((r: Json) => r.state)).toEqual(['COMPLETE', 'COMPLETE']);
    }
  });

  it('dctx ingest dbt on the same manifest and run results names every table as dbt-ol did', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: ingested.databaseUrl! };
    delete env.DCTX_DATA_DIR;
    await promisify(execFile)(
      process.execPath,
      ['bin/dctx.js', 'ingest', 'dbt', path.join(project, 'target/manifest.json'), '--namespace', namespace, '--run-results', path.join(project, 'target/run_results.json')],
      { cwd: ROOT, env },
    );
    const reader = await startServe(ingested.databaseUrl!, {}, 120_000);
    try {
      const fromManifest = await readNodes(reader.base);
      const assetIds = (list: Json[]) => list.filter((n) => n.__typename === 'Asset').map((n) => n.id).sort();
      // Every relation of the manifest, by hand: two sources, three models, one snapshot.
      const relations = ['raw.customers', 'raw.orders', 'analytics.stg_customers', 'analytics.stg_orders', 'analytics.customer_revenue', 'snapshots.customers_snapshot'];
      const expected = relations.map((t) => assetId(`${database}.${t}`)).sort();
      expect(assetIds(fromManifest)).toEqual(expected);
      expect(assetIds(nodes)).toEqual(expected);
    } finally {
      await reader.stop();
    }
  });
});
