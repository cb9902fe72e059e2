import { afterEach, beforeEach, expect, it } from 'vitest';
import { UnknownReferenceError } from '../../graph-model/analyses/unknownFields.js';
import type { ImpactOptions } from '../../graph-model/analyses/impact.js';
import { Neo4jImpact } from '../../graph-model/neo4j/neo4jImpact.js';
import { Neo4jProjection } from '../../graph-model/neo4j/neo4jProjection.js';
import { describeEachEngine, useStore } from '../support/engines.js';
import { data, gql, startGraphQL, type RunningService } from '../server/graphql/graphqlClient.js';
import { describeWithNeo4j, emptyNeo4j, useNeo4j } from '../support/neo4jSuite.js';
import { docQueries } from './docQueries.js';
import { JOBS, NS } from './platform.js';
import { ENRICH, ENRICHED, fourVersions, ORDERS, RULE, RULE_EVAL, RULES, USERS } from './platform.js';

describeWithNeo4j('impact answered from the Neo4j projection', () => {
  const neo4j = useNeo4j();

  describeEachEngine('over the four versions of platform.ts', (engine) => {
    const shared = useStore(engine);
    const ask = async (options: ImpactOptions) => {
      const report = await new Neo4jImpact(neo4j.driver(), undefined).impact(options);
      const brief = (list: typeof report.broken) => list.map((n) => [n.id, n.reason, n.distance, n.path.join(' > ')]);
      return { version: report.version, roots: report.roots.map((r) => [r.id, r.status, r.fields]), broken: brief(report.broken), degraded: brief(report.degraded), notFound: report.notFound };
    };

    it('deleting the source table at version 3 breaks the job, its table, the rule evaluation and the rule', async () => {
      expect(await ask({ ids: [ORDERS, USERS], mode: 'DELETE', asOf: 3 })).toEqual({
        version: 3,
        roots: [[ORDERS, 'REMOVED', undefined]],
        broken: [
          [ENRICH, 'READS_REMOVED', 1, `${ORDERS} > ${ENRICH}`],
          [ENRICHED, 'ALL_PRODUCERS_BROKEN', 2, `${ORDERS} > ${ENRICH} > ${ENRICHED}`],
          [RULE_EVAL, 'READS_BROKEN', 3, `${ORDERS} > ${ENRICH} > ${ENRICHED} > ${RULE_EVAL}`],
          [RULE, 'ALL_PRODUCERS_BROKEN', 4, `${ORDERS} > ${ENRICH} > ${ENRICHED} > ${RULE_EVAL} > ${RULE}`],
        ],
        degraded: [],
        // The users table was retracted by the full sync of version 2.
        notFound: [USERS],
      });
    });

    it('at version 1, before the rule existed, deleting users breaks the shop pipeline only', async () => {
      expect(await ask({ ids: [USERS], mode: 'CUTOFF', asOf: 1 })).toMatchObject({
        version: 1,
        roots: [[USERS, 'CUT_OFF', undefined]],
        broken: [
          [ENRICH, 'READS_REMOVED', 1, `${USERS} > ${ENRICH}`],
          [ENRICHED, 'ALL_PRODUCERS_BROKEN', 2, `${USERS} > ${ENRICH} > ${ENRICHED}`],
        ],
      });
    });

    it('a dropped column breaks only through the field edges that read it', async () => {
      // enrich's field edges read orders.id and orders.amount at version 3, not user_id.
      expect(await ask({ mode: 'SCHEMA_CHANGE', fields: [{ id: ORDERS, field: 'user_id' }], asOf: 3 })).toMatchObject({ roots: [[ORDERS, 'CHANGED', ['user_id']]], broken: [], degraded: [] });
      expect((await ask({ mode: 'SCHEMA_CHANGE', fields: [{ id: ORDERS, field: 'amount' }], asOf: 3 })).broken.map(([id, reason]) => [id, reason])).toEqual([
        [ENRICH, 'READS_REMOVED_FIELD'],
        [ENRICHED, 'ALL_PRODUCERS_BROKEN'],
        [RULE_EVAL, 'READS_BROKEN'],
        [RULE, 'ALL_PRODUCERS_BROKEN'],
      ]);
      // orders has no `currency` before version 4 redefines it.
      await expect(ask({ mode: 'SCHEMA_CHANGE', fields: [{ id: ORDERS, field: 'currency' }], asOf: 3 })).rejects.toThrow(UnknownReferenceError);
      await new Neo4jProjection(neo4j.driver(), shared.store().db, undefined).catchUp();
      expect(await ask({ mode: 'SCHEMA_CHANGE', fields: [{ id: ORDERS, field: 'currency' }], asOf: 4 })).toMatchObject({ broken: [] });
    });

    it("docs/neo4j.md's 'what a delete breaks for certain' finds the job reading the table and the table it alone writes", async () => {
      const cypher = docQueries().get('What a delete breaks for certain');
      if (!cypher) throw new Error('docs/neo4j.md has no example titled What a delete breaks for certain');
      const ask = async (v: number, name: string) => {
        const session = neo4j.driver().session();
        try {
          return (await session.run(cypher, { v, namespace: NS, name })).records.map((r) => r.toObject());
        } finally {
          await session.close();
        }
      };
      expect(await ask(3, 'shop.public.orders')).toEqual([{ brokenJob: 'enrich', brokenAssets: ['shop.mart.orders_enriched'] }]);
      expect(await ask(1, 'shop.public.users')).toEqual([{ brokenJob: 'enrich', brokenAssets: ['shop.mart.orders_enriched'] }]);
      expect(await ask(2, 'shop.public.users')).toEqual([]);
      // The same as the BROKEN verdicts one hop and two from the root.
      const report = await new Neo4jImpact(neo4j.driver(), undefined).impact({ ids: [ORDERS], mode: 'DELETE', asOf: 3 });
      expect(report.broken.filter((n) => n.distance <= 2).map((n) => [n.namespace, n.name])).toEqual([[JOBS, 'enrich'], [NS, 'shop.mart.orders_enriched']]);
    });

    let neo4jService: RunningService;
    let indexService: RunningService;
    const IMPACT = `query ($ids: [ID!], $fields: [FieldRefInput!], $mode: ImpactMode, $asOf: AsOf, $first: Int) {
      impact(ids: $ids, fields: $fields, mode: $mode, asOf: $asOf, first: $first) {
        version mode roots { node { id } status fields owners } notFound summary truncated assumingFieldUsage
        broken { node { id kind } status reason distance path decidedBy inputSemantics assumesFieldUsage owners traffic }
        degraded { node { id kind } status reason distance path decidedBy inputSemantics assumesFieldUsage owners traffic }
        counts { status kind count }
      }
    }`;

    // Per test (useStore empties the store before each), for the tests above too.
    beforeEach(async () => {
      await emptyNeo4j(neo4j.driver());
      for (const changeset of fourVersions()) await shared.store().apply(changeset);
      // Projected to version 3 of 4: an answer at version 3 without asOf is Neo4j's, not the index's.
      await new Neo4jProjection(neo4j.driver(), shared.store().db, undefined).catchUp({ upTo: 3 });
      neo4jService = await startGraphQL(shared.store(), { impactBackend: new Neo4jImpact(neo4j.driver(), undefined) });
      indexService = await startGraphQL(shared.store());
    });
    afterEach(async () => {
      await neo4jService?.close();
      await indexService?.close();
    });

    it('answers the GraphQL impact query as the index does, at the newest version the projection holds', async () => {
      const { impact } = await data(neo4jService.base, IMPACT, { ids: [ORDERS] });
      expect(impact.version).toBe(3);
      expect(impact).toEqual((await data(indexService.base, IMPACT, { ids: [ORDERS], asOf: 3 })).impact);
      expect(impact.broken.map((n: { node: { id: string } }) => n.node.id)).toEqual([ENRICH, ENRICHED, RULE_EVAL, RULE]);
      const cut = { ids: [ORDERS], asOf: 3, first: 1 };
      const { impact: firstOnly } = await data(neo4jService.base, IMPACT, cut);
      expect(firstOnly).toEqual((await data(indexService.base, IMPACT, cut)).impact);
      expect(firstOnly).toMatchObject({ truncated: true, broken: [{ node: { id: ENRICH } }] });
    });

    it("reads each impacted node's traffic by its kind in what Neo4j returned, at the answer's version, as the index does", async () => {
      const store = shared.store();
      const day = (nodeId: string, date: string, value: number) => ({ nodeId, metric: 'rule.evaluations', granularity: 'day' as const, bucketStart: `${date}T00:00:00Z`, value });
      await store.recordMetrics('metrics:test', [day(RULE, '2026-11-02', 700), day(RULE_EVAL, '2026-11-03', 1000), day(RULE_EVAL, '2026-11-04', 400)]);
      // Version 5 makes the rule a feature, whose traffic would be feature lookups (it has none): the
      // projection holds version 4, where it is a rule, and answers there without an asOf.
      await store.apply({ source: 'risk-catalog', mode: 'delta', assets: [{ namespace: RULES, name: 'block_high_amount', kind: 'FEATURE' }] });
      await new Neo4jProjection(neo4j.driver(), store.db, undefined).catchUp({ upTo: 4 });
      await neo4jService.index.waitFor(5);
      await indexService.index.waitFor(5);
      const TRAFFIC = `query ($ids: [ID!], $asOf: AsOf, $from: String, $to: String) {
        impact(ids: $ids, asOf: $asOf, from: $from, to: $to) {
          version summary windowFrom windowTo
          broken { node { id kind } status distance traffic }
          counts { status kind count traffic }
        }
      }`;
      const week = { from: '2026-11-01T00:00:00Z', to: '2026-11-08T00:00:00Z' };
      const { impact } = await data(neo4jService.base, TRAFFIC, { ids: [ORDERS], ...week });
      expect(impact.version).toBe(4);
      // Per day over the 7-day window: 700 / 7 for the rule, 1,400 / 7 for its evaluation; no metric for the job and the table.
      expect(impact.broken.map((n: { node: { id: string }; traffic: number | null }) => [n.node.id, n.traffic])).toEqual([
        [ENRICH, null],
        [ENRICHED, null],
        [RULE_EVAL, 200],
        [RULE, 100],
      ]);
      expect(impact).toEqual((await data(indexService.base, TRAFFIC, { ids: [ORDERS], asOf: 4, ...week })).impact);
      // At version 5, from both: the rule is a feature and its traffic unknown.
      const { impact: atFive } = await data(indexService.base, TRAFFIC, { ids: [ORDERS], asOf: 5, ...week });
      expect(atFive.broken.find((n: { node: { id: string } }) => n.node.id === RULE)).toMatchObject({ node: { kind: 'FEATURE' }, traffic: null });
      await new Neo4jProjection(neo4j.driver(), store.db, undefined).catchUp();
      expect((await data(neo4jService.base, TRAFFIC, { ids: [ORDERS], asOf: 5, ...week })).impact).toEqual(atFive);
    });

    it('refuses an asOf the projection does not hold yet, and an unknown field, as BAD_USER_INPUT', async () => {
      const behind = await gql(neo4jService.base, IMPACT, { ids: [ORDERS], asOf: 4 });
      expect(behind.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', reason: 'PROJECTION_BEHIND' } });
      const unknown = await gql(neo4jService.base, IMPACT, { fields: [{ id: ORDERS, field: 'no_such_column' }], mode: 'SCHEMA_CHANGE', asOf: 3 });
      expect(unknown.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'fields', unknown: [`${ORDERS}#no_such_column`] } });
    });
  });
});
