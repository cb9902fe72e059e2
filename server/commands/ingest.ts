import type { Command } from 'commander';
import type { Ingestor } from '../../ingestors/contract.js';
import { dbtIngestor } from '../../ingestors/dbt/index.js';
import { metricsIngestor } from '../../ingestors/metrics/index.js';
import { openLineageIngestor } from '../../ingestors/openlineage/index.js';
import { qualityIngestor } from '../../ingestors/quality/index.js';
import { postgresCatalogIngestor } from '../../ingestors/postgres/index.js';
import { riskCatalogIngestor } from '../../ingestors/risk/index.js';
import { runIngestor } from '../../ingestors/runIngestor.js';
import { sqlIngestor } from '../../ingestors/sql/index.js';
import { InvalidArgumentError } from 'commander';
import { parserDatabase } from '../../ingestors/sql/dialects.js';
import { existingDirectory, existingFile, existingPath, identity } from './cliArguments.js';
import { defaultActor, type CliContext } from './cliContext.js';
import { logger } from '../logger.js';
import { ingestProgress } from './ingestProgress.js';
import { formatIngestSummary, ingestSummary } from './ingestSummary.js';

interface IngestOptions {
  actor: string;
}

/** Runs one ingestor to the end, prints its summary and sets the exit code (0, 2, or 1 by a throw). */
async function ingest<Input>(cli: CliContext, ingestor: Ingestor<Input>, input: Input, unit: string, opts: IngestOptions): Promise<void> {
  await cli.withStore(async (store) => {
    const progress = ingestProgress(unit);
    let report;
    try {
      report = await runIngestor(store, ingestor, input, {
        actor: opts.actor,
        progress: progress.update,
        onRefused: (error) => logger.warn({ errorId: error.errorId, err: error.cause }, 'the database refused a changeset of the ingest'),
      });
    } finally {
      progress.stop();
    }
    const summary = ingestSummary(report, await store.currentVersion());
    cli.print(summary, () => formatIngestSummary(summary));
    process.exitCode = summary.exitCode;
  });
}

/** A dialect the SQL parser knows (checked here so that a typo is refused before the store is opened). */
function dialect(value: string): string {
  try {
    parserDatabase(value);
  } catch (error) {
    throw new InvalidArgumentError(`${(error as Error).message}.`);
  }
  return value;
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** `dctx ingest <kind> <path|url>`: one subcommand per kind, each with its own options and help. */
export function ingestCommand(program: Command, cli: CliContext): void {
  const command = program
    .command('ingest')
    .description('ingest lineage from a source (openlineage, dbt, sql, postgres, risk, metrics, quality); exit code 0: all committed, 2: some items bad, 1: failed');
  const kind = (name: string) => command.command(name).option('--actor <name>', 'who is making the change', identity, defaultActor());

  kind('openlineage')
    .description('OpenLineage events: a .json file (one event or an array) or .ndjson/.jsonl (one event per line)')
    .argument('<events>', 'the events file', existingFile)
    .action((file: string, opts: IngestOptions) => ingest(cli, openLineageIngestor, file, 'events', opts));

  kind('dbt')
    .description("a dbt project from its target/manifest.json (a full sync of source dbt:<project>)")
    .argument('<manifest>', "dbt's target/manifest.json", existingFile)
    .requiredOption('--namespace <ns>', 'namespace of the warehouse relations, e.g. postgres://warehouse:5432', identity)
    .option('--run-results <file>', "dbt's target/run_results.json, for the runs of the last invocation", existingFile)
    .action((manifest: string, opts: IngestOptions & { namespace: string; runResults?: string }) =>
      ingest(cli, dbtIngestor(), { manifestPath: manifest, namespace: opts.namespace, ...(opts.runResults ? { runResultsPath: opts.runResults } : {}) }, 'nodes', opts),
    );

  kind('sql')
    .description('SQL scripts: a .sql file or a directory of them (INSERT ... SELECT, CTAS, views become computations)')
    .argument('<path>', 'a .sql file or a directory', existingPath)
    .requiredOption('--dialect <dialect>', 'hive, mysql, postgresql, flinksql, bigquery, ...', dialect)
    .requiredOption('--namespace <ns>', 'namespace of the tables the scripts name', identity)
    .option('--schema-from <url>', 'postgres://... whose information_schema gives the columns of tables nothing else describes (for *)')
    .option('--default-schema <schema>', "the schema of unqualified table names until a script's USE / SET search_path")
    .action((path: string, opts: IngestOptions & { dialect: string; namespace: string; schemaFrom?: string; defaultSchema?: string }) =>
      ingest(
        cli,
        sqlIngestor,
        { path, dialect: opts.dialect, namespace: opts.namespace, ...(opts.schemaFrom ? { schemaFrom: opts.schemaFrom } : {}), ...(opts.defaultSchema ? { defaultSchema: opts.defaultSchema } : {}) },
        'statements',
        opts,
      ),
    );

  kind('postgres')
    .description("a live PostgreSQL database's catalog: tables, views and their column lineage (the password is never stored)")
    .argument('<url>', 'postgres://user:password@host:port/database')
    .option('--schemas <a,b>', 'only these schemas (default: every user schema)')
    .action((url: string, opts: IngestOptions & { schemas?: string }) =>
      ingest(cli, postgresCatalogIngestor, { url, ...(opts.schemas ? { schemas: list(opts.schemas) } : {}) }, 'relations', opts),
    );

  kind('risk')
    .description('a declarative risk catalog: YAML features, models, rules and decision services (see docs/risk-catalog.md)')
    .argument('<dir>', 'the catalog directory', existingDirectory)
    .action((directory: string, opts: IngestOptions) => ingest(cli, riskCatalogIngestor(), { directory }, 'items', opts));

  kind('metrics')
    .description('traffic, cost and freshness metrics and tags, as CSV or JSON lines (see docs/metrics.md)')
    .argument('<file>', 'a .csv, .jsonl or .ndjson file', existingFile)
    .action((file: string, opts: IngestOptions) => ingest(cli, metricsIngestor(), file, 'rows', opts));

  kind('quality')
    .description('quality results of checks on assets and fields, as CSV or JSON (see docs/quality.md); a file is recorded whole or not at all')
    .argument('<file>', 'a .csv or .json file', existingFile)
    .option('--source <name>', 'the checker the results come from (source quality:<name>; default: the file name)', identity)
    .action((file: string, opts: IngestOptions & { source?: string }) =>
      ingest(cli, qualityIngestor(), { path: file, ...(opts.source ? { source: opts.source } : {}) }, 'rows', opts),
    );
}
