import { Option, type Command } from 'commander';
import { GraphStore, type StoreConfig } from '../../graph-model/store/graphStore.js';
import { createServer } from '../http/createServer.js';
import { logger } from '../logger.js';
import type { CliContext } from './cliContext.js';

export interface ListenOptions {
  port: string;
  host: string;
}

/** `--port` and `--host`, shared by the commands that run the HTTP service (`serve`, `demo`). */
export function withListenOptions(command: Command): Command {
  return command
    .addOption(new Option('--port <port>', 'port').env('PORT').default('4000'))
    .addOption(new Option('--host <host>', 'interface to bind').env('HOST').default('127.0.0.1'));
}

/** Serves an open store over HTTP until SIGINT/SIGTERM, then closes it. */
export function startServer(cli: CliContext, config: StoreConfig, store: GraphStore, opts: ListenOptions): void {
  const server = createServer({ store });
  server.listen(Number(opts.port), opts.host, () => {
    logger.info({ host: opts.host, port: Number(opts.port), store: cli.describeStore(config) }, 'data-context listening');
    if (!cli.json()) {
      process.stdout.write(`data-context on http://${opts.host}:${opts.port} (${cli.describeStore(config)}, graph version ${store.feed.version})\n`);
    }
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
}

export function serveCommand(program: Command, cli: CliContext): void {
  withListenOptions(program.command('serve').description('run the HTTP service')).action(async (opts: ListenOptions) => {
    const config = cli.storeConfig();
    startServer(cli, config, await GraphStore.open(config), opts);
  });
}
