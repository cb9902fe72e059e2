import { Option, type Command } from 'commander';
import { lineage, type Direction, type LineageOptions as WalkOptions, type LineageResult } from '../../graph-model/analyses/lineage.js';
import { unknownFields } from '../../graph-model/analyses/knownFields.js';
import { asOf, fieldNames, hopCount, nodeKinds, positiveCount } from './cliArguments.js';
import { UserError, type CliContext } from './cliContext.js';
import { label, nodeIdOf, table, withIndex } from './analysisContext.js';
import { cliUsesNeo4j, withNeo4jAnalysis } from './neo4jAnalysis.js';
import type { StartFields } from '../../graph-model/neo4j/neo4jStartFields.js';

interface LineageOptions {
  direction: string;
  depth: number;
  asOf?: string;
  fieldLevel: boolean;
  kinds?: string[];
  fields?: string[];
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
    .option('--kinds <kinds>', 'only list these node kinds, comma separated (the walk passes through others; collapsed edges join them)', nodeKinds)
    .option('--fields <fields>', 'start from these fields of the asset, comma separated (implies --field-level); unknown ones are refused', fieldNames)
    .option('--max-nodes <n>', 'cut the walk after this many nodes (it then says truncated)', positiveCount, 10000)
    .action(async (node: string, opts: LineageOptions) => {
      const { depth, maxNodes } = opts;
      const id = nodeIdOf(node);
      const fields = opts.fields ?? [];
      const walk = (version: number): WalkOptions => ({
        ids: fields.length > 0 ? [] : [id],
        fields: fields.map((field) => ({ id, field })),
        direction: opts.direction.toUpperCase() as Direction,
        depth,
        asOf: version,
        fieldLevel: opts.fieldLevel || fields.length > 0,
        kinds: opts.kinds,
        maxNodes,
      });
      const refuseStart = (start: StartFields, version: number) => {
        if (!start.found) throw new UserError(`no node ${node} at graph version ${version}`);
        if (!start.asset) throw new UserError(`--fields start from an asset; ${node} is a computation`);
        if (start.unknown.length > 0) throw new UserError(`${node} has no field ${start.unknown.join(', ')} at graph version ${version}`);
      };
      // DCTX_LINEAGE_BACKEND=neo4j: the walk is Cypher over the projection, and no index is loaded.
      const result = await (cliUsesNeo4j()
        ? withNeo4jAnalysis(cli, opts.asOf, async ({ lineage: neo4j, version }) => {
            if (fields.length > 0) refuseStart(await neo4j.startFields(id, version, fields), version);
            return neo4j.lineage(walk(version));
          })
        : withIndex(cli, opts.asOf, (_store, index, version): LineageResult => {
            if (fields.length > 0) {
              const n = index.nodeAt(id, version);
              refuseStart(n === undefined ? { found: false } : !index.nodes.isAsset(n) ? { found: true, asset: false } : { found: true, asset: true, unknown: unknownFields(index, n, version, fields) }, version);
            }
            return lineage(index, walk(version));
          }));
      if (result.notFound.length > 0) throw new UserError(`no node ${node} at graph version ${result.version}`);
      cli.print(result, () => {
        const rows = result.nodes.map((n) => [String(n.distance), n.kind, n.type === 'ASSET' ? 'asset' : 'computation', label(n)]);
        const collapsed = result.collapsedEdges ? `, ${result.collapsedEdges.length} collapsed edges` : '';
        const notes = [`graph version ${result.version}: ${result.nodes.length} nodes, ${result.edges.length} edges${collapsed}`];
        if (result.truncated) notes.push(`truncated (${result.truncatedReason}): the walk was cut; narrow it or raise --max-nodes`);
        else if (result.moreBeyondDepth) notes.push('the graph goes on beyond --depth');
        return `${table(['hops', 'kind', 'type', 'node'], rows)}\n${notes.join('\n')}`;
      });
    });
}
