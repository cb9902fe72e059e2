import type { Command } from 'commander';
import { describeNeo4j, neo4jConfigFromEnv, Neo4jConfigError, openNeo4jDriver, type Neo4jConfig } from '../../graph-model/neo4j/neo4jConfig.js';
import { DEFAULT_RETRY, isPermanent, Neo4jProjection } from '../../graph-model/neo4j/neo4jProjection.js';
import { logger } from '../logger.js';
import { graphVersion, positiveCount } from './cliArguments.js';
import { UserError, type CliContext } from './cliContext.js';

/** NEO4J_URL, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE; the command cannot run without the URL. */
export function requiredNeo4jConfig(): Neo4jConfig {
  let config: Neo4jConfig | null;
  try {
    config = neo4jConfigFromEnv();
  } catch (error) {
    if (error instanceof Neo4jConfigError) throw new UserError(error.message);
    throw error;
  }
  if (!config) throw new UserError('NEO4J_URL is not set: the Neo4j to project into (bolt://host:7687, with NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE as needed)');
  return config;
}

export function neo4jCommand(program: Command, cli: CliContext): void {
  const neo4j = program.command('neo4j').description('the projection of the graph into Neo4j (docs/neo4j.md)');
  neo4j
    .command('sync')
    .description('project every changeset Neo4j lacks, in version order, and exit (NEO4J_URL, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE)')
    .option('--rebuild', 'remove the projection first and rebuild it from the whole changeset log', false)
    .option('--up-to <version>', 'stop at this graph version', graphVersion)
    .option('--attempts <n>', 'attempts per version before giving up (with backoff)', positiveCount, DEFAULT_RETRY.attempts)
    .action(async (opts: { rebuild: boolean; upTo?: number; attempts: number }) => {
      const config = requiredNeo4jConfig();
      const driver = openNeo4jDriver(config);
      try {
        await cli.withStore(async (store) => {
          const projection = new Neo4jProjection(driver, store.db, config.database, {
            onRetry: (error, attempt, delayMs) => logger.warn({ err: { name: error.name, message: error.message }, attempt, delayMs }, 'neo4j projection: retrying'),
          });
          try {
            if (opts.rebuild) await projection.clear();
            const applied = await projection.catchUp({ upTo: opts.upTo, retry: { ...DEFAULT_RETRY, attempts: opts.attempts } });
            const { version } = await projection.state();
            const before = applied.length > 0 ? applied[0]!.version - 1 : version;
            const rows = applied.reduce((sum, a) => sum + a.rows.nodes + a.rows.edges + a.rows.fieldEdges + a.rows.tags, 0);
            const versions = applied.filter((a) => a.applied).map((a) => a.version);
            cli.print({ from: before, version, versions, rows }, () =>
              versions.length === 0
                ? `Neo4j ${describeNeo4j(config)} is at graph version ${version}: nothing to project`
                : `projected ${versions.length} version${versions.length === 1 ? '' : 's'} (${versions[0]}..${versions[versions.length - 1]}, ${rows} rows) into ${describeNeo4j(config)}; it is at graph version ${version}`,
            );
          } catch (error) {
            if (isPermanent(error)) throw new UserError(`error: ${(error as Error).message}`);
            throw new UserError(`error: projecting into ${describeNeo4j(config)} failed after ${opts.attempts} attempts: ${(error as Error).message}`);
          }
        });
      } finally {
        await driver.close();
      }
    });
}
