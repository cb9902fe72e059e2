import { Option, type Command } from 'commander';
import { GraphStore } from '../../graph-model/store/graphStore.js';
import { createServer } from '../http/createServer.js';
import { logger } from '../logger.js';
import type { CliContext } from './cliContext.js';

export function serveCommand(program: Command, cli: CliContext): void {
  program
    .command('serve')
    .description('run the HTTP service')
    .addOption(new Option('--port <port>', 'port').env('PORT').default('4000'))
    .addOption(new Option('--host <host>', 'interface to bind').env('HOST').default('127.0.0.1'))
    .action(async (opts: { port: string; host: string }) => {
      const config = cli.storeConfig();
      const store = await GraphStore.open(config);
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
    });
}
