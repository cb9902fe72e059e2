import { afterEach, beforeEach, expect, it } from 'vitest';
import { Neo4jLineage } from '../../graph-model/neo4j/neo4jLineage.js';
import { Neo4jProjection } from '../../graph-model/neo4j/neo4jProjection.js';
import { DEFAULT_LIMITS } from '../../server/graphql/limits.js';
import { describeEachEngine, useStore } from '../support/engines.js';
import { startGraphQL, type RunningService } from '../server/graphql/graphqlClient.js';
import { describeWithNeo4j, emptyNeo4j, useNeo4j } from '../support/neo4jSuite.js';
import { fourVersions, JOBS, NS, RULES } from './platform.js';

/** A Marquez graph answer (`{ graph: [...] }`) in one order: nodes by id, each node's edges by origin then destination. */
function byId(body: { graph: { id: string; inEdges: Edge[]; outEdges: Edge[] }[] }) {
  const edges = (list: Edge[]) => [...list].sort((a, b) => text(a.origin, b.origin) || text(a.destination, b.destination));
  return [...body.graph].map((n) => ({ ...n, inEdges: edges(n.inEdges), outEdges: edges(n.outEdges) })).sort((a, b) => text(a.id, b.id));
}
interface Edge {
  origin: string;
  destination: string;
}
const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function get(base: string, path: string): Promise<{ status: number; truncated: string | null; body: any }> {
  const res = await fetch(`${base}/api/v1${path}`);
  return { status: res.status, truncated: res.headers.get('x-dctx-truncated'), body: await res.json() };
}

describeWithNeo4j("the Marquez-compatible lineage routes answered from the Neo4j projection", () => {
  const neo4j = useNeo4j();

  describeEachEngine('over the four versions of platform.ts', (engine) => {
    const shared = useStore(engine);
    let neo4jService: RunningService;
    let indexService: RunningService;
    const limits = { ...DEFAULT_LIMITS, maxLineageNodes: 4 };
    let cutNeo4j: RunningService;
    let cutIndex: RunningService;

    beforeEach(async () => {
      await emptyNeo4j(neo4j.driver());
      for (const changeset of fourVersions()) await shared.store().apply(changeset);
      // Projected to version 3 of 4: an answer without asOf is Neo4j's at 3, not the index's at 4.
      await new Neo4jProjection(neo4j.driver(), shared.store().db, undefined).catchUp({ upTo: 3 });
      const lineageBackend = new Neo4jLineage(neo4j.driver(), undefined);
      neo4jService = await startGraphQL(shared.store(), { lineageBackend });
      indexService = await startGraphQL(shared.store());
      cutNeo4j = await startGraphQL(shared.store(), { lineageBackend, limits });
      cutIndex = await startGraphQL(shared.store(), { limits });
    });
    afterEach(async () => {
      for (const service of [neo4jService, indexService, cutNeo4j, cutIndex]) await service?.close();
    });

    const orders = `dataset:${NS}:shop.public.orders`;
    const enriched = `dataset:${NS}:shop.mart.orders_enriched`;

    it('GET /api/v1/lineage answers as the index does, at the newest version the projection holds', async () => {
      const fromNeo4j = await get(neo4jService.base, `/lineage?nodeId=${encodeURIComponent(orders)}&depth=10`);
      expect(fromNeo4j.status).toBe(200);
      const atThree = await get(indexService.base, `/lineage?nodeId=${encodeURIComponent(orders)}&depth=10&asOf=3`);
      expect(byId(fromNeo4j.body)).toEqual(byId(atThree.body));
      // Version 3 added the rule downstream of the enriched table; version 2 retracted users.
      expect(fromNeo4j.body.graph.map((n: { id: string }) => n.id).sort()).toEqual(
        [orders, `job:${JOBS}:enrich`, enriched, `job:risk.rule_evaluations:block_high_amount.eval`, `dataset:${RULES}:block_high_amount`].sort(),
      );
      for (const asOf of [1, 2]) {
        const path = `/lineage?nodeId=${encodeURIComponent(enriched)}&depth=3&asOf=${asOf}`;
        expect(byId((await get(neo4jService.base, path)).body)).toEqual(byId((await get(indexService.base, path)).body));
      }
    });

    it('cuts the walk at maxLineageNodes as the index does, saying so in x-dctx-truncated', async () => {
      const path = `/lineage?nodeId=${encodeURIComponent(orders)}&depth=10&asOf=3`;
      const [fromNeo4j, fromIndex] = [await get(cutNeo4j.base, path), await get(cutIndex.base, path)];
      expect(fromNeo4j.truncated).toBe('MAX_NODES');
      expect(fromIndex.truncated).toBe('MAX_NODES');
      expect(fromNeo4j.body.graph).toHaveLength(4);
      // The same four of five: orders, enrich, the enriched table and the rule evaluation (the rule, at distance 4, is cut).
      expect(byId(fromNeo4j.body)).toEqual(byId(fromIndex.body));
    });

    it('GET /api/v1/column-lineage answers as the index does, from a dataset, a field and a job, up and down', async () => {
      const starts = [enriched, `datasetField:${NS}:shop.mart.orders_enriched:amount`, `job:${JOBS}:enrich`, `datasetField:${NS}:shop.public.orders:id`];
      for (const nodeId of starts) {
        for (const asOf of ['1', '3']) {
          for (const withDownstream of ['false', 'true']) {
            const path = `/column-lineage?nodeId=${encodeURIComponent(nodeId)}&depth=6&asOf=${asOf}&withDownstream=${withDownstream}`;
            const [fromNeo4j, fromIndex] = [await get(neo4jService.base, path), await get(indexService.base, path)];
            expect(fromNeo4j.status, path).toBe(200);
            expect(byId(fromNeo4j.body), path).toEqual(byId(fromIndex.body));
          }
        }
      }
      // users.phone flows, masked, into the enriched table's phone at version 1, and no more after the full sync of 2.
      const phone = `/column-lineage?nodeId=${encodeURIComponent(`datasetField:${NS}:shop.mart.orders_enriched:phone`)}`;
      const atOne = (await get(neo4jService.base, `${phone}&asOf=1`)).body.graph.find((n: { id: string }) => n.id.endsWith(':phone') && n.id.includes('orders_enriched'));
      expect(atOne.data.inputFields).toEqual([expect.objectContaining({ dataset: 'shop.public.users', field: 'phone', transformationType: 'DIRECT', transformationDescription: 'TRANSFORMATION' })]);
      const now = (await get(neo4jService.base, phone)).body.graph.find((n: { id: string }) => n.id.includes('orders_enriched'));
      expect(now?.data.inputFields ?? []).toEqual([]);
    });

    it('refuses an asOf the projection does not hold yet (400, PROJECTION_BEHIND)', async () => {
      for (const path of [`/lineage?nodeId=${encodeURIComponent(orders)}&asOf=4`, `/column-lineage?nodeId=${encodeURIComponent(enriched)}&asOf=4`]) {
        const behind = await get(neo4jService.base, path);
        expect(behind.status, path).toBe(400);
        expect(behind.body, path).toMatchObject({ error: { code: 'BAD_QUERY', parameter: 'asOf', reason: 'PROJECTION_BEHIND' } });
      }
      // Once the projection holds it, the same request is answered as the index answers it.
      await new Neo4jProjection(neo4j.driver(), shared.store().db, undefined).catchUp();
      const path = `/lineage?nodeId=${encodeURIComponent(orders)}&asOf=4&depth=4`;
      expect(byId((await get(neo4jService.base, path)).body)).toEqual(byId((await get(indexService.base, path)).body));
    });
  });
});
