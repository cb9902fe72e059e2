import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { ChangesetRejectedError } from '../graph-model/errors.js';
import { nodeId } from '../graph-model/ids.js';
import { GraphStore, storeConfigFromEnv, type StoreConfig } from '../graph-model/store/graphStore.js';
import { migrate } from '../graph-model/store/migrate.js';
import { createPgliteDb } from '../graph-model/store/pglite-db.js';
import { createPostgresDb } from '../graph-model/store/postgres-db.js';
import { createServer } from './http/createServer.js';
import { logger, redactUrl } from './logger.js';

const program = new Command()
  .name('dctx')
  .description('data-context: lineage and metadata catalog for real-time risk-control platforms')
  .addOption(new Option('--database-url <url>', 'PostgreSQL connection string (else the embedded PGlite store)').env('DATABASE_URL'))
  .addOption(new Option('--data-dir <dir>', 'PGlite data directory').env('DCTX_DATA_DIR').default('./.data'))
  .option('--json', 'print JSON for scripts instead of tables', false);

function storeConfig(): StoreConfig {
  const opts = program.opts<{ databaseUrl?: string; dataDir: string }>();
  if (opts.databaseUrl) return { databaseUrl: opts.databaseUrl };
  return { ...storeConfigFromEnv({}), dataDir: opts.dataDir };
}

function describeStore(config: StoreConfig): string {
  return config.databaseUrl ? `PostgreSQL ${redactUrl(config.databaseUrl)}` : `embedded PGlite in ${config.dataDir}`;
}

const json = () => program.opts<{ json: boolean }>().json;

function print(value: unknown, table: () => string): void {
  process.stdout.write((json() ? JSON.stringify(value, null, 2) : table()) + '\n');
}

async function withStore<T>(fn: (store: GraphStore) => Promise<T>): Promise<T> {
  const store = await GraphStore.open(storeConfig());
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

program
  .command('serve')
  .description('run the HTTP service')
  .addOption(new Option('--port <port>', 'port').env('PORT').default('4000'))
  .addOption(new Option('--host <host>', 'interface to bind').env('HOST').default('127.0.0.1'))
  .action(async (opts: { port: string; host: string }) => {
    const config = storeConfig();
    const store = await GraphStore.open(config);
    const server = createServer({ store });
    server.listen(Number(opts.port), opts.host, () => {
      logger.info({ host: opts.host, port: Number(opts.port), store: describeStore(config) }, 'data-context listening');
      if (!json()) process.stdout.write(`data-context on http://${opts.host}:${opts.port} (${describeStore(config)}, graph version ${store.feed.version})\n`);
    });
    const shutdown = () => {
      logger.info('shutting down');
      // In-flight requests finish; a changeset being applied commits or rolls back as a whole.
      server.close(async () => {
        await store.close();
        process.exit(0);
      });
      setTimeout(() => process.exit(1), 10_000).unref();
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    const config = storeConfig();
    const db = config.databaseUrl ? createPostgresDb({ connectionString: config.databaseUrl }) : await createPgliteDb(config.dataDir);
    try {
      const { applied } = await migrate(db);
      print({ applied }, () => (applied.length ? `applied migrations ${applied.join(', ')}` : 'database is up to date'));
    } finally {
      await db.close();
    }
  });

program
  .command('apply <changeset.json>')
  .description('commit a changeset file (see docs/changesets.md) as the next graph version')
  .option('--actor <name>', 'who is making the change', process.env.USER ?? 'cli')
  .action(async (file: string, opts: { actor: string }) => {
    const changeset = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    await withStore(async (store) => {
      const result = await store.apply(changeset, { actor: opts.actor });
      print(result, () =>
        result.changed
          ? `committed graph version ${result.version}: ${Object.entries(result.stats)
              .filter(([, n]) => n > 0)
              .map(([k, n]) => `${k}=${n}`)
              .join(' ')}`
          : `nothing changed (graph version ${result.version})`,
      );
    });
  });

program
  .command('history <namespace> <name>')
  .description("a node's versions and what changed between them")
  .option('--computation', 'the node is a computation (default: an asset)', false)
  .action(async (namespace: string, name: string, opts: { computation: boolean }) => {
    await withStore(async (store) => {
      const history = await store.history(nodeId(opts.computation ? 'COMPUTATION' : 'ASSET', namespace, name));
      if (history.length === 0) throw new UserError(`no ${opts.computation ? 'computation' : 'asset'} ${namespace}/${name}`);
      print(history, () =>
        history
          .map((h) => {
            const d = h.diff;
            const what = [
              ...(d.fieldsAdded.length ? [`+fields ${d.fieldsAdded.join(',')}`] : []),
              ...(d.fieldsRemoved.length ? [`-fields ${d.fieldsRemoved.join(',')}`] : []),
              ...(d.fieldsChanged.length ? [`~fields ${d.fieldsChanged.join(',')}`] : []),
              ...(d.changed.length ? [`~${d.changed.join(',')}`] : []),
            ].join(' ');
            return `v${h.version}\t${h.committedAt}\t${h.change}\t${h.source}\t${what}`;
          })
          .join('\n'),
      );
    });
  });

program
  .command('changes')
  .description('the changesets committed since a graph version')
  .option('--since <version>', 'graph version', '0')
  .option('--source <source>', 'only changesets of this source')
  .option('--limit <n>', 'at most this many changesets', '50')
  .action(async (opts: { since: string; source?: string; limit: string }) => {
    await withStore(async (store) => {
      const changes = await store.changes(Number(opts.since), { source: opts.source, limit: Number(opts.limit) });
      print(changes, () =>
        changes
          .map(
            (c) =>
              `v${c.version}\t${c.committedAt}\t${c.source}\t${c.actor}\t${c.mode}\t` +
              Object.entries(c.stats)
                .filter(([, n]) => n > 0)
                .map(([k, n]) => `${k}=${n}`)
                .join(' '),
          )
          .join('\n') || 'no changes',
      );
    });
  });

class UserError extends Error {}

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ChangesetRejectedError) {
    process.stderr.write(`changeset rejected:\n${error.issues.map((i) => `  ${i.path}: ${i.message} [${i.code}]`).join('\n')}\n`);
  } else if (error instanceof UserError || error instanceof SyntaxError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`error: ${(error as Error).message}\n`);
  }
  process.exit(1);
});
