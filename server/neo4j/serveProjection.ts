import { describeNeo4j, lineageBackendFromEnv, neo4jConfigFromEnv, Neo4jConfigError, openNeo4jDriver } from '../../graph-model/neo4j/neo4jConfig.js';
import { Neo4jImpact } from '../../graph-model/neo4j/neo4jImpact.js';
import { Neo4jLineage } from '../../graph-model/neo4j/neo4jLineage.js';
import { Neo4jProjection } from '../../graph-model/neo4j/neo4jProjection.js';
import { ProjectionFollower } from '../../graph-model/neo4j/projectionFollower.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { UserError } from '../commands/cliContext.js';
import type { ProjectionReadiness } from '../http/routes/health.js';
import { logger } from '../logger.js';
import type { ServiceMetrics } from '../observability/serviceMetrics.js';
import { maxNeo4jLagFromEnv, projectionReadiness, registerProjectionGauges } from './projectionGauges.js';

export interface ServedProjection {
  readiness: ProjectionReadiness;
  follower: ProjectionFollower;
  /** Lineage answered by Cypher over the projection, when DCTX_LINEAGE_BACKEND=neo4j; null otherwise. */
  lineage: Neo4jLineage | null;
  /** Impact answered from the projection, when DCTX_LINEAGE_BACKEND=neo4j; null otherwise. */
  impact: Neo4jImpact | null;
  /** Adds the projection's gauges to the service's /metrics. */
  measure(metrics: ServiceMetrics): void;
  close(): Promise<void>;
}

/**
 * The continuous projection of `dctx serve` when NEO4J_URL is set (null otherwise): settings are
 * checked here, before the server listens; the follower starts at once and retries with backoff
 * for as long as Neo4j does not answer, so a Neo4j that is down never stops the service.
 */
export function serveProjection(store: GraphStore): ServedProjection | null {
  let config;
  let maxLag: number;
  let backend;
  try {
    config = neo4jConfigFromEnv();
    maxLag = maxNeo4jLagFromEnv();
    backend = lineageBackendFromEnv();
  } catch (error) {
    if (error instanceof Neo4jConfigError || error instanceof Error) throw new UserError(error.message);
    throw error;
  }
  if (!config) return null;
  const driver = openNeo4jDriver(config);
  const where = describeNeo4j(config);
  const projection = new Neo4jProjection(driver, store.db, config.database, {
    onProjected: (result) => logger.debug({ version: result.version, rows: result.rows }, 'neo4j projection: version projected'),
    onRetry: (error, attempt, delayMs) => logger.warn({ neo4j: where, attempt, delayMs, err: { name: error.name, message: error.message } }, 'neo4j projection: retrying'),
  });
  const follower = new ProjectionFollower(projection, store.feed);
  follower.start();
  logger.info({ neo4j: where, maxLag, lineageBackend: backend }, 'neo4j projection: following the change feed');
  return {
    follower,
    lineage: backend === 'neo4j' ? new Neo4jLineage(driver, config.database) : null,
    impact: backend === 'neo4j' ? new Neo4jImpact(driver, config.database) : null,
    readiness: { status: () => follower.status(), reasons: (status) => projectionReadiness(status, maxLag) },
    measure: (metrics) => registerProjectionGauges(metrics, () => follower.status()),
    async close() {
      await follower.close();
      await driver.close();
    },
  };
}
