import type { Command } from 'commander';
import type { Ingestor } from '../../ingestors/contract.js';
import { dbtIngestor } from '../../ingestors/dbt/index.js';
import { metricsIngestor } from '../../ingestors/metrics/index.js';
import { openLineageIngestor } from '../../ingestors/openlineage/index.js';
import { postgresCatalogIngestor } from '../../ingestors/postgres/index.js';
import { riskCatalogIngestor } from '../../ingestors/risk/index.js';
import { runIngestor } from '../../ingestors/runIngestor.js';
import { sqlIngestor } from '../../ingestors/sql/index.js';
import { defaultActor, type CliContext } from './cliContext.js';
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
      report = await runIngestor(store, ingestor, input, { actor: opts.actor, progress: progress.update });
    } finally {
      progress.stop();
    }
    const summary = ingestSummary(report, await store.currentVersion());
    cli.print(summary, () => formatIngestSummary(summary));
    process.exitCode = summary.exitCode;
  });
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
    .description('ingest lineage from a source (openlineage, dbt, sql, postgres, risk, metrics); exit code 0: all committed, 2: some items bad, 1: failed');
  const kind = (name: string) => command.command(name).option('--actor <name>', 'who is making the change', defaultActor());

  kind('openlineage <events>')
    .description('OpenLineage events: a .json file (one event or an array) or .ndjson/.jsonl (one event per line)')
    .action((file: string, opts: IngestOptions) => ingest(cli, openLineageIngestor, file, 'events', opts));

  kind('dbt <manifest>')
    .description("a dbt project from its target/manifest.json (a full sync of source dbt:<project>)")
    .requiredOption('--namespace <ns>', 'namespace of the warehouse relations, e.g. postgres://warehouse:5432')
    .option('--run-results <file>', "dbt's target/run_results.json, for the runs of the last invocation")
    .action((manifest: string, opts: IngestOptions & { namespace: string; runResults?: string }) =>
      ingest(cli, dbtIngestor(), { manifestPath: manifest, namespace: opts.namespace, ...(opts.runResults ? { runResultsPath: opts.runResults } : {}) }, 'nodes', opts),
    );

  kind('sql <path>')
    .description('SQL scripts: a .sql file or a directory of them (INSERT ... SELECT, CTAS, views become computations)')
    .requiredOption('--dialect <dialect>', 'hive, mysql, postgresql, flinksql, bigquery, ...')
    .requiredOption('--namespace <ns>', 'namespace of the tables the scripts name')
    .action((path: string, opts: IngestOptions & { dialect: string; namespace: string }) =>
      ingest(cli, sqlIngestor, { path, dialect: opts.dialect, namespace: opts.namespace }, 'statements', opts),
    );

  kind('postgres <url>')
    .description("a live PostgreSQL database's catalog: tables, views and their column lineage (the password is never stored)")
    .option('--schemas <a,b>', 'only these schemas (default: every user schema)')
    .action((url: string, opts: IngestOptions & { schemas?: string }) =>
      ingest(cli, postgresCatalogIngestor, { url, ...(opts.schemas ? { schemas: list(opts.schemas) } : {}) }, 'relations', opts),
    );

  kind('risk <dir>')
    .description('a declarative risk catalog: YAML features, models, rules and decision services (see docs/risk-catalog.md)')
    .action((directory: string, opts: IngestOptions) => ingest(cli, riskCatalogIngestor(), { directory }, 'items', opts));

  kind('metrics <file>')
    .description('traffic, cost and freshness metrics and tags, as CSV or JSON lines (see docs/metrics.md)')
    .action((file: string, opts: IngestOptions) => ingest(cli, metricsIngestor(), file, 'rows', opts));
}
