import { Option, type Command } from 'commander';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import { GraphStore, type StoreConfig } from '../../graph-model/store/graphStore.js';
import { parseTokens } from '../auth/parseTokens.js';
import { TokenRegistry, assertSafeBinding } from '../auth/tokenRegistry.js';
import { limitsFromEnv } from '../graphql/limits.js';
import { policyFromEnv } from '../graphql/servicePolicy.js';
import { CorsConfigError, parseCorsOrigins } from '../http/cors.js';
import { createService } from '../http/createServer.js';
import { maxIndexLagFromEnv } from '../http/routes/health.js';
import { logger } from '../logger.js';
import { logFeedStatus } from '../observability/feedLog.js';
import { serveProjection } from '../neo4j/serveProjection.js';
import { AlertService } from '../alerts/alertService.js';
import { webhooksFromEnv, type WebhookEndpoint } from '../../graph-model/alerts/webhooks/webhookConfig.js';
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

/** DCTX_CORS_ORIGINS: the exact origins browsers may call the API from; a bad entry stops the start, named. */
function corsOriginsFromEnv(): string[] {
  try {
    return parseCorsOrigins(process.env.DCTX_CORS_ORIGINS);
  } catch (error) {
    if (error instanceof CorsConfigError) throw new UserError(error.message);
    throw error;
  }
}

/** A yes/no setting, on by default; anything else is refused, named. */
function switchFromEnv(name: string, value: string | undefined): boolean {
  const setting = (value ?? '').trim().toLowerCase();
  if (setting === '' || ['true', '1', 'yes', 'on'].includes(setting)) return true;
  if (['false', '0', 'no', 'off'].includes(setting)) return false;
  throw new Error(`${name} must be true or false, got ${JSON.stringify(value)}`);
}

/** DCTX_GRAPHQL_IDE: serve the GraphQL IDE at GET /graphql (default true); anything but a yes or a no is refused. */
export function graphqlIdeFromEnv(value = process.env.DCTX_GRAPHQL_IDE): boolean {
  const setting = (value ?? '').trim().toLowerCase();
  if (setting === '' || ['true', '1', 'yes', 'on'].includes(setting)) return true;
  if (['false', '0', 'no', 'off'].includes(setting)) return false;
  throw new UserError(`DCTX_GRAPHQL_IDE must be true or false, got ${JSON.stringify(value)}`);
}

/** The HTTP service's configuration from the environment, checked as a whole before anything else starts. */
export interface ServeSettings {
  tokens: TokenRegistry;
  corsOrigins: string[];
  graphqlIde: boolean;
  /** DCTX_MAX_INDEX_LAG: versions the index may be behind the store while /readyz says ready. */
  maxIndexLag: number;
  /** DCTX_ALERTS (default on): run the alert engine and webhook sender in this process (one process per store: docs/alerts.md). */
  alerts: boolean;
  /** DCTX_WEBHOOKS and their secrets. */
  webhooks: WebhookEndpoint[];
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
 * Reads and checks DCTX_TOKENS, DCTX_CORS_ORIGINS and DCTX_GRAPHQL_IDE, and refuses to listen
 * beyond loopback without tokens: a mistake stops the command before it opens the store or loads
 * the demo, with a message that names the setting (and never a secret).
 */
export function serveSettingsFromEnv(opts: ListenOptions): ServeSettings {
  const tokens = tokensFromEnv();
  const corsOrigins = corsOriginsFromEnv();
  const graphqlIde = graphqlIdeFromEnv();
  const maxIndexLag = configured(maxIndexLagFromEnv);
  const alerts = configured(() => switchFromEnv('DCTX_ALERTS', process.env.DCTX_ALERTS));
  const webhooks = configured(() => webhooksFromEnv());
  try {
    assertSafeBinding(tokens, opts.host);
  } catch (error) {
    throw new UserError((error as Error).message);
  }
  return { tokens, corsOrigins, graphqlIde, maxIndexLag, alerts, webhooks };
}

/**
 * Serves an open store over HTTP until SIGINT/SIGTERM: loads the in-memory index first (readiness
 * waits for it), and on shutdown lets in-flight requests finish before closing the store (a
 * changeset being applied commits or rolls back as a whole in its transaction).
 */
export async function startServer(cli: CliContext, config: StoreConfig, store: GraphStore, opts: ListenOptions, settings: ServeSettings, defaults: { policyFile?: string } = {}): Promise<void> {
  const { tokens, corsOrigins, graphqlIde, maxIndexLag } = settings;
  const policy = await policyFromEnv({ ...process.env, DCTX_POLICY_FILE: process.env.DCTX_POLICY_FILE || defaults.policyFile }).catch((error: Error) => {
    throw new UserError(error.message);
  });
  logFeedStatus(store.feed);
  const started = Date.now();
  const index = await GraphIndex.load(store);
  logger.info({ version: index.version, seconds: (Date.now() - started) / 1000 }, 'graph index loaded');
  const neo4j = serveProjection(store);
  const alerts = settings.alerts ? await AlertService.start({ store, index, endpoints: settings.webhooks }) : undefined;
  const { server, metrics } = createService({ store, index, alerts, tokens, policy, limits: limitsFromEnv(), corsOrigins, graphqlIde, maxIndexLag, projection: neo4j?.readiness, lineageBackend: neo4j?.lineage ?? null, impactBackend: neo4j?.impact ?? null });
  neo4j?.measure(metrics);
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
      await alerts?.close();
      await neo4j?.close();
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
    const settings = serveSettingsFromEnv(opts);
    const config = cli.storeConfig();
    const store = await GraphStore.open(config);
    try {
      await startServer(cli, config, store, opts, settings);
    } catch (error) {
      await store.close();
      throw error;
    }
  });
}
