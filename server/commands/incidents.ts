import { Option, type Command } from 'commander';
import { parseTarget } from '../../graph-model/ids.js';
import { SEVERITIES } from '../../graph-model/alerts/incidents/incident.js';
import type { Incident } from '../../graph-model/alerts/incidents/incident.js';
import { IncidentError, Incidents } from '../../graph-model/alerts/incidents/incidents.js';
import type { CauseSeverity } from '../../graph-model/alerts/cause.js';
import { table } from './analysisContext.js';
import { positiveCount } from './cliArguments.js';
import { UserError, defaultActor, type CliContext } from './cliContext.js';

function userFacing(error: unknown): never {
  if (error instanceof IncidentError) throw new UserError(error.message, { cause: error });
  throw error;
}

const line = (i: Incident) => [String(i.id), i.status, i.severity, `${i.node.namespace}/${i.node.name}${i.fields.length > 0 ? `#${i.fields.join(',')}` : ''}`, i.openedAt, i.note];
const HEADER = ['id', 'status', 'severity', 'on', 'opened', 'note'];

/** `dctx incidents open|resolve|list` (docs/alerts.md): incidents straight on the store, as the server's route does. */
export function incidentsCommand(program: Command, cli: CliContext): void {
  const incidents = program.command('incidents').description('open, resolve and list incidents on assets, fields and computations');
  incidents
    .command('open <target>')
    .description('open an incident on asset:<namespace>/<name> (or computation:...)')
    .addOption(new Option('--severity <severity>', 'how bad').choices(SEVERITIES).makeOptionMandatory())
    .requiredOption('--note <text>', 'what is wrong, for the people alerted')
    .option('--field <field>', 'a field of the asset the incident is about (repeatable)', (value: string, all: string[]) => [...all, value], [] as string[])
    .option('--actor <name>', 'who opens it (default: the OS user)')
    .action(async (target: string, opts: { severity: CauseSeverity; note: string; field: string[]; actor?: string }) => {
      const node = parseTarget(target);
      if ('error' in node) throw new UserError(node.error);
      const incident = await cli.withStore((store) => new Incidents(store).open({ node, fields: opts.field, severity: opts.severity, note: opts.note, actor: opts.actor ?? defaultActor() }).catch(userFacing));
      cli.print(incident, () => `incident ${incident.id} opened\n${table(HEADER, [line(incident)])}`);
    });
  incidents
    .command('resolve')
    .argument('<id>', 'the incident id', positiveCount)
    .description('resolve an open incident')
    .option('--note <text>', 'why it is resolved', '')
    .option('--actor <name>', 'who resolves it (default: the OS user)')
    .action(async (id: number, opts: { note: string; actor?: string }) => {
      const incident = await cli.withStore((store) => new Incidents(store).resolve(id, opts.actor ?? defaultActor(), opts.note).catch(userFacing));
      cli.print(incident, () => `incident ${incident.id} resolved`);
    });
  incidents
    .command('list')
    .description('incidents, newest first')
    .addOption(new Option('--status <status>', 'only these').choices(['OPEN', 'RESOLVED']))
    .option('--limit <n>', 'at most this many', positiveCount, 50)
    .action(async (opts: { status?: 'OPEN' | 'RESOLVED'; limit: number }) => {
      const list = await cli.withStore((store) => new Incidents(store).list({ status: opts.status, limit: opts.limit }));
      cli.print(list, () => (list.length === 0 ? 'no incidents' : table(HEADER, list.map(line))));
    });
}
