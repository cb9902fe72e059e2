import { Option, type Command } from 'commander';
import { readAlertEvents, readAlerts } from '../../graph-model/alerts/operations/readAlerts.js';
import { SEVERITIES } from '../../graph-model/alerts/incidents/incident.js';
import type { CauseSeverity } from '../../graph-model/alerts/cause.js';
import { label, nodeIdOf, table } from './analysisContext.js';
import { positiveCount } from './cliArguments.js';
import type { CliContext } from './cliContext.js';

/** `dctx alerts`: alerts from the store, latest updated first; `--id` one with its reached rules and history. */
export function alertsCommand(program: Command, cli: CliContext): void {
  program
    .command('alerts')
    .description('alerts (docs/alerts.md): open by default, latest updated first')
    .addOption(new Option('--status <status>', 'OPEN or RESOLVED').choices(['OPEN', 'RESOLVED']).default('OPEN'))
    .addOption(new Option('--severity <severity>', 'only this severity').choices(SEVERITIES))
    .option('--reaches <node>', 'only alerts reaching this node (asset:<ns>/<name> or an id)')
    .option('--id <alertId>', 'one alert with its reached rules and history')
    .option('--limit <n>', 'at most this many', positiveCount, 50)
    .action(async (opts: { status: 'OPEN' | 'RESOLVED'; severity?: CauseSeverity; reaches?: string; id?: string; limit: number }) => {
      await cli.withStore(async (store) => {
        if (opts.id) {
          const [alert] = (await readAlerts(store.db, { limit: 1000 })).filter((a) => a.id === opts.id);
          const history = alert ? await readAlertEvents(store.db, alert.id) : [];
          cli.print({ alert: alert ?? null, history }, () => {
            if (!alert) return `no alert ${opts.id}`;
            const rules = alert.state.reached.filter((r) => r.kind === 'RULE').map((r) => [r.status, label(r), r.traffic === null ? '' : r.traffic.toFixed(0), r.path.length.toString()]);
            return `${alert.id} ${alert.status} ${alert.severity}: ${alert.summary}\n${table(['status', 'rule', 'uses/day', 'path length'], rules)}\n${history.map((e) => `r${e.revision} ${e.event} ${e.at}`).join('\n')}`;
          });
          return;
        }
        const alerts = await readAlerts(store.db, { status: opts.status, severity: opts.severity, reaches: opts.reaches ? nodeIdOf(opts.reaches) : undefined, limit: opts.limit });
        cli.print(alerts, () => (alerts.length === 0 ? 'no alerts' : table(['id', 'status', 'severity', 'updated', 'summary'], alerts.map((a) => [a.id, a.status, a.severity, a.updatedAt, a.summary]))));
      });
    });
}
