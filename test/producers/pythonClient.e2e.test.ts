import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { nodeId } from '../../graph-model/ids.js';
import { startServe, type ServeProcess } from '../support/dctxServe.js';
import { createTestDatabase, type TestDatabase } from '../support/engines.js';
import { describeWithPytools, ROOT } from '../support/pytools.js';
import { graphql, runTool } from './runTool.js';

/**
 * The real OpenLineage Python client (openlineage-python, HTTP transport) against a real
 * `dctx serve`: what the client sent, as it serialised it, is what GraphQL reads back.
 */

const SCRIPT = path.join(ROOT, 'test/producers/python/emit_events.py');
const SECRET = 'producers-e2e-secret-0123456789abcdef';
const TOKENS = `airflow:ingest+read:${SECRET}`;
/** The open server's body limit, as sent and inflated: far above the script's events (~10 kB), far below its 4 MB one. */
const MAX_BODY = 1024 * 1024;

type Json = Record<string, any>;

/** Runs the client with this transport config; returns the events it sent, parsed from what it printed. */
async function emit(transport: Json, prefix: string): Promise<Json[]> {
  const out = await runTool('python', [SCRIPT, JSON.stringify(transport), prefix]);
  return out.trim().split('\n').map((line) => JSON.parse(line) as Json);
}

const props = (list: { key: string; value: string }[]) => Object.fromEntries(list.map(({ key, value }) => [key, JSON.parse(value)]));
const fieldDef = (f: Json) => ({ name: f.name, type: f.type ?? null, description: f.description ?? null });

const JOB_QUERY = `query ($ns: String!, $name: String!) { computation(namespace: $ns, name: $name) {
  kind description definition { language text } owners { name type } properties { key value }
  inputs { nodes { namespace name } } outputs { nodes { namespace name } }
  runs { nodes { runId state startedAt endedAt properties { key value } } } } }`;
const ASSET_QUERY = `query ($ns: String!, $name: String!) { asset(namespace: $ns, name: $name) {
  kind description owners { name type } fields { name type description } } }`;
const FIELD_LINEAGE = `query ($id: ID!) { lineage(id: $id, direction: UPSTREAM, depth: 2, fieldLevel: true) {
  fieldEdges { computation input { id field } output { id field } transformationType subtype } } }`;

/** Checks every event the script sent against what GraphQL reads back, field by field. */
async function expectReadBack(base: string, sent: Json[], token?: string): Promise<void> {
  const [start, complete, failStart, fail, drop, datasetEvent, jobEvent] = sent;
  const job = async (j: Json) => (await graphql<Json>(base, JOB_QUERY, { ns: j.namespace, name: j.name }, token)).computation;
  const asset = async (d: Json) => (await graphql<Json>(base, ASSET_QUERY, { ns: d.namespace, name: d.name }, token)).asset;
  const names = (list: Json[]) => list.map((d) => ({ namespace: d.namespace, name: d.name })).sort((a, b) => a.name.localeCompare(b.name));

  // RunEvent START + COMPLETE: sql, jobType QUERY, ownership, documentation; parent and processing_engine run facets.
  const daily = await job(start!.job);
  const jobFacets = start!.job.facets;
  expect(daily.kind).toBe('QUERY');
  expect(daily.description).toBe(jobFacets.documentation.description);
  expect(daily.definition).toEqual({ language: 'sql', text: jobFacets.sql.query });
  expect(daily.owners).toEqual(jobFacets.ownership.owners);
  const parent = start!.run.facets.parent;
  expect(props(daily.properties).parent).toEqual({ namespace: parent.job.namespace, name: parent.job.name });
  expect(daily.inputs.nodes.sort((a: Json, b: Json) => a.name.localeCompare(b.name))).toEqual(names(start!.inputs));
  expect(daily.outputs.nodes).toEqual(names(start!.outputs));
  expect(daily.runs.nodes).toHaveLength(1);
  const run = daily.runs.nodes[0];
  expect(run).toMatchObject({ runId: start!.run.runId, state: 'COMPLETE', startedAt: start!.eventTime, endedAt: complete!.eventTime });
  const runProps = props(run.properties);
  expect(runProps.parent).toEqual({ namespace: parent.job.namespace, name: parent.job.name, runId: parent.run.runId });
  const engine = start!.run.facets.processing_engine;
  expect(runProps.processingEngine).toEqual({ name: engine.name, version: engine.version, openlineageAdapterVersion: engine.openlineageAdapterVersion });
  const tested = start!.inputs.find((d: Json) => d.inputFacets?.dataQualityAssertions);
  expect(runProps.dataQuality).toEqual([
    {
      namespace: tested.namespace,
      name: tested.name,
      assertions: tested.inputFacets.dataQualityAssertions.assertions.map((a: Json) => ({ assertion: a.assertion, success: a.success, ...(a.column ? { column: a.column } : {}) })),
    },
  ]);

  // Dataset facets of an input: schema, documentation, ownership.
  const orders = await asset(tested);
  expect(orders).toEqual({
    kind: 'TABLE',
    description: tested.facets.documentation.description,
    owners: tested.facets.ownership.owners,
    fields: tested.facets.schema.fields.map(fieldDef),
  });

  // columnLineage: every input field of every output field, and the dataset-level inputs on the whole output ('').
  const output = start!.outputs[0];
  const outputId = nodeId('ASSET', output.namespace, output.name);
  const jobId = nodeId('COMPUTATION', start!.job.namespace, start!.job.name);
  const expected: Json[] = [];
  const edge = (input: Json, outputField: string) =>
    input.transformations.map((t: Json) => ({
      computation: jobId,
      input: { id: nodeId('ASSET', input.namespace, input.name), field: input.field },
      output: { id: outputId, field: outputField },
      transformationType: t.type,
      subtype: t.subtype,
    }));
  for (const [outputField, spec] of Object.entries<Json>(output.facets.columnLineage.fields)) for (const input of spec.inputFields) expected.push(...edge(input, outputField));
  for (const input of output.facets.columnLineage.dataset) expected.push(...edge(input, ''));
  const key = (e: Json) => JSON.stringify([e.input, e.output, e.transformationType, e.subtype]);
  const { lineage } = await graphql<Json>(base, FIELD_LINEAGE, { id: outputId }, token);
  const intoOutput = lineage.fieldEdges.filter((e: Json) => e.output.id === outputId);
  expect(intoOutput.map(key).sort()).toEqual(expected.map(key).sort());
  expect((await asset(output)).fields).toEqual(output.facets.schema.fields.map(fieldDef));

  // A failed run: sourceCode, errorMessage.
  const scorer = await job(failStart!.job);
  expect(scorer.kind).toBe('BATCH_JOB');
  expect(scorer.definition).toEqual({ language: 'python', text: failStart!.job.facets.sourceCode.sourceCode });
  expect(scorer.runs.nodes).toMatchObject([{ runId: failStart!.run.runId, state: 'FAIL', startedAt: failStart!.eventTime, endedAt: fail!.eventTime }]);
  expect(props(scorer.runs.nodes[0].properties).errorMessage).toBe(fail!.run.facets.errorMessage.message);

  // lifecycleStateChange DROP: the staged dataset the failed run wrote is gone; the run that dropped it says so.
  const dropped = drop!.outputs[0];
  expect(await asset(dropped)).toBeNull();
  const cleanup = await job(drop!.job);
  expect(props(cleanup.runs.nodes[0].properties).dropped).toEqual([{ namespace: dropped.namespace, name: dropped.name }]);

  // DatasetEvent: its documentation and ownership are laid over what the RunEvent said.
  const customers = datasetEvent!.dataset;
  expect(await asset(customers)).toEqual({
    kind: 'TABLE',
    description: customers.facets.documentation.description,
    owners: customers.facets.ownership.owners,
    fields: customers.facets.schema.fields.map(fieldDef),
  });

  // JobEvent: a view, with its I/O and no run.
  const view = await job(jobEvent!.job);
  expect(view).toMatchObject({
    kind: 'VIEW_DEFINITION',
    definition: { language: 'sql', text: jobEvent!.job.facets.sql.query },
    inputs: { nodes: names(jobEvent!.inputs) },
    outputs: { nodes: names(jobEvent!.outputs) },
    runs: { nodes: [] },
  });
}

const versionCount = async (base: string, token?: string) => (await graphql<Json>(base, '{ changes(since: 0) { version actor } }', {}, token)).changes as Json[];

describeWithPytools('openlineage-python 1.54 HTTP transport → dctx serve', [{ bin: 'python' }, { module: 'openlineage' }], () => {
  let open: ServeProcess;
  let secured: ServeProcess;
  let database: TestDatabase | null = null;
  beforeAll(async () => {
    // The open server on the embedded store; the one with tokens on PostgreSQL when there is one.
    database = process.env.DATABASE_URL ? await createTestDatabase('postgres') : null;
    // Migrating a fresh embedded store takes most of a minute on a loaded 2-core machine.
    const started = await Promise.allSettled([
      startServe(null, { DCTX_MAX_BODY_BYTES: String(MAX_BODY) }, 240_000),
      startServe(database?.databaseUrl ?? null, { DCTX_TOKENS: TOKENS }, 240_000),
    ]);
    // One that started must not outlive the test when the other did not.
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) {
      await Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.stop() : undefined)));
      throw failed.reason;
    }
    [open, secured] = started.map((result) => (result as PromiseFulfilledResult<ServeProcess>).value) as [ServeProcess, ServeProcess];
  }, 300_000);
  afterAll(async () => {
    await Promise.all([open?.stop(), secured?.stop()]);
    await database?.dispose();
  });

  it('plain JSON: every event type and facet reads back as sent; sending them again creates no version', async () => {
    const sent = await emit({ type: 'http', url: open.base }, 'plain');
    expect(sent.map((e) => e.eventType ?? (e.dataset ? 'DatasetEvent' : 'JobEvent'))).toEqual(['START', 'COMPLETE', 'START', 'FAIL', 'COMPLETE', 'DatasetEvent', 'JobEvent']);
    await expectReadBack(open.base, sent);
    const before = await versionCount(open.base);
    await emit({ type: 'http', url: open.base }, 'plain');
    expect(await versionCount(open.base)).toEqual(before);
  }, 120_000);

  it('compression: gzip (Content-Encoding: gzip bodies)', async () => {
    const sent = await emit({ type: 'http', url: open.base, compression: 'gzip' }, 'gzip');
    await expectReadBack(open.base, sent);
  }, 120_000);

  it('compression: gzip with a body that inflates past the limit: 413, nothing stored', async () => {
    const before = await versionCount(open.base);
    const refused = emit({ type: 'http', url: open.base, compression: 'gzip', retry: { total: 0 } }, 'bomb');
    await expect(refused).rejects.toThrow(/413 Client Error: Payload Too Large/);
    expect(await versionCount(open.base)).toEqual(before);
  }, 120_000);

  it('auth: api_key sends Bearer <key>: accepted with a configured token, recorded as its actor; refused with another', async () => {
    const sent = await emit({ type: 'http', url: secured.base, auth: { type: 'api_key', apiKey: SECRET } }, 'apikey');
    await expectReadBack(secured.base, sent, SECRET);
    const changes = await versionCount(secured.base, SECRET);
    expect(changes.length).toBeGreaterThan(0);
    expect(new Set(changes.map((c) => c.actor))).toEqual(new Set(['airflow']));

    const refused = emit({ type: 'http', url: secured.base, auth: { type: 'api_key', apiKey: 'not-a-configured-token-000000' }, retry: { total: 0 } }, 'wrongkey');
    await expect(refused).rejects.toThrow(/401 Client Error: Unauthorized/);
    expect(await versionCount(secured.base, SECRET)).toEqual(changes);
  }, 120_000);

  it('custom headers and URL params: an Authorization header set by custom_headers, an endpoint with a query string', async () => {
    const transport = {
      type: 'http',
      url: secured.base,
      endpoint: 'api/v1/lineage?source=airflow-prod&team=risk',
      custom_headers: { Authorization: `Bearer ${SECRET}`, 'X-Tenant': 'risk' },
      compression: 'gzip',
    };
    const sent = await emit(transport, 'headers');
    await expectReadBack(secured.base, sent, SECRET);
  }, 120_000);
});
