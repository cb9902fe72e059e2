import { afterEach, beforeEach, expect, it } from 'vitest';
import { nodeId } from '../../graph-model/ids.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { JOBS_NS, RUN_1, RUN_2, dataset, runEvent, schema } from '../ingestors/openlineage/olEvents.js';
import { describeEachEngine, useStore } from '../support/engines.js';
import { postChunked, postJson, startServer } from './httpClient.js';

const PATH = '/api/v1/lineage';

type ErrorBody = { error: { code: string; allowed?: string } };
const LIMIT = 64 * 1024;

const start = (runId = RUN_1) =>
  runEvent({ runId, eventType: 'START', eventTime: '2026-03-01T08:00:00Z', inputs: [dataset('risk.orders', schema('id', 'amount'))] });
const complete = (runId = RUN_1) =>
  runEvent({ runId, eventType: 'COMPLETE', eventTime: '2026-03-01T08:05:00Z', outputs: [dataset('risk.features')] });

describeEachEngine('POST /api/v1/lineage', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  let base: string;
  let close: () => Promise<void>;
  beforeEach(async () => {
    store = shared.store();
    ({ base, close } = await startServer(store, { maxBodyBytes: LIMIT }));
  });
  afterEach(async () => close());

  it('commits one event: 201 with the version it created; the same event again creates none', async () => {
    const first = await postJson(base, PATH, start());
    expect(first).toEqual({ status: 201, body: { accepted: 1, rejected: 0, versions: [1], version: 1 } });
    expect((await store.changeset(1))).toMatchObject({ source: 'openlineage', actor: 'local' });

    const again = await postJson(base, PATH, start());
    expect(again).toEqual({ status: 201, body: { accepted: 1, rejected: 0, versions: [], version: 1 } });
    expect(await store.currentVersion()).toBe(1);
  });

  it('commits a batch as one version, its events applied in order', async () => {
    const res = await postJson(base, PATH, [start(), complete(), start(RUN_2)], { 'content-type': 'application/json; charset=utf-8' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ accepted: 3, rejected: 0, versions: [1], version: 1 });
    // The COMPLETE saw the START before it: one run, from the START's time to the COMPLETE's.
    const [run] = await store.runs(nodeId('COMPUTATION', JOBS_NS, 'score_features'));
    expect(run).toMatchObject({ runId: RUN_1, state: 'COMPLETE', startedAt: '2026-03-01T08:00:00.000Z', endedAt: '2026-03-01T08:05:00.000Z' });
    expect((await postJson(base, PATH, [start(), complete(), start(RUN_2)])).body).toEqual({ accepted: 3, rejected: 0, versions: [], version: 1 });
  });

  it('commits the good events of a batch the store refuses one of, names the refused one, and keeps earlier requests', async () => {
    expect((await postJson(base, PATH, start())).status).toBe(201);
    // Blanks pass the envelope check (facets are lenient); the store refuses a blank dataset name.
    const refused = runEvent({
      runId: RUN_2,
      eventType: 'COMPLETE',
      eventTime: '2026-03-01T09:00:00Z',
      outputs: [dataset('risk.scores', { columnLineage: { fields: { s: { inputFields: [{ namespace: 'x', name: ' ', field: 'f' }] } } } })],
    });
    const res = await postJson(base, PATH, [complete(), refused]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ accepted: 1, rejected: 1, versions: [2], version: 2 });
    expect(res.body.errors[0]).toMatchObject({ path: '[1]', pointer: '/1', message: expect.stringContaining('name is empty') });
    expect((await store.runs(nodeId('COMPUTATION', JOBS_NS, 'score_features'))).map((r) => [r.runId, r.state])).toEqual([[RUN_1, 'COMPLETE']]);
    expect((await store.ingestErrors({ source: 'openlineage' }))[0]!.location).toMatch(/^\/api\/v1\/lineage request .+#\/1$/);

    const alone = await postJson(base, PATH, refused);
    expect(alone.status).toBe(400);
    expect(alone.body.error.code).toBe('REJECTED');
  });

  it('answers 400 naming run.runId for a bad run id, and commits nothing', async () => {
    const bad = { ...start(), run: { runId: 'not-a-uuid' } };
    const single = await postJson(base, PATH, bad);
    expect(single.status).toBe(400);
    expect(single.body.error.code).toBe('INVALID_EVENT');
    expect(single.body.error.issues).toEqual([{ path: 'run.runId', pointer: '/run/runId', message: expect.stringContaining('UUID') }]);
    expect(single.body.error.message).toMatch(/^run\.runId: /);

    // In a batch the bad event's index is part of the path, and its valid neighbours do not commit either.
    const batch = await postJson(base, PATH, [start(), bad]);
    expect(batch.status).toBe(400);
    expect(batch.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['[1].run.runId']);
    expect(await store.currentVersion()).toBe(0);
  });

  it('answers 400 naming the event and the field the OpenLineage schema refuses, and commits nothing', async () => {
    // SchemaDatasetFacet requires each field's name; the spec's SQLJobFacet a URI as _schemaURL.
    const unnamed = runEvent({ runId: RUN_2, eventType: 'COMPLETE', eventTime: '2026-03-01T08:05:00Z', outputs: [dataset('risk.features', { schema: { fields: [{ name: 'id' }, { type: 'text' }] } })] });
    const badFacet = { ...start(), job: { namespace: JOBS_NS, name: 'j', facets: { sql: { _producer: 'https://example.com/p', _schemaURL: 'sql', query: 'select 1' } } } };
    const batch = await postJson(base, PATH, [start(), unnamed, badFacet]);
    expect(batch.status).toBe(400);
    expect(batch.body.error.code).toBe('INVALID_EVENT');
    expect(batch.body.error.issues).toEqual([
      { path: '[1].outputs[0].facets.schema.fields[1].name', pointer: '/1/outputs/0/facets/schema/fields/1/name', message: 'name is required' },
      { path: '[2].job.facets.sql._schemaURL', pointer: '/2/job/facets/sql/_schemaURL', message: expect.stringContaining('format "uri"') },
    ]);
    expect(await store.currentVersion()).toBe(0);
  });

  it('answers 400 with the line and column of malformed JSON', async () => {
    const res = await postJson(base, PATH, '{\n  "eventType": "START",\n  "run": {"runId": }\n}');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'MALFORMED_JSON', line: 3, column: 20, position: 45 });
    expect(res.body.error.message).toContain('line 3, column 20');

    const truncated = await postJson(base, PATH, '[{"eventType": "START"');
    expect(truncated.body.error).toMatchObject({ code: 'MALFORMED_JSON', line: 1, column: 23 });
    const empty = await postJson(base, PATH, '');
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain('empty');
  });

  it('answers 413 for a body over the limit, declared or streamed, without committing it', async () => {
    const events = Array.from({ length: 400 }, () => start());
    const declared = await postJson(base, PATH, events);
    expect(JSON.stringify(events).length).toBeGreaterThan(LIMIT);
    expect(declared.status).toBe(413);
    expect(declared.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limit: LIMIT });

    const chunk = Buffer.from(' '.repeat(16 * 1024));
    const streamed = await postChunked(base, PATH, [Buffer.from('['), ...Array.from({ length: 40 }, () => chunk), Buffer.from(']')]);
    expect(streamed.status).toBe(413);
    expect(await store.currentVersion()).toBe(0);

    // The server still serves after refusing.
    expect((await postJson(base, PATH, start())).status).toBe(201);
  });

  it('answers 415 for a body that is not declared as JSON', async () => {
    const res = await fetch(base + PATH, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(start()) });
    expect(res.status).toBe(415);
    expect(((await res.json()) as ErrorBody).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await postJson(base, PATH, start(), { 'content-type': 'application/vnd.openlineage+json' })).status).toBe(201);
  });

  it('answers 404 and 405 for unknown routes and methods, and still serves health', async () => {
    expect((await fetch(`${base}/api/v1/nothing`)).status).toBe(404);
    const wrongMethod = await fetch(base + PATH);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST, OPTIONS');
    expect(((await wrongMethod.json()) as ErrorBody).error.allowed).toBe('POST, OPTIONS');
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });
});
