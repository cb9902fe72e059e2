import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { parseTokens } from '../../../server/auth/parseTokens.js';
import { TokenRegistry } from '../../../server/auth/tokenRegistry.js';
import { UNSUPPORTED } from '../../../server/http/routes/marquez/unsupported.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../support/engines.js';
import { startGraphQL, type RunningService } from '../graphql/graphqlClient.js';
import { describeErrors, loadMarquezSpec } from './marquezSpec.js';
import { DAILY_JOB, JOBS, JOIN_JOB, RUN_DAILY, RUN_FAILED, RUN_JOINED, WAREHOUSE, postEvents } from './marquezService.js';

const spec = loadMarquezSpec();
const enc = encodeURIComponent;
const READER = 'reader-secret-0123456789abcdef';
const INGESTER = 'ingest-secret-0123456789abcdef';
const auth = { authorization: `Bearer ${READER}` };

/** The graph version after each of the fixture's events (test/fixtures/marquez/events.json, in order). */
let versionAfter: number[] = [];

describe('the contract test\'s spec validators', () => {
  it('refuse answers of a wrong shape, so a pass means the shape is Marquez\'s', () => {
    const dataset = spec.response('/namespaces/{namespace}/datasets/{dataset}');
    expect(dataset({ name: 'd', fields: [{ name: 'a', type: 'INTEGER', tags: [] }], facets: {} })).toBe(true);
    expect(dataset({ name: 'd', fields: 'a,b' })).toBe(false);
    expect(dataset({ name: 'd', fields: [{ type: 'INTEGER' }] })).toBe(false);
    expect(dataset({ name: 'd', facets: { schema: { fields: [] } } })).toBe(false);
    const lineage = spec.response('/lineage');
    expect(lineage({ graph: [{ id: 'job:n:j', type: 'JOB', data: { inputs: 'x' }, inEdges: [], outEdges: [] }] })).toBe(false);
    expect(lineage({ graph: [{ id: 'x', type: 'TABLE', data: {}, inEdges: [], outEdges: [] }] })).toBe(false);
    expect(spec.response('/namespaces/{namespace}/jobs/{job}/runs')({ runs: [{ id: 'r', state: 'DONE' }] })).toBe(false);
  });
});

for (const engine of ENGINES) {
  describe(`the Marquez read API [${engine}]`, () => {
    let database: TestDatabase;
    let store: GraphStore;
    let service: RunningService;
    let base: string;

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      store = await database.open();
      service = await startGraphQL(store, { tokens: new TokenRegistry(parseTokens(`reader:read:${READER},etl:ingest:${INGESTER}`)) });
      base = service.base;
      versionAfter = await postEvents(base, { authorization: `Bearer ${INGESTER}` });
      await service.index.waitFor(versionAfter.at(-1)!);
    });
    afterAll(async () => {
      await service?.close();
      await database?.dispose();
    });

    /** GET a Marquez path, checked against the spec's response schema of `specPath` when it answers 200. */
    async function get(path: string, specPath: string | null): Promise<{ status: number; body: any; headers: Headers }> {
      const res = await fetch(`${base}/api/v1${path}`, { headers: auth });
      const body = await res.json();
      if (res.status === 200 && specPath !== null) {
        const validate = spec.response(specPath);
        expect(validate(body), `${path} against ${specPath}:\n${describeErrors(validate.errors).join('\n')}`).toBe(true);
      }
      return { status: res.status, body, headers: res.headers };
    }

    it('lists the namespaces the events named', async () => {
      const { status, body } = await get('/namespaces', '/namespaces');
      expect(status).toBe(200);
      expect(body.namespaces.map((n: any) => n.name)).toEqual([JOBS, WAREHOUSE]);
      expect((await get(`/namespaces/${enc(WAREHOUSE)}`, '/namespaces/{namespace}')).body.name).toBe(WAREHOUSE);
    });

    it('lists a namespace\'s datasets with fields, facets and current version, paged by limit and offset', async () => {
      const all = await get(`/namespaces/${enc(WAREHOUSE)}/datasets`, '/namespaces/{namespace}/datasets');
      expect(all.body.totalCount).toBe(4);
      expect(all.body.datasets.map((d: any) => d.name)).toEqual(['dwd.dwd_txn_card', 'dws.dws_card_daily', 'ods.ods_card_info', 'ods.ods_txn']);
      const page = await get(`/namespaces/${enc(WAREHOUSE)}/datasets?limit=2&offset=1`, '/namespaces/{namespace}/datasets');
      expect(page.body.datasets.map((d: any) => d.name)).toEqual(['dws.dws_card_daily', 'ods.ods_card_info']);

      const card = await get(`/namespaces/${enc(WAREHOUSE)}/datasets/ods.ods_card_info`, '/namespaces/{namespace}/datasets/{dataset}');
      expect(card.body).toMatchObject({
        id: { namespace: WAREHOUSE, name: 'ods.ods_card_info' },
        type: 'DB_TABLE',
        sourceName: WAREHOUSE,
        description: 'Cards as issued',
        fields: [
          { name: 'card_id', type: 'string', tags: [] },
          { name: 'user_id', type: 'string', tags: [] },
          { name: 'card_type', type: 'string', tags: [] },
        ],
      });
      expect(card.body.facets.ownership.owners).toEqual([{ name: 'team:cards', type: 'TEAM' }]);
      expect(card.body.facets.schema.fields.map((f: any) => f.name)).toEqual(['card_id', 'user_id', 'card_type']);
    });

    it('lists a dataset\'s versions newest first; asOf reads the dataset as it was', async () => {
      const path = `/namespaces/${enc(WAREHOUSE)}/datasets/ods.ods_txn`;
      const versions = await get(`${path}/versions`, '/namespaces/{namespace}/datasets/{dataset}/versions');
      expect(versions.body.versions.map((v: any) => v.fields.map((f: any) => f.name))).toEqual([
        ['txn_id', 'card_id', 'amount', 'currency'],
        ['txn_id', 'card_id', 'amount'],
      ]);
      const [newest, oldest] = versions.body.versions;
      expect((await get(path, null)).body.currentVersion).toBe(newest.version);
      // Before the DatasetEvent (the fifth event) widened the table.
      const before = await get(`${path}?asOf=${versionAfter[3]}`, '/namespaces/{namespace}/datasets/{dataset}');
      expect(before.body.currentVersion).toBe(oldest.version);
      expect(before.body.fields.map((f: any) => f.name)).toEqual(['txn_id', 'card_id', 'amount']);
      const one = await get(`${path}/versions/${oldest.version}`, '/namespaces/{namespace}/datasets/{dataset}/versions/{version}');
      expect(one.body.id).toEqual({ namespace: WAREHOUSE, name: 'ods.ods_txn', version: oldest.version });
    });

    it('lists a namespace\'s jobs with inputs, outputs, SQL, current version and the latest run', async () => {
      const jobs = await get(`/namespaces/${enc(JOBS)}/jobs`, '/namespaces/{namespace}/jobs');
      expect(jobs.body.jobs.map((j: any) => j.name)).toEqual([JOIN_JOB, DAILY_JOB]);
      const join = await get(`/namespaces/${enc(JOBS)}/jobs/${JOIN_JOB}`, '/namespaces/{namespace}/jobs/{job}');
      expect(join.body).toMatchObject({
        type: 'BATCH',
        inputs: [{ namespace: WAREHOUSE, name: 'ods.ods_card_info' }, { namespace: WAREHOUSE, name: 'ods.ods_txn' }],
        outputs: [{ namespace: WAREHOUSE, name: 'dwd.dwd_txn_card' }],
        description: 'Joins transactions with their card',
        latestRun: { id: RUN_FAILED, state: 'FAILED', durationMs: 45_000 },
      });
      expect(join.body.facets.sql.query).toMatch(/^INSERT OVERWRITE TABLE dwd\.dwd_txn_card SELECT/);
      expect(join.body.latestRun.facets.errorMessage.message).toBe('Table not found: ods.ods_txn_partition');
      const versions = await get(`/namespaces/${enc(JOBS)}/jobs/${JOIN_JOB}/versions`, '/namespaces/{namespace}/jobs/{job}/versions');
      expect(versions.body.versions[0].version).toBe(join.body.currentVersion);
    });

    it('lists a job\'s runs newest first with state, times, dataset versions and facets; a run by id', async () => {
      const runs = await get(`/namespaces/${enc(JOBS)}/jobs/${JOIN_JOB}/runs`, '/namespaces/{namespace}/jobs/{job}/runs');
      expect(runs.body.runs.map((r: any) => [r.id, r.state])).toEqual([[RUN_FAILED, 'FAILED'], [RUN_JOINED, 'COMPLETED']]);
      const run = await get(`/jobs/runs/${RUN_JOINED}`, '/jobs/runs/{id}');
      expect(run.body).toMatchObject({ startedAt: '2026-03-01T02:00:00.000Z', endedAt: '2026-03-01T02:04:10.000Z', durationMs: 250_000 });
      expect(run.body.outputDatasetVersions.map((d: any) => d.datasetVersionId.name)).toEqual(['dwd.dwd_txn_card']);
      expect(run.body.inputDatasetVersions.map((d: any) => d.datasetVersionId.name)).toEqual(['ods.ods_card_info', 'ods.ods_txn']);
      expect((await get(`/jobs/runs/${RUN_DAILY}`, '/jobs/runs/{id}')).body.jobVersion.name).toBe(DAILY_JOB);
      const facets = await get(`/jobs/runs/${RUN_FAILED}/facets`, null);
      expect(facets.body.facets.errorMessage.message).toBe('Table not found: ods.ods_txn_partition');
    });

    it('answers lineage in Marquez\'s graph shape, depth counting dataset-to-dataset steps', async () => {
      const one = await get(`/lineage?nodeId=dataset:${WAREHOUSE}:dws.dws_card_daily&depth=1`, '/lineage');
      expect(one.body.graph.map((n: any) => n.id).sort()).toEqual([
        `dataset:${WAREHOUSE}:dwd.dwd_txn_card`,
        `dataset:${WAREHOUSE}:dws.dws_card_daily`,
        `job:${JOBS}:${DAILY_JOB}`,
      ]);
      const two = await get(`/lineage?nodeId=dataset:${WAREHOUSE}:dws.dws_card_daily&depth=2`, '/lineage');
      expect(two.body.graph).toHaveLength(6);
      const dwd = two.body.graph.find((n: any) => n.id === `dataset:${WAREHOUSE}:dwd.dwd_txn_card`);
      expect(dwd.type).toBe('DATASET');
      expect(dwd.inEdges).toEqual([{ origin: `job:${JOBS}:${JOIN_JOB}`, destination: dwd.id }]);
      expect(dwd.outEdges).toEqual([{ origin: dwd.id, destination: `job:${JOBS}:${DAILY_JOB}` }]);
      expect(two.body.graph.find((n: any) => n.type === 'JOB' && n.data.name === JOIN_JOB).data.outputs).toEqual([{ namespace: WAREHOUSE, name: 'dwd.dwd_txn_card' }]);
    });

    it('answers column lineage field by field, upstream by default, with the transformation', async () => {
      const res = await get(`/column-lineage?nodeId=datasetField:${WAREHOUSE}:dws.dws_card_daily:total_amount`, '/column-lineage');
      // Marquez clients send depth 20 by default: the walk is cut at the API's limit and says so.
      expect(res.headers.get('x-dctx-depth-capped')).toBe('20');
      expect(res.body.graph.map((n: any) => n.id).sort()).toEqual([
        `datasetField:${WAREHOUSE}:dwd.dwd_txn_card:amount`,
        `datasetField:${WAREHOUSE}:dwd.dwd_txn_card:card_type`,
        `datasetField:${WAREHOUSE}:dws.dws_card_daily:total_amount`,
        `datasetField:${WAREHOUSE}:ods.ods_card_info:card_type`,
        `datasetField:${WAREHOUSE}:ods.ods_txn:amount`,
      ]);
      const total = res.body.graph.find((n: any) => n.data.field === 'total_amount');
      expect(total.type).toBe('DATASET_FIELD');
      expect(total.data.fieldType).toBe('decimal(18,2)');
      expect(total.data.inputFields.map((f: any) => [f.field, f.transformationType, f.transformationDescription]).sort()).toEqual([
        ['amount', 'DIRECT', 'AGGREGATION'],
        ['card_type', 'INDIRECT', 'GROUP_BY'],
      ]);
      const down = await get(`/column-lineage?nodeId=datasetField:${WAREHOUSE}:ods.ods_txn:amount&depth=1&withDownstream=true`, '/column-lineage');
      expect(down.body.graph.map((n: any) => `${n.data.dataset}.${n.data.field}`).sort()).toEqual(['dwd.dwd_txn_card.amount', 'ods.ods_txn.amount']);
    });

    it('searches names with Marquez\'s % and _ patterns, filtered by type', async () => {
      const card = await get('/search?q=card', '/search');
      expect(card.body.totalCount).toBe(5);
      expect(card.body.results.map((r: any) => r.nodeId)).toContain(`job:${JOBS}:${JOIN_JOB}`);
      const jobs = await get('/search?q=card&filter=JOB', '/search');
      expect(jobs.body.results.map((r: any) => r.name)).toEqual([JOIN_JOB, DAILY_JOB]);
      expect((await get('/search?q=ods_%25_info', '/search')).body.results.map((r: any) => r.name)).toEqual(['ods.ods_card_info']);
      // The fixture's versions were all committed while the test ran: after a day long past, before none.
      expect((await get('/search?q=card&after=2000-01-01', '/search')).body.totalCount).toBe(5);
      expect((await get('/search?q=card&before=2000-01-01', '/search')).body.totalCount).toBe(0);
      expect((await get(`/search?q=card&sort=UPDATE_AT&limit=2`, '/search')).body.results).toHaveLength(2);
      // After the join's run (the first two events), before the daily job's.
      expect((await get(`/search?q=txn&asOf=${versionAfter[1]}`, '/search')).body.results.map((r: any) => r.name)).toEqual([
        'dwd.dwd_txn_card', 'dwd.dwd_txn_card.insert', 'ods.ods_txn',
      ]);
    });

    it('refuses bad requests with 400 and unknown names with 404, in JSON', async () => {
      const cases: [string, number, string][] = [
        [`/namespaces/${enc(WAREHOUSE)}/datasets?limit=100000`, 400, 'LIMIT_EXCEEDED'],
        [`/namespaces/${enc(WAREHOUSE)}/datasets?limit=ten`, 400, 'BAD_QUERY'],
        ['/lineage?nodeId=table:x', 400, 'BAD_QUERY'],
        ['/lineage', 400, 'BAD_QUERY'],
        ['/search', 400, 'BAD_QUERY'],
        ['/search?q=a&filter=TABLE', 400, 'BAD_QUERY'],
        ['/namespaces?asOf=yesterday', 400, 'BAD_QUERY'],
        [`/namespaces/${enc(WAREHOUSE)}/datasets/nope`, 404, 'NOT_FOUND'],
        [`/namespaces/${enc(WAREHOUSE)}/datasets/ods.ods_txn?asOf=0`, 404, 'NOT_FOUND'],
        ['/namespaces/nowhere', 404, 'NOT_FOUND'],
        [`/lineage?nodeId=dataset:${WAREHOUSE}:nope`, 404, 'NOT_FOUND'],
        ['/jobs/runs/0191f0a0-0000-7000-8000-0000000000ff', 404, 'NOT_FOUND'],
      ];
      for (const [path, status, code] of cases) {
        const res = await get(path, null);
        expect([path, res.status, res.body.error?.code]).toEqual([path, status, code]);
        expect(typeof res.body.error.message).toBe('string');
      }
    });

    it('answers every Marquez endpoint it does not serve with 501 and a JSON error', async () => {
      expect(UNSUPPORTED.length).toBeGreaterThan(0);
      for (const [method, path] of UNSUPPORTED) {
        expect(spec.paths[path]?.[method.toLowerCase()], `${method} ${path} is Marquez's`).toBeDefined();
        const url = path.replace(/\{[^}]+\}/g, (p) => (p === '{id}' ? RUN_JOINED : 'x'));
        const res = await fetch(`${base}/api/v1${url}`, { method, headers: auth });
        expect([method, path, res.status, res.headers.get('content-type')]).toEqual([method, path, 501, 'application/json; charset=utf-8']);
        const body = (await res.json()) as any;
        expect(body.error.code).toBe('NOT_IMPLEMENTED');
        expect(body.error.message).toContain('docs/marquez.md');
      }
    });

    it('asks for a token with the read scope, as the rest of the API', async () => {
      expect((await fetch(`${base}/api/v1/namespaces`)).status).toBe(401);
      expect((await fetch(`${base}/api/v1/namespaces`, { headers: { authorization: `Bearer ${INGESTER}` } })).status).toBe(403);
    });
  });
}
