import { beforeAll, expect, it } from 'vitest';
import type { LineageOptions, LineageResult } from '../../graph-model/analyses/lineage.js';
import { Neo4jProjection } from '../../graph-model/neo4j/neo4jProjection.js';
import { Neo4jLineage } from '../../graph-model/neo4j/neo4jLineage.js';
import { describeEachEngine, useStore } from '../support/engines.js';
import { describeWithNeo4j, emptyNeo4j, useNeo4j } from '../support/neo4jSuite.js';
import type { Changeset } from '../../graph-model/model.js';
import { fieldEdge, reads, table } from '../support/builders.js';
import { docQueries } from './docQueries.js';
import { A, ENRICH, ENRICHED, fourVersions, NS, ORDERS, RULE, RULE_EVAL, RULE_JOBS, RULES, USERS } from './platform.js';

/**
 * Version 5, after platform.ts's four: users comes back with its phone (pii) flowing masked into
 * orders_enriched.phone, and the rule's evaluation records orders_enriched.phone as an input of the
 * rule as a whole, as the risk catalog does (INDIRECT/CONDITION into field '').
 */
const fifthVersion: Changeset = {
  source: 'dbt:shop-users',
  mode: 'delta',
  assets: [table('shop.public.users', ['id', 'phone'])],
  computations: [],
  edges: [reads('shop.public.users', 'enrich')],
  fieldEdges: [
    fieldEdge('enrich', ['shop.public.users', 'phone'], ['shop.mart.orders_enriched', 'phone'], true),
    {
      computation: { namespace: RULE_JOBS, name: 'block_high_amount.eval' },
      input: { namespace: NS, name: 'shop.mart.orders_enriched', field: 'phone' },
      output: { namespace: RULES, name: 'block_high_amount', field: '' },
      transformation: { type: 'INDIRECT', subtype: 'CONDITION' },
    },
  ],
  tags: [{ target: A('shop.public.users'), field: 'phone', key: 'pii', value: 'phone' }],
};

/** A field edge as `computation: input.field -> output.field (type/subtype[ masked])`. */
const flow = (e: NonNullable<LineageResult['fieldEdges']>[number]) =>
  `${e.computation}: ${e.input.id}.${e.input.field} -> ${e.output.id}.${e.output.field} (${e.transformationType}/${e.subtype}${e.masking ? ' masked' : ''})`;

describeWithNeo4j('field-level lineage answered from the Neo4j projection', () => {
  const neo4j = useNeo4j();

  describeEachEngine('over the four versions of platform.ts', (engine) => {
    const shared = useStore(engine);
    const ask = async (options: Omit<LineageOptions, 'fieldLevel'>) => {
      const result = await new Neo4jLineage(neo4j.driver(), undefined).lineage({ ...options, fieldLevel: true });
      return {
        ...result,
        nodes: result.nodes.map((n) => [n.id, n.distance]),
        edges: result.edges.map((e) => `${e.from} ${e.kind} ${e.to}`),
        fields: result.fields!.map((f) => `${f.id}.${f.field}@${f.distance}`),
        fieldEdges: result.fieldEdges!.map(flow),
      };
    };

    beforeAll(async () => {
      await emptyNeo4j(neo4j.driver());
      for (const changeset of [...fourVersions(), fifthVersion]) await shared.store().apply(changeset);
      await new Neo4jProjection(neo4j.driver(), shared.store().db, undefined).catchUp();
    });

    it("follows users.phone to orders_enriched.phone at version 1, masked, with the node edges under it", async () => {
      expect(await ask({ ids: [], fields: [{ id: USERS, field: 'phone' }], direction: 'DOWNSTREAM', depth: 5, asOf: 1 })).toEqual({
        version: 1,
        nodes: [[USERS, 0], [ENRICH, 1], [ENRICHED, 2]],
        edges: [`${ENRICH} WRITES ${ENRICHED}`, `${USERS} READS ${ENRICH}`].sort(),
        fields: [`${USERS}.phone@0`, `${ENRICHED}.phone@2`],
        fieldEdges: [`${ENRICH}: ${USERS}.phone -> ${ENRICHED}.phone (DIRECT/TRANSFORMATION masked)`],
        notFound: [],
        truncated: false,
        moreBeyondDepth: false,
      });
    });

    it('does not know users at version 3, after the full sync dropped it and its field edge', async () => {
      expect(await ask({ ids: [], fields: [{ id: USERS, field: 'phone' }], direction: 'DOWNSTREAM', depth: 5, asOf: 3 })).toMatchObject({ nodes: [], fieldEdges: [], notFound: [USERS] });
      // Upstream of the enriched phone there is nothing left at 3; at 1 there was users.phone.
      expect((await ask({ ids: [], fields: [{ id: ENRICHED, field: 'phone' }], direction: 'UPSTREAM', depth: 5, asOf: 3 })).fields).toEqual([`${ENRICHED}.phone@0`]);
      expect((await ask({ ids: [], fields: [{ id: ENRICHED, field: 'phone' }], direction: 'UPSTREAM', depth: 5, asOf: 1 })).fields).toEqual([`${ENRICHED}.phone@0`, `${USERS}.phone@2`]);
    });

    it('starts from the whole asset: every field edge out of orders, and never the rule read only at node level', async () => {
      const result = await ask({ ids: [ORDERS], direction: 'DOWNSTREAM', depth: 10, asOf: 3 });
      expect(result.fields).toEqual([`${ORDERS}.@0`, `${ENRICHED}.amount@2`, `${ENRICHED}.id@2`]);
      expect(result.fieldEdges).toEqual([
        `${ENRICH}: ${ORDERS}.amount -> ${ENRICHED}.amount (DIRECT/IDENTITY)`,
        `${ENRICH}: ${ORDERS}.id -> ${ENRICHED}.id (DIRECT/IDENTITY)`,
      ]);
      // The rule evaluation reads orders_enriched by a node edge only: field level does not reach it.
      expect(result.nodes.map(([id]) => id)).not.toContain(RULE);
      expect(result.moreBeyondDepth).toBe(false);
    });

    it('from the computation: its outputs downstream at distance 1, its inputs upstream', async () => {
      expect((await ask({ ids: [ENRICH], direction: 'DOWNSTREAM', depth: 1, asOf: 1 })).fields).toEqual([`${ENRICHED}.amount@1`, `${ENRICHED}.id@1`, `${ENRICHED}.phone@1`]);
      const up = await ask({ ids: [ENRICH], direction: 'UPSTREAM', depth: 1, asOf: 3 });
      expect(up.fields).toEqual([`${ORDERS}.amount@1`, `${ORDERS}.id@1`]);
      expect(up.nodes).toEqual([[ENRICH, 0], [ORDERS, 1]]);
    });

    it('says the graph goes on at the depth limit, and reaches the computation when one hop fits', async () => {
      const result = await ask({ ids: [], fields: [{ id: ORDERS, field: 'id' }], direction: 'DOWNSTREAM', depth: 1, asOf: 3 });
      expect(result).toMatchObject({ nodes: [[ORDERS, 0], [ENRICH, 1]], fields: [`${ORDERS}.id@0`], fieldEdges: [], moreBeyondDepth: true, truncated: false });
    });

    it('stops at maxNodes (the start included) and says truncated', async () => {
      const result = await ask({ ids: [ORDERS], direction: 'DOWNSTREAM', depth: 10, asOf: 3, maxNodes: 2 });
      expect(result).toMatchObject({ nodes: [[ORDERS, 0], [ENRICH, 1]], fieldEdges: [], truncated: true, truncatedReason: 'MAX_NODES' });
    });

    it('keeps only the kinds asked: tables, their fields and the field edges between kept nodes', async () => {
      const result = await new Neo4jLineage(neo4j.driver(), undefined).lineage({ ids: [ORDERS], direction: 'DOWNSTREAM', depth: 10, asOf: 3, kinds: ['TABLE'], fieldLevel: true });
      expect(result.nodes.map((n) => n.id)).toEqual([ORDERS, ENRICHED]);
      // A field edge's computation is one of its ends: hidden, so is the edge; the hidden job joins the tables.
      expect(result.fieldEdges).toEqual([]);
      expect(result.collapsedEdges).toEqual([{ from: ORDERS, to: ENRICHED, through: [ENRICH] }]);
    });

    it('at version 5, follows the phone masked into orders_enriched and on into the rule as a whole', async () => {
      expect(await ask({ ids: [], fields: [{ id: USERS, field: 'phone' }], direction: 'DOWNSTREAM', depth: 10, asOf: 5 })).toEqual({
        version: 5,
        nodes: [[USERS, 0], [ENRICH, 1], [ENRICHED, 2], [RULE_EVAL, 3], [RULE, 4]],
        edges: [`${USERS} READS ${ENRICH}`, `${ENRICH} WRITES ${ENRICHED}`, `${ENRICHED} READS ${RULE_EVAL}`, `${RULE_EVAL} WRITES ${RULE}`].sort(),
        fields: [`${USERS}.phone@0`, `${ENRICHED}.phone@2`, `${RULE}.@4`],
        fieldEdges: [
          `${RULE_EVAL}: ${ENRICHED}.phone -> ${RULE}. (INDIRECT/CONDITION)`,
          `${ENRICH}: ${USERS}.phone -> ${ENRICHED}.phone (DIRECT/TRANSFORMATION masked)`,
        ].sort((a, b) => (a.split(': ')[1]! < b.split(': ')[1]! ? -1 : 1)),
        notFound: [],
        truncated: false,
        moreBeyondDepth: false,
      });
    });

    it("answers docs/neo4j.md's field-level PII question: which rules a PII field reaches, how far, and whether in clear", async () => {
      const cypher = docQueries().get('Which rules read a PII field, following the field');
      if (!cypher) throw new Error('docs/neo4j.md has no example titled "Which rules read a PII field, following the field"');
      const ask = async (v: number) => (await neo4j.driver().executeQuery(cypher, { v })).records.map((r) => r.toObject());
      // Until version 5 no field edge goes into the rule (it reads orders_enriched at node level only).
      expect(await ask(3)).toEqual([]);
      expect(await ask(5)).toEqual([
        { rule: 'block_high_amount', piiField: 'shop.mart.orders_enriched.phone', hops: 1, inClear: true },
        { rule: 'block_high_amount', piiField: 'shop.public.users.phone', hops: 2, inClear: false },
      ]);
    });
  });
});
