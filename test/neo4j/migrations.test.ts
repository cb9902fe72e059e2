import { expect, it } from 'vitest';
import { migrateNeo4j, Neo4jSchemaError } from '../../graph-model/neo4j/neo4jMigrations.js';
import { describeWithNeo4j, useNeo4j } from '../support/neo4jSuite.js';

describeWithNeo4j('the projection migrations on a real Neo4j', () => {
  const neo4j = useNeo4j();
  const rows = async (cypher: string, params: Record<string, unknown> = {}) => (await neo4j.driver().executeQuery(cypher, params)).records.map((r) => r.toObject());

  it('creates the constraints and indexes once, records each migration, and applies none the second time', async () => {
    expect(await migrateNeo4j(neo4j.driver())).toEqual({ applied: [1, 2] });
    expect(await rows('MATCH (m:DctxMigration) RETURN m.version AS version, m.name AS name ORDER BY version')).toEqual([
      { version: 1, name: 'projection_identities' },
      { version: 2, name: 'field_flows_by_computation' },
    ]);
    expect(await migrateNeo4j(neo4j.driver())).toEqual({ applied: [] });

    const constraints = await rows("SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties WHERE name STARTS WITH 'dctx_' RETURN name, type, labelsOrTypes, properties ORDER BY name");
    expect(constraints.map((c) => [c.labelsOrTypes, c.properties, c.type])).toEqual(
      expect.arrayContaining([
        [['Node'], ['id'], 'UNIQUENESS'],
        [['Asset'], ['id'], 'UNIQUENESS'],
        [['Computation'], ['id'], 'UNIQUENESS'],
        [['NodeVersion'], ['nodeId', 'fromVersion'], 'UNIQUENESS'],
        [['Field'], ['id'], 'UNIQUENESS'],
        [['Tag'], ['key', 'value'], 'UNIQUENESS'],
        [['DctxMigration'], ['version'], 'UNIQUENESS'],
      ]),
    );
    const indexes = await rows("SHOW INDEXES YIELD name, entityType, labelsOrTypes, properties WHERE name STARTS WITH 'dctx_' AND name IN ['dctx_asset_name', 'dctx_computation_name', 'dctx_asset_kind', 'dctx_flows_to_computation'] RETURN entityType, labelsOrTypes, properties ORDER BY name");
    expect(indexes).toEqual([
      { entityType: 'NODE', labelsOrTypes: ['Asset'], properties: ['kind'] },
      { entityType: 'NODE', labelsOrTypes: ['Asset'], properties: ['namespace', 'name'] },
      { entityType: 'NODE', labelsOrTypes: ['Computation'], properties: ['namespace', 'name'] },
      { entityType: 'RELATIONSHIP', labelsOrTypes: ['FLOWS_TO'], properties: ['computationId'] },
    ]);
    // The identity constraint holds: a second node with an id is refused by Neo4j itself.
    await rows("CREATE (:Node {id: 'a-test-node'})");
    await expect(rows("CREATE (:Node {id: 'a-test-node'})")).rejects.toThrow(/already exists/);
    await rows("MATCH (n:Node {id: 'a-test-node'}) DELETE n");
  });

  it('refuses a database holding a migration it does not know, or one it knows by another name', async () => {
    await migrateNeo4j(neo4j.driver());
    await rows("CREATE (:DctxMigration {version: 99, name: 'from_the_future'})");
    await expect(migrateNeo4j(neo4j.driver())).rejects.toThrow(Neo4jSchemaError);
    await expect(migrateNeo4j(neo4j.driver())).rejects.toThrow('the Neo4j database has projection migration 99 (from_the_future), which this version of data-context does not know; run a newer one');
    await rows('MATCH (m:DctxMigration {version: 99}) DELETE m');
    await rows("MATCH (m:DctxMigration {version: 2}) SET m.name = 'renamed'");
    await expect(migrateNeo4j(neo4j.driver())).rejects.toThrow('projection migration 2 is renamed in Neo4j but field_flows_by_computation here');
    await rows("MATCH (m:DctxMigration {version: 2}) SET m.name = 'field_flows_by_computation'");
    expect(await migrateNeo4j(neo4j.driver())).toEqual({ applied: [] });
  });
});
