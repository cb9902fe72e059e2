import { afterEach, beforeEach, expect, it } from 'vitest';
import { createPgliteDb } from '../../graph-model/store/pglite-db.js';
import { createPostgresDb } from '../../graph-model/store/postgres-db.js';
import type { Db } from '../../graph-model/store/db.js';
import { isMigrated, loadMigrations, migrate, MigrationError } from '../../graph-model/store/migrate.js';
import { createTestDatabase, describeEachEngine, type TestDatabase } from '../support/engines.js';

describeEachEngine('migrations', (engine) => {
  let database: TestDatabase;
  let dbs: Db[] = [];
  const connect = async () => {
    const db = engine === 'pglite' ? await createPgliteDb() : createPostgresDb({ connectionString: database.databaseUrl! });
    dbs.push(db);
    return db;
  };
  beforeEach(async () => {
    database = await createTestDatabase(engine);
    dbs = [];
  });
  afterEach(async () => {
    await Promise.all(dbs.map((db) => db.close()));
    await database.dispose();
  });

  it('applies every migration once and records it', async () => {
    const db = await connect();
    expect(await isMigrated(db)).toBe(false);
    const first = await migrate(db);
    expect(first.applied).toEqual(loadMigrations().map((m) => m.id));
    expect(await migrate(db)).toEqual({ applied: [] });
    expect(await isMigrated(db)).toBe(true);
    const rows = await db.query<{ id: number; name: string }>('SELECT id, name FROM schema_migrations ORDER BY id');
    expect(rows.map((r) => r.name)).toEqual(loadMigrations().map((m) => m.name));
  });

  it('refuses a database with a migration this code does not know', async () => {
    const db = await connect();
    await migrate(db);
    await db.query("INSERT INTO schema_migrations (id, name, checksum) VALUES (9999, 'from_the_future', 'x')");
    await expect(migrate(db)).rejects.toThrow(MigrationError);
    await expect(migrate(db)).rejects.toThrow(/migration 9999 \(from_the_future\).*does not know/);
  });

  it('refuses a migration edited after it was applied', async () => {
    const db = await connect();
    await migrate(db);
    const edited = loadMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrate(db, edited)).rejects.toThrow(/was edited after it was applied/);
  });

  it('rolls back a failing migration and records nothing of it', async () => {
    const db = await connect();
    const broken = [...loadMigrations(), { id: 9000, name: 'broken', sql: 'CREATE TABLE ok_part (x int); SELECT nope FROM nowhere;', checksum: 'b' }];
    await expect(migrate(db, broken)).rejects.toThrow(/migration 9000 \(broken\) failed/);
    expect(await db.query("SELECT 1 FROM schema_migrations WHERE id = 9000")).toEqual([]);
    expect(await db.query("SELECT to_regclass('ok_part') IS NULL AS absent")).toEqual([{ absent: true }]);
  });

  if (engine === 'postgres') {
    it('lets processes that start together apply each migration exactly once', async () => {
      const results = await Promise.all([1, 2, 3, 4].map(async () => migrate(await connect())));
      const applied = results.flatMap((r) => r.applied).sort((a, b) => a - b);
      expect(applied).toEqual(loadMigrations().map((m) => m.id));
    });
  }
});
