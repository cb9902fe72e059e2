import type { Command } from 'commander';
import { nodeId } from '../../graph-model/ids.js';
import { identity } from './cliArguments.js';
import { UserError, type CliContext } from './cliContext.js';

export function historyCommand(program: Command, cli: CliContext): void {
  program
    .command('history')
    .description("a node's versions and what changed between them")
    .argument('<namespace>', "the node's namespace", identity)
    .argument('<name>', "the node's name", identity)
    .option('--computation', 'the node is a computation (default: an asset)', false)
    .action(async (namespace: string, name: string, opts: { computation: boolean }) => {
      await cli.withStore(async (store) => {
        const history = await store.history(nodeId(opts.computation ? 'COMPUTATION' : 'ASSET', namespace, name));
        if (history.length === 0) throw new UserError(`no ${opts.computation ? 'computation' : 'asset'} ${namespace}/${name}`);
        cli.print(history, () =>
          history
            .map((h) => {
              const d = h.diff;
              const what = [
                ...(d.fieldsAdded.length ? [`+fields ${d.fieldsAdded.join(',')}`] : []),
                ...(d.fieldsRemoved.length ? [`-fields ${d.fieldsRemoved.join(',')}`] : []),
                ...(d.fieldsChanged.length ? [`~fields ${d.fieldsChanged.join(',')}`] : []),
                ...(d.changed.length ? [`~${d.changed.join(',')}`] : []),
              ].join(' ');
              const values = h.values.map((v) => `\n    ${v.path}: ${v.from ?? '(none)'} -> ${v.to ?? '(none)'}`).join('');
              const edges = h.edges.map((e) => `\n    ${e.change === 'ADDED' ? '+' : '-'}${e.kind} ${e.from.namespace}/${e.from.name} -> ${e.to.namespace}/${e.to.name}`).join('');
              return `v${h.version}\t${h.committedAt}\t${h.change}\t${h.source}\t${what}${values}${edges}`;
            })
            .join('\n'),
        );
      });
    });
}
