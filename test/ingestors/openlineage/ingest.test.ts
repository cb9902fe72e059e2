import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { nodeId } from '../../../graph-model/ids.js';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { ingestEvents, openLineageIngestor } from '../../../ingestors/openlineage/index.js';
import { runIngestor } from '../../../ingestors/runIngestor.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { JOBS_NS, PRODUCER, RUN_1, RUN_2, RUN_3, WAREHOUSE, dataset, datasetEvent, runEvent, schema } from './olEvents.js';

const job = nodeId('COMPUTATION', JOBS_NS, 'score_features');
const orders = nodeId('ASSET', WAREHOUSE, 'risk.orders');
const users = nodeId('ASSET', WAREHOUSE, 'risk.users');
const features = nodeId('ASSET', WAREHOUSE, 'risk.features');

describeEachEngine('OpenLineage ingestion', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dctx-ol-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));
  beforeEach(() => {
    store = shared.store();
  });

  async function ingest(...events: unknown[]) {
    const result = await ingestEvents(store, events);
    if (result.status !== 'applied') throw new Error(JSON.stringify(result.errors));
    expect(result.errors).toEqual([]);
    return result.results;
  }

  const inputsOf = async (asOf?: number) =>
    (await store.edges(job, { asOf, direction: 'in' })).map((e) => e.from).sort();

  it('replaces a job I/O by its latest completed run: a dropped input ends at that version, stays at older asOf', async () => {
    await ingest(
      runEvent({ runId: RUN_1, eventType: 'START', eventTime: '2026-03-01T08:00:00Z', inputs: [dataset('risk.orders'), dataset('risk.users')] }),
      runEvent({ runId: RUN_1, eventType: 'COMPLETE', eventTime: '2026-03-01T08:05:00Z', outputs: [dataset('risk.features')] }),
    );
    const firstRun = await store.currentVersion();
    expect(await inputsOf()).toEqual([orders, users].sort());

    // The second run reads only orders: its START adds nothing new, its COMPLETE retracts users.
    await ingest(runEvent({ runId: RUN_2, eventType: 'START', eventTime: '2026-03-02T08:00:00Z', inputs: [dataset('risk.orders')] }));
    expect(await inputsOf()).toEqual([orders, users].sort());
    const [completed] = await ingest(
      runEvent({ runId: RUN_2, eventType: 'COMPLETE', eventTime: '2026-03-02T08:05:00Z', outputs: [dataset('risk.features')] }),
    );
    expect(completed!.stats.edgesRemoved).toBe(1);
    expect(await inputsOf()).toEqual([orders]);
    expect(await inputsOf(firstRun)).toEqual([orders, users].sort());
    expect((await store.edges(job, { direction: 'out' })).map((e) => e.to)).toEqual([features]);
    // users itself is still an asset: only the job stopped reading it.
    expect(await store.node(users)).not.toBeNull();

    const runs = await store.runs(job);
    expect(runs.map((r) => [r.runId, r.state, r.startedAt, r.endedAt])).toEqual([
      [RUN_1, 'COMPLETE', '2026-03-01T08:00:00.000Z', '2026-03-01T08:05:00.000Z'],
      [RUN_2, 'COMPLETE', '2026-03-02T08:00:00.000Z', '2026-03-02T08:05:00.000Z'],
    ]);
    expect(runs[1]!.properties).toMatchObject({ inputs: [{ namespace: WAREHOUSE, name: 'risk.orders' }], outputs: [{ namespace: WAREHOUSE, name: 'risk.features' }] });

    // An older run completing late does not roll the job back to its I/O.
    await ingest(runEvent({ runId: RUN_3, eventType: 'COMPLETE', eventTime: '2026-03-01T12:00:00Z', inputs: [dataset('risk.users')] }));
    expect(await inputsOf()).toEqual([orders, users].sort());
    expect((await store.edges(job, { direction: 'out' })).map((e) => e.to)).toEqual([features]);
  });

  it('ends field edges from an input the latest completed run no longer reads', async () => {
    const lineage = (inputName: string) => ({
      columnLineage: { fields: { score: { inputFields: [{ namespace: WAREHOUSE, name: inputName, field: 'amount' }] } } },
    });
    await ingest(
      runEvent({ runId: RUN_1, eventType: 'COMPLETE', eventTime: '2026-03-01T08:05:00Z', outputs: [dataset('risk.features', lineage('risk.orders'))] }),
    );
    expect((await store.fieldEdges(job)).map((f) => [f.inputId, f.inputField, f.outputField, f.transformationType])).toEqual([
      [orders, 'amount', 'score', 'DIRECT'],
    ]);
    // Column lineage names fields the event's schema facets never declared: they are declared for it.
    expect((await store.node(orders))!.definition.fields).toEqual([{ name: 'amount' }]);
    await ingest(
      runEvent({ runId: RUN_2, eventType: 'COMPLETE', eventTime: '2026-03-02T08:05:00Z', outputs: [dataset('risk.features', lineage('risk.users'))] }),
    );
    expect((await store.fieldEdges(job)).map((f) => f.inputId)).toEqual([users]);
    expect(await inputsOf()).toEqual([users]);
  });

  it('progresses a run across its events and never moves it back', async () => {
    await ingest(runEvent({ runId: RUN_1, eventType: 'START', eventTime: '2026-03-01T08:00:00Z' }));
    expect((await store.runs(job))[0]).toMatchObject({ state: 'START', startedAt: '2026-03-01T08:00:00.000Z', endedAt: null });
    await ingest(runEvent({ runId: RUN_1, eventType: 'RUNNING', eventTime: '2026-03-01T08:01:00Z' }));
    expect((await store.runs(job))[0]!.state).toBe('RUNNING');
    await ingest(
      runEvent({ runId: RUN_1, eventType: 'FAIL', eventTime: '2026-03-01T08:02:00Z', runFacets: { errorMessage: { message: 'OOM', programmingLanguage: 'python' } } }),
    );
    // A late RUNNING or OTHER after the end does not reopen the run.
    await ingest(runEvent({ runId: RUN_1, eventType: 'RUNNING', eventTime: '2026-03-01T08:01:30Z' }));
    await ingest(runEvent({ runId: RUN_1, eventType: 'OTHER', eventTime: '2026-03-01T08:03:00Z' }));
    const [run] = await store.runs(job);
    expect(run).toMatchObject({ state: 'FAIL', startedAt: '2026-03-01T08:00:00.000Z', endedAt: '2026-03-01T08:02:00.000Z' });
    expect(run!.properties.errorMessage).toBe('OOM');
  });

  it('keeps openlineage-spark\'s spark.exception message as the failed run\'s errorMessage', async () => {
    // The facet as openlineage-spark 1.53's ErrorFacet serialises a job's exception.
    const exception = { _producer: 'https://github.com/OpenLineage/OpenLineage/tree/1.53.0/integration/spark', _schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunFacet', message: 'Table or view not found: missing', stackTrace: 'org.apache.spark.sql.AnalysisException: Table or view not found: missing\n\tat ...' };
    await ingest(runEvent({ runId: RUN_1, eventType: 'FAIL', eventTime: '2026-03-01T08:02:00Z', runFacets: { 'spark.exception': exception } }));
    expect((await store.runs(job))[0]!.properties.errorMessage).toBe('Table or view not found: missing');
  });

  it('creates no version when the same event is sent twice', async () => {
    const events = [
      runEvent({ runId: RUN_1, eventType: 'START', eventTime: '2026-03-01T08:00:00Z', inputs: [dataset('risk.orders', schema('id', 'amount'))] }),
      runEvent({ runId: RUN_1, eventType: 'COMPLETE', eventTime: '2026-03-01T08:05:00Z', outputs: [dataset('risk.features', schema('score'))] }),
    ];
    await ingest(...events);
    const version = await store.currentVersion();
    for (const event of events) expect(await ingest(event)).toEqual([expect.objectContaining({ changed: false, version })]);
    expect(await store.currentVersion()).toBe(version);
  });

  it('keeps what earlier events said when a later one omits the facet', async () => {
    await ingest(
      runEvent({
        runId: RUN_1,
        eventType: 'START',
        eventTime: '2026-03-01T08:00:00Z',
        jobFacets: { sql: { query: 'insert into risk.features select ...' }, ownership: { owners: [{ name: 'team:risk', type: 'MAINTAINER' }] } },
        inputs: [dataset('risk.orders', { ...schema('id', 'amount'), documentation: { description: 'card orders' } })],
      }),
      runEvent({ runId: RUN_1, eventType: 'COMPLETE', eventTime: '2026-03-01T08:05:00Z', inputs: [dataset('risk.orders')] }),
    );
    expect((await store.node(orders))!.definition).toEqual({
      description: 'card orders',
      fields: [
        { name: 'id', type: 'text' },
        { name: 'amount', type: 'text' },
      ],
    });
    expect(await store.node(job)).toMatchObject({
      kind: 'BATCH_JOB',
      definition: { code: { language: 'sql', text: 'insert into risk.features select ...' }, owners: [{ name: 'team:risk', type: 'MAINTAINER' }] },
    });
  });

  it('keeps the parent job as a property and as a computation, without computation-to-computation edges', async () => {
    const parent = { _producer: PRODUCER, _schemaURL: 'https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json#/$defs/ParentRunFacet', run: { runId: RUN_3 }, job: { namespace: JOBS_NS, name: 'risk_dag' } };
    await ingest(runEvent({ runId: RUN_1, eventType: 'START', eventTime: '2026-03-01T08:00:00Z', runFacets: { parent } }));
    expect((await store.node(job))!.definition.properties).toEqual({ parent: { namespace: JOBS_NS, name: 'risk_dag' } });
    const dag = nodeId('COMPUTATION', JOBS_NS, 'risk_dag');
    expect(await store.node(dag)).toMatchObject({ kind: 'BATCH_JOB', definition: {} });
    expect(await store.edges(dag)).toEqual([]);
    expect((await store.runs(job))[0]!.properties.parent).toEqual({ namespace: JOBS_NS, name: 'risk_dag', runId: RUN_3 });
  });

  it('types jobs and datasets from their facets', async () => {
    await ingest(
      runEvent({
        runId: RUN_1,
        eventType: 'START',
        eventTime: '2026-03-01T08:00:00Z',
        jobFacets: { jobType: { processingType: 'BATCH', integration: 'DBT', jobType: 'VIEW' } },
        inputs: [dataset('risk.orders', { datasetType: { datasetType: 'VIEW' } }), { namespace: 'kafka://prod:9092', name: 'risk.events' }],
      }),
    );
    expect((await store.node(job))!.kind).toBe('VIEW_DEFINITION');
    expect((await store.node(orders))!.kind).toBe('VIEW');
    expect((await store.nodeByName('ASSET', 'kafka://prod:9092', 'risk.events'))!.kind).toBe('STREAM');
  });

  it('accepts a facet without _producer/_schemaURL', async () => {
    const [result] = await ingest(
      runEvent({ runId: RUN_1, eventType: 'START', eventTime: '2026-03-01T08:00:00Z', inputs: [dataset('risk.orders', { schema: { fields: [{ name: 'id' }] } })] }),
    );
    expect(result!.changed).toBe(true);
    expect((await store.node(orders))!.definition.fields).toEqual([{ name: 'id' }]);
  });

  it('ends a dataset on a DROP lifecycle change, by RunEvent or DatasetEvent', async () => {
    await ingest(
      runEvent({ runId: RUN_1, eventType: 'COMPLETE', eventTime: '2026-03-01T08:00:00Z', inputs: [dataset('risk.orders')], outputs: [dataset('risk.users')] }),
    );
    const before = await store.currentVersion();
    const drop = { lifecycleStateChange: { lifecycleStateChange: 'DROP' } };
    await ingest(runEvent({ runId: RUN_2, eventType: 'COMPLETE', eventTime: '2026-03-02T08:00:00Z', outputs: [dataset('risk.users', drop)] }));
    expect(await store.node(users)).toBeNull();
    expect(await store.node(users, before)).not.toBeNull();
    expect(await store.edges(job, { direction: 'out' })).toEqual([]);
    expect((await store.runs(job))[1]!.properties.dropped).toEqual([{ namespace: WAREHOUSE, name: 'risk.users' }]);

    await ingest(datasetEvent('risk.orders', drop));
    expect(await store.node(orders)).toBeNull();
    expect(await store.edges(job)).toEqual([]);
  });

  it('refuses a whole batch with an invalid event, naming its path, and commits nothing', async () => {
    const result = await ingestEvents(store, [
      runEvent({ runId: RUN_1, eventType: 'START', eventTime: '2026-03-01T08:00:00Z' }),
      runEvent({ runId: 'not-a-uuid', eventType: 'START', eventTime: '2026-03-01T08:00:00Z' }),
      { ...runEvent({ runId: RUN_2, eventType: 'START', eventTime: 'soon' }), job: { namespace: '', name: 'j' } },
    ]);
    expect(result).toEqual({
      status: 'invalid',
      errors: [
        { path: '/1/run/runId', message: expect.stringContaining('UUID') },
        { path: '/2/eventTime', message: expect.stringContaining('ISO-8601') },
        { path: '/2/job/namespace', message: 'namespace must not be empty' },
      ],
    });
    expect(await store.currentVersion()).toBe(0);
  });

  it('refuses a batch whose second event breaks the OpenLineage schema, naming the event and the field, and commits nothing', async () => {
    const unnamedField = dataset('risk.scores', { schema: { fields: [{ type: 'text' }] } });
    const result = await ingestEvents(store, [
      runEvent({ runId: RUN_1, eventType: 'START', eventTime: '2026-03-01T08:00:00Z' }),
      runEvent({ runId: RUN_2, eventType: 'COMPLETE', eventTime: '2026-03-01T08:05:00Z', outputs: [unnamedField] }),
    ]);
    expect(result).toEqual({ status: 'invalid', errors: [{ path: '/1/outputs/0/facets/schema/fields/0/name', message: 'name is required' }] });
    expect(await store.currentVersion()).toBe(0);
  });

  it('ingests NDJSON files event by event: bad lines are errors at file:line, good ones commit', async () => {
    const file = join(dir, 'events.ndjson');
    const { eventTime: _missing, ...noTime } = runEvent({ runId: RUN_2, eventType: 'START', eventTime: 'x' });
    const lines = [
      runEvent({ runId: RUN_1, eventType: 'START', eventTime: '2026-03-01T08:00:00Z', inputs: [dataset('risk.orders')] }),
      noTime,
      { ...runEvent({ runId: RUN_2, eventType: 'START', eventTime: '2026-03-01T08:00:00Z' }), run: { runId: '1234' } },
    ].map((e) => JSON.stringify(e));
    await writeFile(file, [lines[0], '', lines[1], '{not json', lines[2]].join('\n'));
    const report = await runIngestor(store, openLineageIngestor, file);
    expect(report.source).toBe('openlineage');
    expect(report.versions).toEqual([1]);
    expect(report.errors).toEqual([
      { location: `${file}:3`, message: '/eventTime: eventTime is required' },
      { location: `${file}:4`, message: expect.stringContaining('not JSON') },
      { location: `${file}:5`, message: expect.stringMatching(/^\/run\/runId: run.runId must be a UUID/) },
    ]);
    expect(await inputsOf()).toEqual([orders]);
  });

  it('ingests JSON arrays: bad events are errors at file#/index/path, good ones commit in order', async () => {
    const file = join(dir, 'events.json');
    await writeFile(
      file,
      JSON.stringify([
        runEvent({ runId: RUN_1, eventType: 'START', eventTime: '2026-03-01T08:00:00Z', inputs: [dataset('risk.orders')] }),
        runEvent({ runId: RUN_1, eventType: 'COMPLETE', eventTime: '2026-03-01T08:05:00Z', inputs: [{ namespace: WAREHOUSE, name: '' }] }),
        runEvent({ runId: RUN_1, eventType: 'COMPLETE', eventTime: '2026-03-01T08:05:00Z', outputs: [dataset('risk.features')] }),
      ]),
    );
    const report = await runIngestor(store, openLineageIngestor, file);
    expect(report.errors).toEqual([{ location: `${file}#/1/inputs/0/name`, message: 'name must not be empty' }]);
    expect(report.versions).toEqual([1, 2]);
    expect(await inputsOf()).toEqual([orders]);
    expect((await store.runs(job))[0]!.state).toBe('COMPLETE');
  });
});
