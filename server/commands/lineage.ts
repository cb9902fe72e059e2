import { Option, type Command } from 'commander';
import { lineage, type Direction } from '../../graph-model/analyses/lineage.js';
import { asOf, hopCount, nodeKinds, positiveCount } from './cliArguments.js';
import { UserError, type CliContext } from './cliContext.js';
import { label, nodeIdOf, table, withIndex } from './analysisContext.js';

interface LineageOptions {
  direction: string;
  depth: number;
  asOf?: string;
  fieldLevel: boolean;
  kinds?: string[];
  maxNodes: number;
}

export function lineageCommand(program: Command, cli: CliContext): void {
  program
    .command('lineage <node>')
    .description('what a node comes from or feeds, to a depth, at any asOf (node: asset:<ns>/<name>, computation:<ns>/<name> or an id)')
    .addOption(new Option('--direction <direction>', 'which way to walk').choices(['upstream', 'downstream', 'both']).default('downstream'))
    .option('--depth <hops>', 'hops to walk (asset to computation is one)', hopCount, 3)
    .option('--as-of <version|time>', 'a graph version or an RFC 3339 time or a date (default: the latest)', asOf)
    .option('--field-level', 'follow field edges', false)
    .option('--kinds <kinds>', 'only list these node kinds, comma separated (the walk passes through others)', nodeKinds)
    .option('--max-nodes <n>', 'cut the walk after this many nodes (it then says truncated)', positiveCount, 10000)
    .action(async (node: string, opts: LineageOptions) => {
      const { depth, maxNodes } = opts;
      const id = nodeIdOf(node);
      await withIndex(cli, opts.asOf, (_store, index, version) => {
        const result = lineage(index, {
          ids: [id],
          direction: opts.direction.toUpperCase() as Direction,
          depth,
          asOf: version,
          fieldLevel: opts.fieldLevel,
          kinds: opts.kinds,
          maxNodes,
        });
        if (result.notFound.length > 0) throw new UserError(`no node ${node} at graph version ${version}`);
        cli.print(result, () => {
          const rows = result.nodes.map((n) => [String(n.distance), n.kind, n.type === 'ASSET' ? 'asset' : 'computation', label(n)]);
          const notes = [`graph version ${result.version}: ${result.nodes.length} nodes, ${result.edges.length} edges`];
          if (result.truncated) notes.push(`truncated (${result.truncatedReason}): the walk was cut; narrow it or raise --max-nodes`);
          else if (result.moreBeyondDepth) notes.push('the graph goes on beyond --depth');
          return `${table(['hops', 'kind', 'type', 'node'], rows)}\n${notes.join('\n')}`;
        });
      });
    });
}
