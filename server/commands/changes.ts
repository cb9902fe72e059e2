import type { Command } from 'commander';
import { graphVersion, identity, positiveCount } from './cliArguments.js';
import { formatStats, type CliContext } from './cliContext.js';

export function changesCommand(program: Command, cli: CliContext): void {
  program
    .command('changes')
    .description('the changesets committed since a graph version')
    .option('--since <version>', 'graph version', graphVersion, 0)
    .option('--source <source>', 'only changesets of this source', identity)
    .option('--limit <n>', 'at most this many changesets', positiveCount, 50)
    .action(async (opts: { since: number; source?: string; limit: number }) => {
      await cli.withStore(async (store) => {
        const changes = await store.changes(opts.since, { source: opts.source, limit: opts.limit });
        cli.print(
          changes,
          () => changes.map((c) => `v${c.version}\t${c.committedAt}\t${c.source}\t${c.actor}\t${c.mode}\t${formatStats(c.stats)}`).join('\n') || 'no changes',
        );
      });
    });
}
