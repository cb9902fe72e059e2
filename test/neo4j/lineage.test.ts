import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { nodeId } from '../../graph-model/ids.js';
import type { LineageOptions } from '../../graph-model/analyses/lineage.js';
import { Neo4jProjection } from '../../graph-model/neo4j/neo4jProjection.js';
import { Neo4jBehindError, Neo4jLineage } from '../../graph-model/neo4j/neo4jLineage.js';
import { describeEachEngine, useStore } from '../support/engines.js';
import { data, gql, startGraphQL, type RunningService } from '../server/graphql/graphqlClient.js';
import { describeWithNeo4j, emptyNeo4j, useNeo4j } from '../support/neo4jSuite.js';
import { ENRICH, ENRICHED, fourVersions, ORDERS, RULE, RULE_EVAL, USERS } from './platform.js';

describeWithNeo4j('lineage answered from the Neo4j projection', () => {
  const neo4j = useNeo4j();

  describeEachEngine('over the four versions of platform.ts', (engine) => {
    const shared = useStore(engine);
    const lineage = () => new Neo4jLineage(neo4j.driver(), undefined);
    const ask = async (options: LineageOptions) => {
      const result = await lineage().lineage(options);
      return { ...result, nodes: result.nodes.map((n) => [n.id, n.distance]), edges: result.edges.map((e) => [e.from, e.kind, e.to]) };
    };

    // Projected once: these tests read Neo4j only (useStore empties the store before each test).
    beforeAll(async () => {
      await emptyNeo4j(neo4j.driver());
      for (const changeset of fourVersions()) await shared.store().apply(changeset);
      await new Neo4jProjection(neo4j.driver(), shared.store().db, undefined).catchUp();
    });

    it('walks upstream of the rule at version 3 to the source table, and does not know the rule at version 1', async () => {
      expect(await ask({ ids: [RULE], direction: 'UPSTREAM', depth: 10, asOf: 3 })).toEqual({
        version: 3,
        nodes: [[RULE, 0], [RULE_EVAL, 1], [ENRICHED, 2], [ENRICH, 3], [ORDERS, 4]],
        edges: [[ENRICH, 'WRITES', ENRICHED], [ORDERS, 'READS', ENRICH], [ENRICHED, 'READS', RULE_EVAL], [RULE_EVAL, 'WRITES', RULE]].sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0)),
        notFound: [],
        truncated: false,
        moreBeyondDepth: false,
      });
      expect(await ask({ ids: [RULE], direction: 'UPSTREAM', depth: 10, asOf: 1 })).toMatchObject({ version: 1, nodes: [], edges: [], notFound: [RULE] });
    });

    it('reads users downstream at version 1, when it existed, and not at 3, after the full sync dropped it', async () => {
      const atOne = await ask({ ids: [USERS], direction: 'DOWNSTREAM', depth: 2, asOf: 1 });
      expect(atOne).toMatchObject({ nodes: [[USERS, 0], [ENRICH, 1], [ENRICHED, 2]], notFound: [], moreBeyondDepth: false });
      expect(new Set(atOne.edges.map((e) => e.join(' ')))).toEqual(new Set([`${USERS} READS ${ENRICH}`, `${ENRICH} WRITES ${ENRICHED}`]));
      expect(await ask({ ids: [USERS], direction: 'DOWNSTREAM', depth: 2, asOf: 3 })).toMatchObject({ nodes: [], notFound: [USERS] });
    });

    it('says the graph goes on past the depth only where it does at that version', async () => {
      // orders -> enrich -> orders_enriched, which a rule evaluation reads from version 3 on.
      expect(await ask({ ids: [ORDERS], direction: 'DOWNSTREAM', depth: 2, asOf: 1 })).toMatchObject({ moreBeyondDepth: false, truncated: false });
      expect(await ask({ ids: [ORDERS], direction: 'DOWNSTREAM', depth: 2, asOf: 3 })).toMatchObject({ moreBeyondDepth: true, truncated: false });
    });

    it('walks both ways from the job: both inputs at version 1, only orders at version 3', async () => {
      const atOne = await ask({ ids: [ENRICH], direction: 'BOTH', depth: 1, asOf: 1 });
      expect(atOne.nodes).toEqual([[ENRICH, 0], ...[[ORDERS, 1], [USERS, 1], [ENRICHED, 1]].sort((a, b) => (a[0]! < b[0]! ? -1 : 1))]);
      expect(atOne.edges).toHaveLength(3);
      const atThree = await ask({ ids: [ENRICH], direction: 'BOTH', depth: 1, asOf: 3 });
      expect(new Set(atThree.nodes.map(([id]) => id))).toEqual(new Set([ENRICH, ORDERS, ENRICHED]));
      expect(atThree.moreBeyondDepth).toBe(true);
    });

    it('stops at maxNodes (the start included) and says truncated', async () => {
      expect(await ask({ ids: [RULE], direction: 'UPSTREAM', depth: 10, asOf: 3, maxNodes: 3 })).toMatchObject({
        nodes: [[RULE, 0], [RULE_EVAL, 1], [ENRICHED, 2]],
        truncated: true,
        truncatedReason: 'MAX_NODES',
      });
    });

    it('keeps only the kinds asked, joining them through the hidden jobs', async () => {
      const result = await lineage().lineage({ ids: [RULE], direction: 'UPSTREAM', depth: 10, asOf: 3, kinds: ['TABLE'] });
      expect(result.nodes.map((n) => [n.id, n.kind])).toEqual([[RULE, 'RULE'], [ENRICHED, 'TABLE'], [ORDERS, 'TABLE']]);
      expect(result.edges).toEqual([]);
      expect(new Set(result.collapsedEdges!.map((c) => `${c.from} ${c.through.join(',')} ${c.to}`))).toEqual(new Set([`${ENRICHED} ${RULE_EVAL} ${RULE}`, `${ORDERS} ${ENRICH} ${ENRICHED}`]));
    });

    it('refuses a version the projection does not hold yet', async () => {
      await expect(lineage().lineage({ ids: [RULE], direction: 'UPSTREAM', asOf: 5 })).rejects.toBeInstanceOf(Neo4jBehindError);
    });
  });

  describeEachEngine('behind the GraphQL lineage query (DCTX_LINEAGE_BACKEND=neo4j)', (engine) => {
    const shared = useStore(engine);
    let service: RunningService;
    const LINEAGE = `query ($id: ID!, $asOf: AsOf, $fieldLevel: Boolean) {
      lineage(id: $id, direction: UPSTREAM, depth: 10, asOf: $asOf, fieldLevel: $fieldLevel) { version nodes { id } distances { id distance } truncated moreBeyondDepth }
    }`;

    // Per test: useStore empties the store before each.
    beforeEach(async () => {
      await emptyNeo4j(neo4j.driver());
      for (const changeset of fourVersions()) await shared.store().apply(changeset);
      // Projected to version 3 of 4: an answer at version 3 without asOf is Neo4j's, not the index's.
      await new Neo4jProjection(neo4j.driver(), shared.store().db, undefined).catchUp({ upTo: 3 });
      service = await startGraphQL(shared.store(), { lineageBackend: new Neo4jLineage(neo4j.driver(), undefined) });
    });
    afterEach(async () => service?.close());

    it('answers at the newest version the projection holds, in the shape the index answers in', async () => {
      const { lineage } = await data(service.base, LINEAGE, { id: RULE });
      expect(lineage).toEqual({
        version: 3,
        nodes: [{ id: RULE }, { id: RULE_EVAL }, { id: ENRICHED }, { id: ENRICH }, { id: ORDERS }],
        distances: [{ id: RULE, distance: 0 }, { id: RULE_EVAL, distance: 1 }, { id: ENRICHED, distance: 2 }, { id: ENRICH, distance: 3 }, { id: ORDERS, distance: 4 }],
        truncated: false,
        moreBeyondDepth: false,
      });
    });

    it('refuses an asOf the projection does not hold yet, at field level too', async () => {
      for (const fieldLevel of [false, true]) {
        const answer = await gql(service.base, LINEAGE, { id: RULE, asOf: 4, fieldLevel });
        expect(answer.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', reason: 'PROJECTION_BEHIND' } });
      }
      // The index holds version 4, the projection 3: field level is answered by Neo4j, at 3.
      const { lineage } = await data(service.base, LINEAGE, { id: RULE, fieldLevel: true });
      expect(lineage.version).toBe(3);
    });

    it('checks start fields in the projection, at the version it answers at', async () => {
      const FROM_FIELDS = `query ($id: ID!, $asOf: AsOf, $fields: [String!]) {
        lineage(id: $id, direction: DOWNSTREAM, depth: 2, asOf: $asOf, fields: $fields) { version fields { id field } }
      }`;
      // orders has a currency field from version 4, which the index holds and the projection does not yet.
      const without = await gql(service.base, FROM_FIELDS, { id: ORDERS, fields: ['currency'] });
      expect(without.body.errors[0]).toMatchObject({ message: `${ORDERS} has no field "currency" at graph version 3`, extensions: { code: 'BAD_USER_INPUT', argument: 'fields', unknown: ['currency'] } });
      const { lineage } = await data(service.base, FROM_FIELDS, { id: ORDERS, fields: ['amount', 'id'] });
      expect(lineage.version).toBe(3);
      expect(lineage.fields).toEqual(expect.arrayContaining([{ id: ORDERS, field: 'amount' }, { id: ENRICHED, field: 'amount' }, { id: ENRICHED, field: 'id' }]));
      const computation = await gql(service.base, FROM_FIELDS, { id: ENRICH, fields: ['amount'] });
      expect(computation.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'fields' } });
      const gone = await gql(service.base, FROM_FIELDS, { id: USERS, fields: ['phone'], asOf: 3 });
      expect(gone.body.errors[0]).toMatchObject({ extensions: { code: 'NOT_FOUND', argument: 'id' } });
      await new Neo4jProjection(neo4j.driver(), shared.store().db, undefined).catchUp();
      expect((await data(service.base, FROM_FIELDS, { id: ORDERS, fields: ['currency'] })).lineage.version).toBe(4);
    });
  });
});
