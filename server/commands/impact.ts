import { Option, type Command } from 'commander';
import { impactOf, type ImpactMode } from '../../graph-model/analyses/impact.js';
import { UnknownReferenceError } from '../../graph-model/analyses/unknownFields.js';
import { windowDays, windowOf } from '../graphql/metricWindow.js';
import { meteredTotals, trafficOf } from '../graphql/nodeTraffic.js';
import type { VersionedGraph } from '../../graph-model/index/versionedGraph.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { asOf, time } from './cliArguments.js';
import { UserError, type CliContext } from './cliContext.js';
import { label, nodeIdOf, table, withIndex } from './analysisContext.js';
import { cliUsesNeo4j, withNeo4jAnalysis } from './neo4jAnalysis.js';

interface ImpactOptions {
  mode: string;
  field: string[];
  asOf?: string;
  from?: string;
  to?: string;
  failOnBroken: boolean;
}

/** `asset:<ns>/<name>#<field>`: a field of an asset. */
function fieldRef(text: string): { id: string; field: string } {
  const hash = text.lastIndexOf('#');
  if (hash < 0) throw new UserError(`--field ${text}: expected asset:<namespace>/<name>#<field>`);
  return { id: nodeIdOf(text.slice(0, hash)), field: text.slice(hash + 1) };
}

export function impactCommand(program: Command, cli: CliContext): void {
  program
    .command('impact [nodes...]')
    .description('what breaks (all producers broken) or degrades (some) if these nodes or fields go away')
    .addOption(new Option('--mode <mode>', 'what happens to them').choices(['DELETE', 'CUTOFF', 'SCHEMA_CHANGE']).default('DELETE'))
    .option('--field <asset#field>', 'a field removed or retyped (repeatable)', (value: string, all: string[]) => [...all, value], [] as string[])
    .option('--as-of <version|time>', 'a graph version or an RFC 3339 time or a date (default: the latest)', asOf)
    .option('--from <time>', 'traffic window start, an RFC 3339 time or a date (default: 7 days before --to)', time)
    .option('--to <time>', 'traffic window end, an RFC 3339 time or a date (default: the end of the newest metrics, else now)', time)
    .option('--fail-on-broken', 'exit 2 when anything breaks (for CI checks before a change)', false)
    .action(async (nodes: string[], opts: ImpactOptions) => {
      if (nodes.length === 0 && opts.field.length === 0) throw new UserError('give the nodes or --field the check starts from');
      const ids = nodes.map(nodeIdOf);
      const fields = opts.field.map(fieldRef);
      const answer = async (store: GraphStore, graph: () => Promise<{ graph: VersionedGraph; version: number }>) => {
        let window;
        try {
          window = await windowOf(store, opts.from, opts.to);
        } catch (error) {
          throw new UserError((error as Error).message);
        }
        const [totals, answering] = await Promise.all([meteredTotals(store, window), graph()]);
        // Each impacted node's kind (which metric is its traffic) from the graph that answers: with Neo4j, the subgraph it returned.
        const traffic = trafficOf(totals, answering.graph, answering.version);
        const perDay = new Map([...traffic].map(([id, v]) => [id, v / windowDays(window)]));
        try {
          return impactOf(answering.graph, { ids, fields, mode: opts.mode as ImpactMode, asOf: answering.version, traffic: perDay, trafficUnit: 'uses/day' });
        } catch (error) {
          if (error instanceof UnknownReferenceError) throw new UserError(error.message);
          throw error;
        }
      };
      // DCTX_LINEAGE_BACKEND=neo4j: what impact reads is fetched by Cypher from the projection, and no index is loaded.
      const report = cliUsesNeo4j()
        ? await withNeo4jAnalysis(cli, opts.asOf, ({ store, impact, version }) => answer(store, () => impact.subgraph({ ids, fields, asOf: version })))
        : await withIndex(cli, opts.asOf, (store, index, version) => answer(store, async () => ({ graph: index, version })));
      if (report.notFound.length > 0) throw new UserError(`not found at graph version ${report.version}: ${report.notFound.join(', ')}`);
      cli.print(report, () => {
        const row = (status: string) => (n: (typeof report.broken)[number]) => [status, String(n.distance), n.kind, label(n), n.reason, n.traffic === null ? '' : n.traffic.toFixed(0), n.owners.join(',')];
        const rows = [...report.broken.map(row('BROKEN')), ...report.degraded.map(row('DEGRADED')), ...report.inactive.map((n) => row(`${n.status} (retired)`)(n))];
        return `${table(['status', 'hops', 'kind', 'node', 'reason', 'uses/day', 'owners'], rows)}\ngraph version ${report.version}: ${report.summary.text}`;
      });
      if (opts.failOnBroken && report.broken.length > 0) process.exitCode = 2;
    });
}
