import type { Command } from 'commander';
import { existingFile, identity, readJsonFile } from './cliArguments.js';
import { defaultActor, type CliContext, formatStats } from './cliContext.js';

export function applyCommand(program: Command, cli: CliContext): void {
  program
    .command('apply')
    .description('commit a changeset file (see docs/changesets.md) as the next graph version')
    .argument('<changeset.json>', 'the changeset, as JSON', existingFile)
    .option('--actor <name>', 'who is making the change', identity, defaultActor())
    .action(async (file: string, opts: { actor: string }) => {
      const changeset = readJsonFile(file);
      await cli.withStore(async (store) => {
        const result = await store.apply(changeset, { actor: opts.actor });
        cli.print(result, () =>
          result.changed
            ? `committed graph version ${result.version}: ${formatStats(result.stats)}`
            : result.stats.runsRecorded > 0
              ? `recorded ${result.stats.runsRecorded} run(s) at graph version ${result.version}; the graph did not change, so no new version`
              : `nothing changed (graph version ${result.version})`,
        );
      });
    });
}
