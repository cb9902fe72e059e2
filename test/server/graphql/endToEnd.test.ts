import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { dbtIngestor } from '../../../ingestors/dbt/index.js';
import { riskCatalogIngestor } from '../../../ingestors/risk/index.js';
import { runIngestor } from '../../../ingestors/runIngestor.js';
import { createTestDatabase, describeEachEngine, type TestDatabase } from '../../support/engines.js';
import { data, startGraphQL, type RunningService } from './graphqlClient.js';

const fixture = (path: string) => fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url));

/** The job that fills the payment stream every catalog feature reads, as an engine would report it. */
const loaderEvent = {
  eventType: 'COMPLETE',
  eventTime: '2026-11-20T10:00:00Z',
  producer: 'https://github.com/apache/flink',
  schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
  run: { runId: '01936f3a-0000-7000-8000-000000000001' },
  job: { namespace: 'flink://risk', name: 'authorizations_loader' },
  inputs: [{ namespace: 'postgres://core:5432', name: 'payments.public.authorizations' }],
  outputs: [{ namespace: 'kafka://risk-prod', name: 'payments.authorizations' }],
};

describeEachEngine('end to end: ingest OpenLineage, dbt and a risk catalog, then ask GraphQL', (engine) => {
  let database: TestDatabase;
  let store: GraphStore;
  let service: RunningService;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    store = await database.open();
    service = await startGraphQL(store);
  });
  afterAll(async () => {
    await service?.close();
    await database?.dispose();
  });

  it('answers lineage, impact and featuresForRule over what three ingestors brought in', async () => {
    const posted = await fetch(`${service.base}/api/v1/lineage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(loaderEvent) });
    expect(posted.status).toBe(201);
    const dbt = await runIngestor(store, dbtIngestor(), { manifestPath: fixture('dbt/small_manifest.json'), namespace: 'postgres://warehouse:5432' });
    expect(dbt.errors).toEqual([]);
    const catalog = await runIngestor(store, riskCatalogIngestor(), { directory: fixture('risk/basic') });
    await service.index.waitFor(await store.currentVersion());

    const rule = (await data(service.base, `{ search(query: "large_amount_velocity", kinds: [RULE]) { nodes { id name } } }`)).search.nodes;
    expect(rule).toHaveLength(1);
    const ruleId = rule[0].id;

    const features = (await data(service.base, `query($id: ID!) { featuresForRule(id: $id) { version direct { name } transitive { name } } }`, { id: ruleId })).featuresForRule;
    expect(features.version).toBe(await store.currentVersion());
    expect(features.direct.map((f: { name: string }) => f.name)).toEqual(['user_7d_txn_cnt']);
    expect(features.transitive.map((f: { name: string }) => f.name)).toContain('user_7d_txn_cnt');
    // The same answer over the decision-time endpoint.
    const decision = await fetch(`${service.base}/v1/decision/rule-features?id=${encodeURIComponent(ruleId)}`);
    expect(decision.status).toBe(200);
    expect(((await decision.json()) as { direct: { name: string }[] }).direct.map((f) => f.name)).toEqual(['user_7d_txn_cnt']);

    // Upstream of the rule: the catalog's feature, the stream it reads, and the OpenLineage job filling it.
    const upstream = (await data(service.base, `query($id: ID!) { lineage(id: $id, direction: UPSTREAM, depth: 10) { nodes { name __typename } truncated } }`, { id: ruleId })).lineage;
    const names = upstream.nodes.map((n: { name: string }) => n.name);
    expect(names).toEqual(expect.arrayContaining(['user_7d_txn_cnt', 'payments.authorizations', 'authorizations_loader', 'payments.public.authorizations']));
    expect(upstream.truncated).toBe(false);

    // Cutting off the OpenLineage job's source breaks the rule, with the path that says why.
    const source = (await data(service.base, `{ asset(namespace: "postgres://core:5432", name: "payments.public.authorizations") { id } }`)).asset.id;
    const impact = (await data(service.base, `query($id: ID!) { impact(ids: [$id], mode: CUTOFF) { broken { node { id ... on Asset { name } } path } summary } }`, { id: source })).impact;
    const broken = impact.broken.find((n: { node: { id: string } }) => n.node.id === ruleId);
    expect(broken.path[0]).toBe(source);
    expect(broken.path.at(-1)).toBe(ruleId);
    expect(impact.summary).toMatch(/rules? broken/);

    // The dbt model is there too, with its lineage.
    const model = (await data(service.base, `{ search(query: "test_model") { nodes { id name kind __typename } } }`)).search.nodes;
    expect(model.length).toBeGreaterThan(0);
    expect(catalog.versions.length).toBeGreaterThan(0);
  });
});
