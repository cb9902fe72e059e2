import { Command, Option } from 'commander';
import { ChangesetRejectedError } from '../graph-model/errors.js';
import { applyCommand } from './commands/apply.js';
import { auditCommand } from './commands/audit.js';
import { changesCommand } from './commands/changes.js';
import { demoCommand } from './commands/demo.js';
import { UserError, cliContext } from './commands/cliContext.js';
import { historyCommand } from './commands/history.js';
import { impactCommand } from './commands/impact.js';
import { ingestCommand } from './commands/ingest.js';
import { ingestErrorsCommand } from './commands/ingestErrors.js';
import { lineageCommand } from './commands/lineage.js';
import { migrateCommand } from './commands/migrate.js';
import { serveCommand } from './commands/serve.js';

const program = new Command()
  .name('dctx')
  .description('data-context: lineage and metadata catalog for real-time risk-control platforms')
  .addOption(new Option('--database-url <url>', 'PostgreSQL connection string (else the embedded PGlite store)').env('DATABASE_URL'))
  .addOption(new Option('--data-dir <dir>', 'PGlite data directory').env('DCTX_DATA_DIR').default('./.data'))
  .option('--json', 'print JSON for scripts instead of tables', false);

const cli = cliContext(program);
for (const register of [serveCommand, demoCommand, migrateCommand, applyCommand, ingestCommand, ingestErrorsCommand, historyCommand, changesCommand, lineageCommand, impactCommand, auditCommand]) register(program, cli);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ChangesetRejectedError) {
    process.stderr.write(`changeset rejected:\n${error.issues.map((i) => `  ${i.path}: ${i.message} [${i.code}]`).join('\n')}\n`);
  } else if (error instanceof UserError || error instanceof SyntaxError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`error: ${(error as Error).message}\n`);
  }
  process.exit(1);
});
