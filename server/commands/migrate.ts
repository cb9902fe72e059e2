import type { Command } from 'commander';
import { migrate } from '../../graph-model/store/migrate.js';
import { createPgliteDb } from '../../graph-model/store/pglite-db.js';
import { createPostgresDb } from '../../graph-model/store/postgres-db.js';
import type { CliContext } from './cliContext.js';

export function migrateCommand(program: Command, cli: CliContext): void {
  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async () => {
      const config = cli.storeConfig();
      const db = config.databaseUrl ? createPostgresDb({ connectionString: config.databaseUrl }) : await createPgliteDb(config.dataDir);
      try {
        const { applied } = await migrate(db);
        cli.print({ applied }, () => (applied.length ? `applied migrations ${applied.join(', ')}` : 'database is up to date'));
      } finally {
        await db.close();
      }
    });
}
