import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadDemo, WAREHOUSE_NAMESPACE } from '../../demo/loadDemo.js';
import { nodeId } from '../../graph-model/ids.js';
import { GraphStore } from '../../graph-model/store/graphStore.js';
import { data } from '../server/graphql/graphqlClient.js';
import { startServe, type ServeProcess } from '../support/dctxServe.js';
import { createTestDatabase, describeEachEngine, type TestDatabase } from '../support/engines.js';
import { describeWithNeo4j, emptyNeo4j, NEO4J_START_TIMEOUT_MS, useNeo4j } from '../support/neo4jSuite.js';
import { waitUntil } from '../support/waitUntil.js';
import { docQueries } from './docQueries.js';

const LINEAGE = `query ($id: ID!, $direction: Direction!, $depth: Int!, $asOf: AsOf, $fields: [String!], $kinds: [NodeKind!], $maxNodes: Int) {
  lineage(id: $id, direction: $direction, depth: $depth, asOf: $asOf, fieldLevel: true, fields: $fields, kinds: $kinds, maxNodes: $maxNodes) {
    version
    nodes { id kind namespace name }
    edges { from to kind }
    distances { id distance }
    collapsedEdges { from to through }
    fields { id field distance }
    fieldEdges { computation input { id field } output { id field } transformationType subtype masking }
    truncated truncatedReason moreBeyondDepth
  }
}`;

const table = (name: string) => nodeId('ASSET', WAREHOUSE_NAMESPACE, name);
const CARD_INFO = table('ods.ods_card_info');
const USER_PROFILE = table('ods.ods_user_profile');
const USER_WIDE = table('ads.ads_user_risk_wide');

type Answer = Record<string, any>;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Node edges and collapsed paths in one order: the index lists them by its edge rows, Neo4j by ids. The rest as answered. */
function comparable(lineage: Answer): Answer {
  return {
    ...lineage,
    edges: [...lineage.edges].sort((a: Answer, b: Answer) => byText(a.from, b.from) || byText(a.to, b.to)),
    collapsedEdges: lineage.collapsedEdges?.map((c: Answer) => ({ ...c, through: [...c.through].sort(byText) })).sort((a: Answer, b: Answer) => byText(a.from, b.from) || byText(a.to, b.to)) ?? null,
  };
}

describeWithNeo4j('field-level lineage from `dctx serve` with DCTX_LINEAGE_BACKEND=neo4j, on the demo', () => {
  const neo4j = useNeo4j();

  describeEachEngine('the same GraphQL answers as a server on the index', (engine) => {
    let database: TestDatabase | undefined;
    let dataDir: string | undefined;
    let version: number;
    let writer: string;
    const servers: ServeProcess[] = [];
    // Two processes on one store: PostgreSQL takes both at once, a PGlite directory one after the other.
    const serve = async (env: NodeJS.ProcessEnv) => {
      const server = await startServe(database?.databaseUrl ?? null, { ...env, ...(dataDir ? { DCTX_DATA_DIR: dataDir } : {}) }, 300_000);
      servers.push(server);
      return server;
    };

    beforeAll(async () => {
      let store: GraphStore;
      if (engine === 'pglite') {
        dataDir = await mkdtemp(join(tmpdir(), 'dctx-neo4j-demo-'));
        store = await GraphStore.open({ dataDir });
      } else {
        database = await createTestDatabase(engine);
        // Opened here and closed below, not by database.open() (dispose would close it again).
        store = await GraphStore.open({ databaseUrl: database.databaseUrl! });
      }
      try {
        await loadDemo(store);
        version = await store.currentVersion();
        // The query writing the wide table: a computation start.
        writer = (await store.edges(USER_WIDE, { direction: 'in' }))[0]!.from;
      } finally {
        await store.close();
      }
      await emptyNeo4j(neo4j.driver());
    }, NEO4J_START_TIMEOUT_MS);
    afterAll(async () => {
      for (const server of servers) await server.stop();
      await database?.dispose();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    }, NEO4J_START_TIMEOUT_MS);

    it('a field path both ways, a whole table cut by maxNodes, a kinds filter at an old version, a computation start', { timeout: 1_200_000 }, async () => {
      const queries: Answer[] = [
        { id: CARD_INFO, direction: 'BOTH', depth: 20, fields: ['card_no'] },
        { id: USER_PROFILE, direction: 'DOWNSTREAM', depth: 10, maxNodes: 12 },
        { id: USER_WIDE, direction: 'UPSTREAM', depth: 10, asOf: 1, kinds: ['TABLE'] },
        { id: USER_WIDE, direction: 'UPSTREAM', depth: 3, fields: ['user_id'] },
        { id: writer, direction: 'BOTH', depth: 3 },
      ];
      const ask = async (server: ServeProcess) => {
        const answers: Answer[] = [];
        for (const q of queries) answers.push((await data(server.base, LINEAGE, q)).lineage);
        return answers;
      };

      const onIndex = await serve({});
      const fromIndex = await ask(onIndex);
      if (dataDir) await onIndex.stop();

      const onNeo4j = await serve({ NEO4J_URL: neo4j.server().url, DCTX_LINEAGE_BACKEND: 'neo4j' });
      await waitUntil(`the projection at version ${version}`, async () => ((await (await fetch(`${onNeo4j.base}/readyz`)).json()) as Answer).neo4j?.version === version, 300_000, 250);
      const fromNeo4j = await ask(onNeo4j);

      // Not a comparison of empty answers: the demo's card number flows on, masked, and the cut and the filter bite.
      expect(fromIndex[0]!.version).toBe(version);
      expect(fromIndex[0]!.fieldEdges.length).toBeGreaterThan(1);
      expect(fromIndex[0]!.fieldEdges.some((e: Answer) => e.masking)).toBe(true);
      expect(fromIndex[1]).toMatchObject({ truncated: true, truncatedReason: 'MAX_NODES' });
      expect(fromIndex[2]).toMatchObject({ version: 1 });
      expect(fromIndex[2]!.collapsedEdges.length).toBeGreaterThan(0);
      expect(fromIndex[4]!.fields.length).toBeGreaterThan(0);
      queries.forEach((q, i) => expect(comparable(fromNeo4j[i]!), JSON.stringify(q)).toEqual(comparable(fromIndex[i]!)));

      // docs/neo4j.md's field-level PII question on the demo: the card number reaches rules, and
      // each one it names (within the GraphQL depth limit) is in the index's field-level lineage
      // of the field, no farther than twice its field hops (the query follows fewer edges).
      const cypher = docQueries().get('Which rules read a PII field, following the field')!;
      const rows = (await neo4j.driver().executeQuery(cypher, { v: version })).records.map((r) => r.toObject() as { rule: string; piiField: string; hops: number; inClear: boolean });
      const card = rows.filter((r) => r.piiField === 'ods.ods_card_info.card_no');
      expect(card.length).toBeGreaterThan(0);
      const reached = new Map<string, number>(fromIndex[0]!.fields.filter((f: Answer) => f.field === '').map((f: Answer) => [f.id, f.distance]));
      for (const row of card.filter((r) => r.hops <= 10)) {
        const distance = reached.get(nodeId('ASSET', 'risk.rules', row.rule));
        expect(distance, row.rule).toBeDefined();
        expect(distance!, row.rule).toBeLessThanOrEqual(2 * row.hops);
      }
    });
  });
});
