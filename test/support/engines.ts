import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { GraphStore } from '../../graph-model/store/graphStore.js';

export type EngineName = 'pglite' | 'postgres';

export interface TestDatabase {
  engine: EngineName;
  /** Connection string of a fresh, empty PostgreSQL database (postgres only). */
  databaseUrl?: string;
  /** Opens a store on this database (several may be open at once on postgres). */
  open(): Promise<GraphStore>;
  dispose(): Promise<void>;
}

/** The engines this run tests: PGlite always, PostgreSQL when DATABASE_URL is set (as CI does). */
export const ENGINES: EngineName[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database for one test: in-memory PGlite, or a new PostgreSQL database dropped afterwards. */
export async function createTestDatabase(engine: EngineName): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const stores: GraphStore[] = [];
    return {
      engine,
      async open() {
        const store = await GraphStore.open({ dataDir: 'memory' });
        stores.push(store);
        return store;
      },
      async dispose() {
        await Promise.all(stores.map((s) => s.close()));
      },
    };
  }
  const name = `dctx_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const databaseUrl = withDatabase(process.env.DATABASE_URL!, name);
  const stores: GraphStore[] = [];
  return {
    engine,
    databaseUrl,
    async open() {
      const store = await GraphStore.open({ databaseUrl });
      stores.push(store);
      return store;
    },
    async dispose() {
      await Promise.all(stores.map((s) => s.close()));
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** `describe` once per engine, like Backstage's TestDatabases. */
/** Why the PostgreSQL half of a suite did not run, in the title of what it skipped. */
export const POSTGRES_SKIP_REASON = 'skipped: DATABASE_URL is not set (set it to a PostgreSQL server to run this half)';

/**
 * The suite once per engine. Without DATABASE_URL the PostgreSQL half is registered as skipped,
 * with the reason in its title, so the run reports it instead of leaving it out silently.
 */
export function describeEachEngine(title: string, body: (engine: EngineName) => void): void {
  for (const engine of ENGINES) describe(`${title} [${engine}]`, () => body(engine));
  if (!ENGINES.includes('postgres')) describe.skip(`${title} [postgres] ${POSTGRES_SKIP_REASON}`, () => body('postgres'));
}

/** Empties every graph table (not the migrations) so a property run starts from version 0. */
export async function resetStore(store: GraphStore): Promise<void> {
  await store.db.exec('TRUNCATE changeset, node_claim, node_version, fact_claim, edge, field_edge, tag, run, node, ingest_error, metric, quality_result, incident_event, incident, webhook_attempt, webhook_outbox, alert_event, alert RESTART IDENTITY');
  // NOTIFYs of the previous test's commits may still be in flight; let them land before forgetting them.
  if (store.db.engine === 'postgres') await new Promise((resolve) => setTimeout(resolve, 25));
  store.feed.resetTo(0);
}

/**
 * One database for a whole test file, emptied before each test: starting PGlite and migrating
 * costs about two seconds, emptying it a few milliseconds.
 */
export function useStore(engine: EngineName): { store(): GraphStore; database(): TestDatabase } {
  let database: TestDatabase;
  let store: GraphStore;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    store = await database.open();
  });
  beforeEach(async () => resetStore(store));
  afterAll(async () => database?.dispose());
  return { store: () => store, database: () => database };
}
