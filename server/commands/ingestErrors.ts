import type { Command } from 'commander';
import { nodeId } from '../../graph-model/ids.js';
import { identity, positiveCount } from './cliArguments.js';
import { UserError, type CliContext } from './cliContext.js';

/**
 * `dctx ingest-errors`: the bad items recorded by past ingests, and the warnings (items committed
 * whose lineage may be incomplete), newest first; each line says which it is.
 */
export function ingestErrorsCommand(program: Command, cli: CliContext): void {
  program
    .command('ingest-errors')
    .description('the ingest errors and warnings recorded for a source or a node, newest first')
    .option('--source <source>', 'only errors of this source, e.g. dbt:jaffle_shop', identity)
    .option('--namespace <ns>', 'with --name: only errors about this node', identity)
    .option('--name <name>', 'with --namespace: only errors about this node', identity)
    .option('--computation', 'the node is a computation (default: an asset)', false)
    .option('--warnings', 'only warnings: items committed whose lineage may be incomplete or ambiguous', false)
    .option('--errors', 'only errors: bad items left out', false)
    .option('--limit <n>', 'at most this many errors', positiveCount, 50)
    .action(async (opts: { source?: string; namespace?: string; name?: string; computation: boolean; warnings: boolean; errors: boolean; limit: number }) => {
      if ((opts.namespace === undefined) !== (opts.name === undefined)) throw new UserError('--namespace and --name go together');
      if (opts.warnings && opts.errors) throw new UserError('--warnings and --errors exclude each other (neither lists both)');
      const filter = {
        ...(opts.warnings ? { severity: 'warning' as const } : opts.errors ? { severity: 'error' as const } : {}),
        ...(opts.source ? { source: opts.source } : {}),
        ...(opts.namespace !== undefined && opts.name !== undefined
          ? { nodeId: nodeId(opts.computation ? 'COMPUTATION' : 'ASSET', opts.namespace, opts.name) }
          : {}),
        limit: opts.limit,
      };
      await cli.withStore(async (store) => {
        const errors = await store.ingestErrors(filter);
        const none = opts.warnings ? 'no ingest warnings' : 'no ingest errors';
        cli.print(errors, () => errors.map((e) => `v${e.graphVersion}\t${e.recordedAt}\t${e.source}\t${e.severity}\t${e.location}: ${e.message}`).join('\n') || none);
      });
    });
}
