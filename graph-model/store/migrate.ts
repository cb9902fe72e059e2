import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';
import { DctxError } from '../dctxError.js';

/** Advisory lock id shared by every process that migrates this database ("dctx"). */
export const MIGRATION_LOCK = 0x64637478;

export interface Migration {
  id: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends DctxError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('MIGRATION_FAILED', message, options);
  }
}

/** The project root is the nearest folder above this file holding both package.json and migrations/. */
export function migrationsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'migrations'))) return join(dir, 'migrations');
    const parent = dirname(dir);
    if (parent === dir) throw new MigrationError('cannot find the migrations/ folder');
    dir = parent;
  }
}

export function loadMigrations(dir = migrationsDir()): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = /^(\d+)_([a-z0-9_]+)\.sql$/.exec(file);
      if (!match) throw new MigrationError(`migration file ${file} is not named NNNN_name.sql`);
      const sql = readFileSync(join(dir, file), 'utf8');
      return { id: Number(match[1]), name: match[2]!, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    })
    .sort((a, b) => a.id - b.id);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.id === migrations[i - 1]!.id) throw new MigrationError(`two migrations numbered ${migrations[i]!.id}`);
  }
  return migrations;
}

interface AppliedRow {
  id: number;
  name: string;
  checksum: string;
}

/**
 * Applies pending migrations, each in its own transaction, under a session advisory lock so that
 * processes starting together apply each migration once. Refuses a database that has a migration
 * this code does not know (it was migrated by newer code) or whose applied file was edited.
 */
export async function migrate(db: Db, migrations = loadMigrations()): Promise<{ applied: number[] }> {
  return db.withSessionLock(MIGRATION_LOCK, async (conn) => {
    await conn.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied = await conn.query<AppliedRow>('SELECT id, name, checksum FROM schema_migrations ORDER BY id');
    const known = new Map(migrations.map((m) => [m.id, m]));
    for (const row of applied) {
      const migration = known.get(row.id);
      if (!migration) {
        throw new MigrationError(
          `the database has migration ${row.id} (${row.name}) that this version of data-context does not know; upgrade data-context`,
        );
      }
      if (migration.checksum !== row.checksum) {
        throw new MigrationError(`migration ${row.id} (${row.name}) was edited after it was applied; migrations are frozen once released`);
      }
    }
    const done = new Set(applied.map((row) => row.id));
    const newlyApplied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      await conn.exec('BEGIN');
      try {
        await conn.exec(migration.sql);
        await conn.query('INSERT INTO schema_migrations (id, name, checksum) VALUES ($1, $2, $3)', [
          migration.id,
          migration.name,
          migration.checksum,
        ]);
        await conn.exec('COMMIT');
      } catch (error) {
        await conn.exec('ROLLBACK');
        throw new MigrationError(`migration ${migration.id} (${migration.name}) failed: ${(error as Error).message}`);
      }
      newlyApplied.push(migration.id);
    }
    return { applied: newlyApplied };
  });
}

/** True when every migration this code knows has been applied (readiness). */
export async function isMigrated(db: Db, migrations = loadMigrations()): Promise<boolean> {
  const exists = await db.query<{ present: boolean }>(`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`);
  if (!exists[0]?.present) return false;
  const rows = await db.query<{ id: number }>('SELECT id FROM schema_migrations');
  const applied = new Set(rows.map((row) => row.id));
  return migrations.every((m) => applied.has(m.id));
}
