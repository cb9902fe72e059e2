import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { nodeId } from '../../graph-model/ids.js';
import { Neo4jProjection } from '../../graph-model/neo4j/neo4jProjection.js';
import { projectVersion } from '../../graph-model/neo4j/projectVersion.js';
import type { Queryable } from '../../graph-model/store/db.js';
import { describeEachEngine, useStore } from '../support/engines.js';
import { dumpProjection } from '../support/neo4jGraph.js';
import { describeWithNeo4j, emptyNeo4j, useNeo4j } from '../support/neo4jSuite.js';
import { docQueries } from './docQueries.js';
import { ENRICH, ENRICHED, fourVersions, JOBS, NS, ORDERS, RULE, RULE_EVAL, RULE_JOBS, RULES, USERS } from './platform.js';

describeWithNeo4j('the Neo4j projection', () => {
  const neo4j = useNeo4j();

  describeEachEngine('synced from the changeset log', (engine) => {
    const shared = useStore(engine);
    const projection = () => new Neo4jProjection(neo4j.driver(), shared.store().db, undefined);
    const query = async (cypher: string, params: Record<string, unknown> = {}) =>
      (await neo4j.driver().executeQuery(cypher, params)).records.map((r) => r.toObject());

    beforeEach(async () => {
      await emptyNeo4j(neo4j.driver());
      for (const changeset of fourVersions()) await shared.store().apply(changeset);
    });

    it('holds every node version, edge, field edge and tag with its validity interval', async () => {
      const applied = await projection().catchUp();
      expect(applied.map((a) => [a.version, a.applied])).toEqual([[1, true], [2, true], [3, true], [4, true]]);

      expect(await query('MATCH (p:DctxProjection) RETURN p.version AS version')).toEqual([{ version: 4 }]);
      expect(await query('MATCH (n:Asset) RETURN n.name AS name, n.kind AS kind, n.firstVersion AS first, n.fromVersion AS from, n.toVersion AS to ORDER BY name')).toEqual([
        { name: 'block_high_amount', kind: 'RULE', first: 3, from: 3, to: null },
        { name: 'shop.mart.orders_enriched', kind: 'TABLE', first: 1, from: 1, to: null },
        { name: 'shop.public.orders', kind: 'TABLE', first: 1, from: 4, to: null },
        // Deleted by the full sync of version 2: its summary is its last version's, ended.
        { name: 'shop.public.users', kind: 'TABLE', first: 1, from: 1, to: 2 },
      ]);
      expect(await query('MATCH (:Asset {id: $id})-[:HAS_VERSION]->(v) RETURN v.fromVersion AS from, v.toVersion AS to, v.fields AS fields ORDER BY from', { id: ORDERS })).toEqual([
        { from: 1, to: 4, fields: ['id', 'user_id', 'amount'] },
        { from: 4, to: null, fields: ['id', 'user_id', 'amount', 'currency'] },
      ]);
      expect(await query('MATCH (n:Asset {id: $id}) RETURN n.description AS description, n.owners AS owners', { id: RULE })).toEqual([
        { description: 'blocks large orders', owners: ['fraud-team'] },
      ]);
      expect(await query('MATCH (a)-[r:READS]->(c) RETURN a.id AS a, c.id AS c, r.fromVersion AS from, r.toVersion AS to ORDER BY from, a')).toEqual(
        [
          { a: ORDERS, c: ENRICH, from: 1, to: null },
          { a: USERS, c: ENRICH, from: 1, to: 2 },
          { a: ENRICHED, c: RULE_EVAL, from: 3, to: null },
        ].sort((x, y) => x.from - y.from || x.a.localeCompare(y.a)),
      );
      expect(await query('MATCH (c)-[r:WRITES]->(a) RETURN c.id AS c, a.id AS a, r.fromVersion AS from, r.toVersion AS to ORDER BY from')).toEqual([
        { c: ENRICH, a: ENRICHED, from: 1, to: null },
        { c: RULE_EVAL, a: RULE, from: 3, to: null },
      ]);
      // READS and WRITES join only an asset and a computation.
      expect(await query('MATCH (a)-[r:READS|WRITES]->(b) WHERE NOT ((a:Asset AND b:Computation AND type(r) = "READS") OR (a:Computation AND b:Asset AND type(r) = "WRITES")) RETURN count(*) AS n')).toEqual([{ n: 0 }]);
      expect(await query(
        `MATCH (i:Field)-[r:FLOWS_TO]->(o:Field)
         RETURN i.name AS input, o.name AS output, r.computationId AS computation, r.transformationType AS type,
                r.transformationSubtype AS subtype, r.masking AS masking, r.fromVersion AS from, r.toVersion AS to ORDER BY input`,
      )).toEqual([
        { input: 'amount', output: 'amount', computation: ENRICH, type: 'DIRECT', subtype: 'IDENTITY', masking: false, from: 1, to: null },
        { input: 'id', output: 'id', computation: ENRICH, type: 'DIRECT', subtype: 'IDENTITY', masking: false, from: 1, to: null },
        { input: 'phone', output: 'phone', computation: ENRICH, type: 'DIRECT', subtype: 'TRANSFORMATION', masking: true, from: 1, to: 2 },
      ]);
      expect(await query('MATCH (n:Asset)-[:HAS_FIELD]->(f)-[g:TAGGED]->(t:Tag) RETURN n.name AS asset, f.name AS field, t.key + "=" + t.value AS tag, g.fromVersion AS from, g.toVersion AS to ORDER BY from')).toEqual([
        { asset: 'shop.public.users', field: 'phone', tag: 'pii=phone', from: 1, to: 2 },
        { asset: 'shop.mart.orders_enriched', field: 'phone', tag: 'pii=phone', from: 3, to: null },
      ]);
    });

    it("answers docs/neo4j.md's example questions at any version", async () => {
      await projection().catchUp();
      const docs = docQueries();
      const ask = (title: string, params: Record<string, unknown>) => {
        const cypher = docs.get(title);
        if (!cypher) throw new Error(`docs/neo4j.md has no example titled ${title}`);
        return query(cypher, params);
      };
      const at = (v: number, extra: Record<string, unknown> = {}) => ({ v, ...extra });

      // Upstream of orders_enriched: at 1 both sources through enrich; users is gone at 2.
      const upstream = 'Upstream of an asset at version v';
      const enriched = { namespace: NS, name: 'shop.mart.orders_enriched' };
      expect(await ask(upstream, at(1, enriched))).toEqual([
        { namespace: JOBS, name: 'enrich', type: 'COMPUTATION', distance: 1 },
        { namespace: NS, name: 'shop.public.orders', type: 'ASSET', distance: 2 },
        { namespace: NS, name: 'shop.public.users', type: 'ASSET', distance: 2 },
      ]);
      expect((await ask(upstream, at(2, enriched))).map((r) => r.name)).toEqual(['enrich', 'shop.public.orders']);

      // The rule reads orders_enriched, whose phone is tagged pii from version 3.
      const piiRules = 'Which rules read a PII field';
      expect(await ask(piiRules, at(2))).toEqual([]);
      expect(await ask(piiRules, at(3))).toEqual([{ rule: 'block_high_amount', piiFields: ['shop.mart.orders_enriched.phone'] }]);

      const breaks = 'What a delete could break';
      expect(await ask(breaks, at(1, { namespace: NS, name: 'shop.public.users' }))).toEqual([
        { namespace: JOBS, name: 'enrich', type: 'COMPUTATION', distance: 1 },
        { namespace: NS, name: 'shop.mart.orders_enriched', type: 'ASSET', distance: 2 },
      ]);
      expect(await ask(breaks, at(2, { namespace: NS, name: 'shop.public.users' }))).toEqual([]);
      expect((await ask(breaks, at(4, enriched))).map((r) => [r.name, r.distance])).toEqual([['block_high_amount.eval', 1], ['block_high_amount', 2]]);

      const flows = 'Where a field flows';
      expect(await ask(flows, at(1, { namespace: NS, name: 'shop.public.users', field: 'phone' }))).toEqual([
        { asset: ENRICHED, field: 'phone', hops: ['DIRECT/TRANSFORMATION masked'] },
      ]);
      expect(await ask(flows, at(2, { namespace: NS, name: 'shop.public.users', field: 'phone' }))).toEqual([]);

      const changed = await ask('What changed in a version', at(2));
      expect(changed.map((r) => `${r.fact} ${r.from} -> ${r.to} ${r.started ? 'started' : 'ended'}`).sort()).toEqual([
        'FLOWS_TO phone -> phone ended',
        'READS shop.public.users -> enrich ended',
        'TAGGED phone -> pii ended',
      ]);
    });

    it('applies a version twice without changing anything, and a second catch-up applies none', async () => {
      await projection().catchUp();
      const before = await dumpProjection(neo4j.driver());
      expect(await projection().catchUp()).toEqual([]);
      const session = neo4j.driver().session();
      const again = await session.executeWrite((tx) => projectVersion(tx, shared.store().db, { version: 2, committedAt: new Date() }));
      await session.close();
      expect(again.applied).toBe(false);
      expect(await dumpProjection(neo4j.driver())).toEqual(before);
    });

    it('resumes where an earlier sync stopped, and a rebuild from scratch gives the same graph', async () => {
      await projection().catchUp({ upTo: 2 });
      expect(await query('MATCH (p:DctxProjection) RETURN p.version AS version')).toEqual([{ version: 2 }]);
      // At 2 the rule of version 3 is not there yet.
      expect(await query('MATCH (n:Asset {id: $id}) RETURN n', { id: RULE })).toEqual([]);
      expect((await projection().catchUp()).map((a) => a.version)).toEqual([3, 4]);
      const resumed = await dumpProjection(neo4j.driver());

      await projection().clear();
      expect(await query('MATCH (n) WHERE n:Node OR n:NodeVersion OR n:Field OR n:Tag RETURN count(n) AS n')).toEqual([{ n: 0 }]);
      await projection().catchUp();
      expect(await dumpProjection(neo4j.driver())).toEqual(resumed);
    });

    it('two syncs at once serialise on the projection lock: each version applied once, by one of them', async () => {
      const [a, b] = await Promise.all([projection().catchUp(), projection().catchUp()]);
      expect([...a, ...b].filter((x) => x.applied).map((x) => x.version).sort()).toEqual([1, 2, 3, 4]);
      expect(await query('MATCH (p:DctxProjection) RETURN p.version AS version')).toEqual([{ version: 4 }]);
      const together = await dumpProjection(neo4j.driver());
      await projection().clear();
      await projection().catchUp();
      expect(together).toEqual(await dumpProjection(neo4j.driver()));
    });

    it('only reads the store: a sync through a store that refuses every write projects the whole log', async () => {
      const db = shared.store().db;
      const statements: string[] = [];
      const readOnly: Queryable = {
        query: async (sql, params) => {
          statements.push(sql);
          // A read is one SELECT (or WITH ... SELECT); anything else would change the store.
          if (!/^\s*(select|with)\b/i.test(sql) || /\b(insert|update|delete|merge|truncate|alter|create|drop|lock|nextval|setval)\b/i.test(sql)) {
            throw new Error(`the sync wrote to the store: ${sql.slice(0, 80)}`);
          }
          return db.query(sql, params);
        },
        bulkInsert: async () => {
          throw new Error('the sync wrote to the store (bulkInsert)');
        },
        exec: async (sql) => {
          throw new Error(`the sync ran a script on the store: ${sql.slice(0, 80)}`);
        },
      };
      const before = await shared.store().currentVersion();
      const applied = await new Neo4jProjection(neo4j.driver(), readOnly, undefined).catchUp({ retry: { minMs: 1, maxMs: 5, attempts: 1 } });
      expect(applied.map((a) => a.version)).toEqual([1, 2, 3, 4]);
      expect(statements.length).toBeGreaterThan(0);
      expect(await shared.store().currentVersion()).toBe(before);
      const synced = await dumpProjection(neo4j.driver());
      await projection().clear();
      await projection().catchUp();
      expect(synced).toEqual(await dumpProjection(neo4j.driver()));
    });

    it('rolls back a version whose transaction fails half-way and applies it whole on the retry', async () => {
      await projection().catchUp({ upTo: 2 });
      // The store's reads of version 3 fail after its nodes and edges were written into the Neo4j
      // transaction (the third read: field edges), once: the transaction is rolled back.
      const db = shared.store().db;
      let readsOfVersion3 = 0;
      const failing: Queryable = {
        query: async (sql, params) => {
          if (params?.[0] === 3 && sql.includes('LIMIT $4') && ++readsOfVersion3 === 3) throw new Error('connection to the store lost');
          return db.query(sql, params);
        },
        bulkInsert: db.bulkInsert.bind(db),
        exec: db.exec.bind(db),
      };
      const retries: string[] = [];
      const flaky = new Neo4jProjection(neo4j.driver(), failing, undefined, { onRetry: (error) => retries.push(error.message) });
      expect((await flaky.catchUp({ retry: { minMs: 1, maxMs: 5, attempts: 3 } })).map((a) => a.version)).toEqual([3, 4]);
      expect(retries).toEqual(['connection to the store lost']);
      const recovered = await dumpProjection(neo4j.driver());

      await projection().clear();
      await projection().catchUp();
      expect(recovered).toEqual(await dumpProjection(neo4j.driver()));
    });
  });
});
