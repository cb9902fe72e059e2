import { Option, type Command } from 'commander';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import { GraphStore, type StoreConfig } from '../../graph-model/store/graphStore.js';
import { parseTokens } from '../auth/parseTokens.js';
import { TokenRegistry, assertSafeBinding } from '../auth/tokenRegistry.js';
import { limitsFromEnv } from '../graphql/limits.js';
import { policyFromEnv } from '../graphql/servicePolicy.js';
import { createService } from '../http/createServer.js';
import { maxIndexLagFromEnv } from '../http/routes/health.js';
import { logger } from '../logger.js';
import { logFeedStatus } from '../observability/feedLog.js';
import { UserError, type CliContext } from './cliContext.js';

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

/** API tokens from DCTX_TOKENS; a malformed list is the user's to fix (named by entry, never by secret). */
function tokensFromEnv(): TokenRegistry {
  try {
    return new TokenRegistry(parseTokens(process.env.DCTX_TOKENS));
  } catch (error) {
    throw new UserError((error as Error).message);
  }
}

/** A setting read from the environment; a bad value is the user's to fix. */
function configured<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new UserError((error as Error).message);
  }
}

/**
 * Serves an open store over HTTP until SIGINT/SIGTERM: loads the in-memory index first (readiness
 * waits for it), refuses to listen beyond loopback without API tokens, and on shutdown lets
 * in-flight requests finish before closing the store (a changeset being applied commits or rolls
 * back as a whole in its transaction).
 */
export async function startServer(cli: CliContext, config: StoreConfig, store: GraphStore, opts: ListenOptions): Promise<void> {
  const tokens = tokensFromEnv();
  try {
    assertSafeBinding(tokens, opts.host);
  } catch (error) {
    throw new UserError((error as Error).message);
  }
  const policy = await policyFromEnv().catch((error: Error) => {
    throw new UserError(error.message);
  });
  const maxIndexLag = configured(maxIndexLagFromEnv);
  logFeedStatus(store.feed);
  const started = Date.now();
  const index = await GraphIndex.load(store);
  logger.info({ version: index.version, seconds: (Date.now() - started) / 1000 }, 'graph index loaded');
  const { server } = createService({ store, index, tokens, policy, limits: limitsFromEnv(), maxIndexLag });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(opts.port), opts.host, () => resolve());
  });
  const auth = tokens.configured ? 'API tokens required' : 'no API tokens configured: serving on loopback only';
  logger.info({ host: opts.host, port: Number(opts.port), store: cli.describeStore(config), auth }, 'data-context listening');
  if (!cli.json()) {
    process.stdout.write(`data-context on http://${opts.host}:${opts.port}/graphql (${cli.describeStore(config)}, graph version ${index.version}; ${auth})\n`);
  }
  const shutdown = () => {
    logger.info('shutting down');
    index.close();
    server.close(async () => {
      await store.close();
      process.exit(0);
    });
    // Idle keep-alive connections would hold close() open; requests in flight still finish.
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

export function serveCommand(program: Command, cli: CliContext): void {
  withListenOptions(program.command('serve').description('run the HTTP service (GraphQL, OpenLineage ingest, health, metrics)')).action(async (opts: ListenOptions) => {
    const config = cli.storeConfig();
    const store = await GraphStore.open(config);
    try {
      await startServer(cli, config, store, opts);
    } catch (error) {
      await store.close();
      throw error;
    }
  });
}
