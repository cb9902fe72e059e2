import type { Driver } from 'neo4j-driver';
import { DctxError } from '../dctxError.js';

/**
 * The projection's schema in Neo4j, as numbered migrations like the store's (migrations/): each
 * applied once, recorded as a (:DctxMigration) node, never edited once released (add a new one).
 * Neo4j runs schema changes in transactions of their own, so each statement is one, and the
 * record follows; `IF NOT EXISTS` makes a migration interrupted half-way safe to run again.
 */
export interface Neo4jMigration {
  version: number;
  name: string;
  statements: readonly string[];
}

export const NEO4J_MIGRATIONS: readonly Neo4jMigration[] = [
  {
    version: 1,
    name: 'projection_identities',
    statements: [
      // Every write finds its node by (:Node {id}): without this index each is a label scan.
      'CREATE CONSTRAINT dctx_node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE',
      'CREATE CONSTRAINT dctx_asset_id IF NOT EXISTS FOR (n:Asset) REQUIRE n.id IS UNIQUE',
      'CREATE CONSTRAINT dctx_computation_id IF NOT EXISTS FOR (n:Computation) REQUIRE n.id IS UNIQUE',
      'CREATE CONSTRAINT dctx_node_version IF NOT EXISTS FOR (v:NodeVersion) REQUIRE (v.nodeId, v.fromVersion) IS UNIQUE',
      'CREATE CONSTRAINT dctx_field_id IF NOT EXISTS FOR (f:Field) REQUIRE f.id IS UNIQUE',
      'CREATE CONSTRAINT dctx_tag IF NOT EXISTS FOR (t:Tag) REQUIRE (t.key, t.value) IS UNIQUE',
      'CREATE CONSTRAINT dctx_projection IF NOT EXISTS FOR (p:DctxProjection) REQUIRE p.name IS UNIQUE',
      'CREATE INDEX dctx_asset_name IF NOT EXISTS FOR (n:Asset) ON (n.namespace, n.name)',
      'CREATE INDEX dctx_computation_name IF NOT EXISTS FOR (n:Computation) ON (n.namespace, n.name)',
      'CREATE INDEX dctx_asset_kind IF NOT EXISTS FOR (n:Asset) ON (n.kind)',
    ],
  },
  {
    version: 2,
    name: 'field_flows_by_computation',
    statements: [
      // Field-level lineage from a computation starts at its field edges: without this, a scan of every FLOWS_TO.
      'CREATE INDEX dctx_flows_to_computation IF NOT EXISTS FOR ()-[r:FLOWS_TO]-() ON (r.computationId)',
    ],
  },
];

const MIGRATION_CONSTRAINT = 'CREATE CONSTRAINT dctx_migration IF NOT EXISTS FOR (m:DctxMigration) REQUIRE m.version IS UNIQUE';

/** The Neo4j database holds projection migrations this code does not know, or knows by another name. */
export class Neo4jSchemaError extends DctxError<'NEO4J_SCHEMA_MISMATCH'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('NEO4J_SCHEMA_MISMATCH', message, options);
  }
}

/** Applies the migrations `database` lacks; refuses one that has a migration this code does not know. */
export async function migrateNeo4j(driver: Driver, database?: string): Promise<{ applied: number[] }> {
  const session = driver.session({ database });
  try {
    await session.executeWrite((tx) => tx.run(MIGRATION_CONSTRAINT));
    const done = await session.executeRead(async (tx) => {
      const result = await tx.run('MATCH (m:DctxMigration) RETURN m.version AS version, m.name AS name ORDER BY version');
      return result.records.map((r) => ({ version: r.get('version') as number, name: r.get('name') as string }));
    });
    const known = new Map(NEO4J_MIGRATIONS.map((m) => [m.version, m]));
    for (const row of done) {
      const migration = known.get(row.version);
      if (!migration) throw new Neo4jSchemaError(`the Neo4j database has projection migration ${row.version} (${row.name}), which this version of data-context does not know; run a newer one`);
      if (migration.name !== row.name) throw new Neo4jSchemaError(`projection migration ${row.version} is ${row.name} in Neo4j but ${migration.name} here`);
    }
    const applied: number[] = [];
    for (const migration of NEO4J_MIGRATIONS) {
      if (done.some((row) => row.version === migration.version)) continue;
      for (const statement of migration.statements) await session.executeWrite((tx) => tx.run(statement));
      await session.executeWrite((tx) =>
        tx.run('MERGE (m:DctxMigration {version: $version}) ON CREATE SET m.name = $name, m.appliedAt = datetime()', {
          version: migration.version,
          name: migration.name,
        }),
      );
      applied.push(migration.version);
    }
    await session.executeWrite((tx) => tx.run('MERGE (:DctxProjection {name: $name})', { name: PROJECTION_NAME }));
    return { applied };
  } finally {
    await session.close();
  }
}

/** The one (:DctxProjection) node holds the last projected graph version. */
export const PROJECTION_NAME = 'graph';
