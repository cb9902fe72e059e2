import { afterEach, beforeEach, expect, it } from 'vitest';
import { nodeId } from '../../graph-model/ids.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { JOBS_NS, RUN_1, WAREHOUSE, dataset, runEvent, schema } from '../ingestors/openlineage/olEvents.js';
import { describeEachEngine, useStore } from '../support/engines.js';
import { postJson, startServer } from './httpClient.js';

/**
 * A columnLineage facet that derives an output from a dataset the event's `inputs` do not list
 * (Spark and dbt integrations do this for tables read only through a subquery or a macro): the job
 * is still recorded as reading it, and the contradiction is recorded as an ingest warning on the job.
 */
describeEachEngine('column lineage naming datasets the inputs omit', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  let base: string;
  let close: () => Promise<void>;
  beforeEach(async () => {
    store = shared.store();
    ({ base, close } = await startServer(store));
  });
  afterEach(async () => close());

  const lineage = {
    columnLineage: {
      fields: {
        total: { inputFields: [{ namespace: WAREHOUSE, name: 'risk.orders', field: 'amount' }] },
        country: { inputFields: [{ namespace: WAREHOUSE, name: 'risk.users', field: 'country' }] },
      },
    },
  };
  const event = runEvent({
    runId: RUN_1,
    eventType: 'COMPLETE',
    eventTime: '2026-03-01T08:05:00Z',
    inputs: [dataset('risk.orders')],
    outputs: [dataset('risk.totals', lineage)],
  });
  const job = nodeId('COMPUTATION', JOBS_NS, 'score_features');

  it('reads the omitted dataset (a READS edge) and answers and records a warning naming the facet', async () => {
    const res = await postJson(base, '/api/v1/lineage', event);
    expect(res.status).toBe(201);
    expect(res.body.warnings).toEqual([
      {
        path: 'outputs[0].facets.columnLineage',
        pointer: '/outputs/0/facets/columnLineage',
        message:
          `warning: the columnLineage facet of output ${WAREHOUSE}/risk.totals derives from ${WAREHOUSE}/risk.users, ` +
          `which the event's inputs do not list; recorded as read by job ${JOBS_NS}/score_features`,
      },
    ]);
    const reads = (await store.edges(job)).filter((e) => e.to === job).map((e) => e.from).sort();
    expect(reads).toEqual([nodeId('ASSET', WAREHOUSE, 'risk.orders'), nodeId('ASSET', WAREHOUSE, 'risk.users')].sort());
    const [warning, ...more] = await store.ingestErrors({ source: 'openlineage' });
    expect(more).toEqual([]);
    expect(warning).toMatchObject({ nodeId: job, severity: 'warning', message: res.body.warnings[0].message });
    expect(warning!.location).toMatch(/^\/api\/v1\/lineage request .+#\/outputs\/0\/facets\/columnLineage$/);
  });

  it('says nothing when every dataset the facet names is an input', async () => {
    const listed = { ...event, inputs: [dataset('risk.orders'), dataset('risk.users')] };
    const res = await postJson(base, '/api/v1/lineage', listed);
    expect(res.status).toBe(201);
    expect(res.body.warnings).toBeUndefined();
    expect(await store.ingestErrors({ source: 'openlineage' })).toEqual([]);
  });

  it('warns of a column the event\'s schema facet of its dataset does not declare, and keeps the field edge', async () => {
    // risk.orders declares [id] (no amount); risk.totals declares [country] (no total); risk.users sends no schema: not checked.
    const undeclared = runEvent({
      runId: RUN_1,
      eventType: 'COMPLETE',
      eventTime: '2026-03-01T08:05:00Z',
      inputs: [dataset('risk.orders', schema('id')), dataset('risk.users')],
      outputs: [dataset('risk.totals', { ...schema('country'), ...lineage })],
    });
    const res = await postJson(base, '/api/v1/lineage', undeclared);
    expect(res.status).toBe(201);
    const column = (field: string, name: string) =>
      `warning: the columnLineage facet of output ${WAREHOUSE}/risk.totals names column ${field} of ${WAREHOUSE}/${name}, ` +
      `which the event's schema facet of that dataset does not declare; the column is added to it`;
    expect(res.body.warnings.map((w: { message: string }) => w.message).sort()).toEqual([column('amount', 'risk.orders'), column('total', 'risk.totals')].sort());
    expect(res.body.warnings.every((w: { pointer: string }) => w.pointer === '/outputs/0/facets/columnLineage')).toBe(true);
    // The field edge is kept, and the column added to the dataset.
    const edges = (await store.fieldEdges(nodeId('ASSET', WAREHOUSE, 'risk.totals'))).map((e) => `${e.inputField}->${e.outputField}`).sort();
    expect(edges).toEqual(['amount->total', 'country->country']);
    expect((await store.ingestErrors({ source: 'openlineage' })).map((e) => e.message).sort()).toEqual([column('amount', 'risk.orders'), column('total', 'risk.totals')].sort());
  });
});
