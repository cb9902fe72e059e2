import { Command, Option } from 'commander';
import { ChangesetRejectedError, StoreRefusedError } from '../graph-model/errors.js';
import { sqlStateOf } from '../graph-model/store/transactionFailure.js';
import { databaseUrl, port } from './commands/cliArguments.js';
import { applyCommand } from './commands/apply.js';
import { auditCommand } from './commands/audit.js';
import { changesCommand } from './commands/changes.js';
import { demoCommand } from './commands/demo.js';
import { UserError, cliContext } from './commands/cliContext.js';
import { historyCommand } from './commands/history.js';
import { impactCommand } from './commands/impact.js';
import { incidentsCommand } from './commands/incidents.js';
import { alertsCommand } from './commands/alerts.js';
import { ingestCommand } from './commands/ingest.js';
import { ingestErrorsCommand } from './commands/ingestErrors.js';
import { lineageCommand } from './commands/lineage.js';
import { migrateCommand } from './commands/migrate.js';
import { neo4jCommand } from './commands/neo4j.js';
import { serveCommand } from './commands/serve.js';
import { logger } from './logger.js';

const program = new Command()
  .name('dctx')
  .description('data-context: lineage and metadata catalog for real-time risk-control platforms')
  .addOption(new Option('--database-url <url>', 'PostgreSQL connection string (else the embedded PGlite store)').env('DATABASE_URL'))
  .addOption(new Option('--data-dir <dir>', 'PGlite data directory').env('DCTX_DATA_DIR').default('./.data'))
  .option('--json', 'print JSON for scripts instead of tables', false);

const cli = cliContext(program);
for (const register of [serveCommand, demoCommand, migrateCommand, applyCommand, ingestCommand, ingestErrorsCommand, historyCommand, changesCommand, lineageCommand, impactCommand, auditCommand, incidentsCommand, alertsCommand, neo4jCommand]) register(program, cli);
// Checked before any command runs. Not as commander argument parsers: commander's message repeats
// the value, and a connection URL may hold a password. `--port` is serve's and demo's (serve.ts).
program.hook('preAction', (_program, command) => {
  const refuse = (option: string, shown: string, error: unknown) => {
    throw new UserError(`error: option '${option}' argument ${shown} is invalid. ${(error as Error).message}`);
  };
  const url = program.opts<{ databaseUrl?: string }>().databaseUrl;
  if (url !== undefined) {
    try {
      databaseUrl(url);
    } catch (error) {
      refuse('--database-url <url> (or DATABASE_URL)', '(not shown)', error);
    }
  }
  const { port: value } = command.opts<{ port?: string }>();
  if (value === undefined) return;
  try {
    port(value);
  } catch (error) {
    refuse('--port <port>', `'${value}'`, error);
  }
});

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ChangesetRejectedError) {
    // The database's own message goes to the log (stderr, JSON), under the id the issue names.
    if (error instanceof StoreRefusedError) logger.warn({ errorId: error.errorId, err: error.cause }, 'the database refused the changeset');
    process.stderr.write(`changeset rejected:\n${error.issues.map((i) => `  ${i.path}: ${i.message} [${i.code}]`).join('\n')}\n`);
  } else if (error instanceof UserError) {
    process.stderr.write(`${error.message}\n`);
  } else if (sqlStateOf(error) !== undefined) {
    // Arguments are checked before any query: a database error here is the database's (or ours), not a typo.
    process.stderr.write(`error: the database failed (SQLSTATE ${sqlStateOf(error)}): ${(error as Error).message}\n`);
  } else {
    process.stderr.write(`error: ${(error as Error).message}\n`);
  }
  process.exit(1);
});
