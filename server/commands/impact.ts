import { Option, type Command } from 'commander';
import { impactOf, type ImpactMode } from '../../graph-model/analyses/impact.js';
import { UnknownReferenceError } from '../../graph-model/analyses/unknownFields.js';
import { windowDays, windowOf } from '../graphql/metricWindow.js';
import { nodeTraffic } from '../graphql/nodeTraffic.js';
import { asOf, time } from './cliArguments.js';
import { UserError, type CliContext } from './cliContext.js';
import { label, nodeIdOf, table, withIndex } from './analysisContext.js';

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
      const report = await withIndex(cli, opts.asOf, async (store, index, version) => {
        let window;
        try {
          window = await windowOf(store, opts.from, opts.to);
        } catch (error) {
          throw new UserError((error as Error).message);
        }
        const totals = await nodeTraffic(store, index, version, window);
        const perDay = new Map([...totals].map(([id, v]) => [id, v / windowDays(window)]));
        try {
          return impactOf(index, { ids, fields, mode: opts.mode as ImpactMode, asOf: version, traffic: perDay, trafficUnit: 'uses/day' });
        } catch (error) {
          if (error instanceof UnknownReferenceError) throw new UserError(error.message);
          throw error;
        }
      });
      if (report.notFound.length > 0) throw new UserError(`not found at graph version ${report.version}: ${report.notFound.join(', ')}`);
      cli.print(report, () => {
        const row = (status: string) => (n: (typeof report.broken)[number]) => [status, String(n.distance), n.kind, label(n), n.reason, n.traffic === null ? '' : n.traffic.toFixed(0), n.owners.join(',')];
        const rows = [...report.broken.map(row('BROKEN')), ...report.degraded.map(row('DEGRADED')), ...report.inactive.map((n) => row(`${n.status} (retired)`)(n))];
        return `${table(['status', 'hops', 'kind', 'node', 'reason', 'uses/day', 'owners'], rows)}\ngraph version ${report.version}: ${report.summary.text}`;
      });
      if (opts.failOnBroken && report.broken.length > 0) process.exitCode = 2;
    });
}
