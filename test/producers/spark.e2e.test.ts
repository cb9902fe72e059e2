import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServe, type ServeProcess } from '../support/dctxServe.js';
import { describeWithPytools, JARS, ROOT } from '../support/pytools.js';
import { graphql, runTool } from './runTool.js';

/**
 * pyspark 4.3 in local mode with the openlineage-spark 1.53 listener, sending to a real `dctx serve`
 * (test/producers/spark/jobs.py): a CTAS, an INSERT OVERWRITE with a join and an aggregate, a
 * MERGE-like overwrite, and a job that fails. Expected lineage is what the SQL says, by hand.
 * One Spark session for the whole file: starting Spark is the slow part.
 */

type Json = Record<string, any>;
const SCRIPT = path.join(ROOT, 'test/producers/spark/jobs.py');

const NODES = `{ search(query: "", first: 100) { totalCount nodes { __typename id ... on Asset { namespace name } ... on Computation { namespace name } } } }`;
const JOB = `query ($ns: String!, $name: String!) { computation(namespace: $ns, name: $name) { id namespace name
  inputs { nodes { name } } outputs { nodes { name } } runs { nodes { runId state properties { key value } } } } }`;
const FIELD_LINEAGE = `query ($id: ID!) { lineage(id: $id, direction: UPSTREAM, depth: 2, fieldLevel: true) {
  fieldEdges { computation input { id field } output { id field } transformationType } } }`;

describeWithPytools('openlineage-spark 1.53 listener in pyspark 4.3 local mode → dctx serve', [{ bin: 'python' }, { module: 'pyspark' }, { jar: 'openlineage-spark_2.13' }], () => {
  let server: ServeProcess;
  let warehouse: string;
  let output: string;
  let assets: Json[];
  let jobs: Json[];
  /** The table a Spark dataset is: its path's last part (datasets are named by their warehouse path). */
  const table = (name: string) => name.split('/').at(-1)!;
  const assetId = (t: string) => assets.find((a) => table(a.name) === t)?.id;
  const tables = (list: Json[]) => list.map((n) => table(n.name)).sort();
  /**
   * The jobs writing table `t` that read what `reads` lists (Spark names a job after its app, the
   * plan's root command and its output, and the names differ across Spark versions: found by I/O).
   */
  const writer = (t: string, reads: string[], named = /./) => {
    const found = jobs.filter(
      (j) => named.test(j.name) && tables(j.outputs.nodes).includes(t) && JSON.stringify(tables(j.inputs.nodes)) === JSON.stringify([...reads].sort()),
    );
    expect(found.map((j) => j.name)).toHaveLength(1);
    return found[0]!;
  };
  /** DIRECT field edges into table `t` asserted by `job`, as `out <- table.in`. */
  const directInto = async (t: string, job: Json) => {
    const { lineage } = await graphql<Json>(server.base, FIELD_LINEAGE, { id: assetId(t) });
    return (lineage.fieldEdges as Json[])
      .filter((e) => e.output.id === assetId(t) && e.computation === job.id && e.transformationType === 'DIRECT')
      .map((e) => `${e.output.field} <- ${table(assets.find((a) => a.id === e.input.id)!.name)}.${e.input.field}`)
      .sort();
  };

  beforeAll(async () => {
    server = await startServe(null, {}, 240_000);
    warehouse = mkdtempSync(path.join(tmpdir(), 'dctx-spark-'));
    const jar = path.join(JARS, readdirSync(JARS).find((name) => name.startsWith('openlineage-spark_2.13'))!);
    output = await runTool('python', [SCRIPT, server.base, jar, path.join(warehouse, 'warehouse')], { cwd: warehouse, env: { SPARK_LOCAL_IP: '127.0.0.1' }, timeoutMs: 1_200_000 });
    // The listener sends asynchronously; spark.stop() flushes it, and the last commit may still be in flight.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const { search } = await graphql<Json>(server.base, NODES);
    expect(search.totalCount).toBeLessThan(100);
    assets = search.nodes.filter((n: Json) => n.__typename === 'Asset');
    jobs = [];
    for (const node of search.nodes.filter((n: Json) => n.__typename === 'Computation')) {
      jobs.push((await graphql<Json>(server.base, JOB, { ns: node.namespace, name: node.name })).computation);
    }
  }, 1_500_000);
  afterAll(async () => {
    await server?.stop();
    if (warehouse) rmSync(warehouse, { recursive: true, force: true });
  });

  it('ran the four jobs, the last one failing', () => {
    expect(output.trim().split('\n').filter((line) => line.startsWith('job '))).toEqual([
      'job ctas_orders ok',
      'job daily_totals ok',
      'job merge_customers ok',
      expect.stringMatching(/^job failing_job failed/),
    ]);
  });

  it('CTAS: a job writes orders, reading no table (the rows are a VALUES list)', () => {
    // The CTAS command's job; Spark also reports the insert it runs inside as a job of its own.
    const ctas = writer('orders', [], /create_data_source_table_as_select/);
    expect(ctas.runs.nodes.map((r: Json) => r.state)).toEqual(['COMPLETE']);
  });

  it('INSERT OVERWRITE with a join and an aggregate: daily_totals from orders and customers, column by column', async () => {
    const job = writer('daily_totals', ['customers', 'orders']);
    expect(job.runs.nodes.map((r: Json) => r.state)).toEqual(['COMPLETE']);
    expect(await directInto('daily_totals', job)).toEqual(['country <- customers.country', 'total <- orders.amount']);
  });

  it('MERGE-like overwrite: customers_current from customers and customer_updates, id and country from both', async () => {
    const job = writer('customers_current', ['customer_updates', 'customers']);
    expect(await directInto('customers_current', job)).toEqual([
      'country <- customer_updates.country',
      'country <- customers.country',
      'id <- customer_updates.id',
      'id <- customers.id',
    ]);
  });

  it('the failing job: its run is FAIL, with the error, and the job shows the inputs of its last run', () => {
    const job = writer('daily_totals', ['customers']);
    const [run, ...more] = job.runs.nodes;
    expect(more).toEqual([]);
    expect(run.state).toBe('FAIL');
  });
});
