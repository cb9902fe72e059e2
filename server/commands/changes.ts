import type { Command } from 'commander';
import { formatStats, type CliContext } from './cliContext.js';

export function changesCommand(program: Command, cli: CliContext): void {
  program
    .command('changes')
    .description('the changesets committed since a graph version')
    .option('--since <version>', 'graph version', '0')
    .option('--source <source>', 'only changesets of this source')
    .option('--limit <n>', 'at most this many changesets', '50')
    .action(async (opts: { since: string; source?: string; limit: string }) => {
      await cli.withStore(async (store) => {
        const changes = await store.changes(Number(opts.since), { source: opts.source, limit: Number(opts.limit) });
        cli.print(
          changes,
          () => changes.map((c) => `v${c.version}\t${c.committedAt}\t${c.source}\t${c.actor}\t${c.mode}\t${formatStats(c.stats)}`).join('\n') || 'no changes',
        );
      });
    });
}
