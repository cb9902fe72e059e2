import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { defaultActor, type CliContext, formatStats } from './cliContext.js';

export function applyCommand(program: Command, cli: CliContext): void {
  program
    .command('apply <changeset.json>')
    .description('commit a changeset file (see docs/changesets.md) as the next graph version')
    .option('--actor <name>', 'who is making the change', defaultActor())
    .action(async (file: string, opts: { actor: string }) => {
      const changeset = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      await cli.withStore(async (store) => {
        const result = await store.apply(changeset, { actor: opts.actor });
        cli.print(result, () =>
          result.changed ? `committed graph version ${result.version}: ${formatStats(result.stats)}` : `nothing changed (graph version ${result.version})`,
        );
      });
    });
}
