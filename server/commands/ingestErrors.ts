import type { Command } from 'commander';
import { nodeId } from '../../graph-model/ids.js';
import { identity, positiveCount } from './cliArguments.js';
import { UserError, type CliContext } from './cliContext.js';

/** `dctx ingest-errors`: the bad items recorded by past ingests, newest first. */
export function ingestErrorsCommand(program: Command, cli: CliContext): void {
  program
    .command('ingest-errors')
    .description('the ingest errors recorded for a source or a node, newest first')
    .option('--source <source>', 'only errors of this source, e.g. dbt:jaffle_shop', identity)
    .option('--namespace <ns>', 'with --name: only errors about this node', identity)
    .option('--name <name>', 'with --namespace: only errors about this node', identity)
    .option('--computation', 'the node is a computation (default: an asset)', false)
    .option('--limit <n>', 'at most this many errors', positiveCount, 50)
    .action(async (opts: { source?: string; namespace?: string; name?: string; computation: boolean; limit: number }) => {
      if ((opts.namespace === undefined) !== (opts.name === undefined)) throw new UserError('--namespace and --name go together');
      const filter = {
        ...(opts.source ? { source: opts.source } : {}),
        ...(opts.namespace !== undefined && opts.name !== undefined
          ? { nodeId: nodeId(opts.computation ? 'COMPUTATION' : 'ASSET', opts.namespace, opts.name) }
          : {}),
        limit: opts.limit,
      };
      await cli.withStore(async (store) => {
        const errors = await store.ingestErrors(filter);
        cli.print(errors, () => errors.map((e) => `v${e.graphVersion}\t${e.recordedAt}\t${e.source}\t${e.location}: ${e.message}`).join('\n') || 'no ingest errors');
      });
    });
}
