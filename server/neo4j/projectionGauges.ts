import { Counter, Gauge } from 'prom-client';
import type { ProjectionStatus } from '../../graph-model/neo4j/projectionFollower.js';
import type { ServiceMetrics } from '../observability/serviceMetrics.js';

/** The Neo4j projection's gauges on the service's registry, read from its follower when scraped. */
export function registerProjectionGauges(metrics: ServiceMetrics, status: () => ProjectionStatus): void {
  new Gauge({
    name: 'dctx_neo4j_projection_version',
    help: 'The last graph version the Neo4j projection holds (-1 until Neo4j has answered).',
    registers: [metrics.registry],
    collect() {
      this.set(status().version ?? -1);
    },
  });
  new Gauge({
    name: 'dctx_neo4j_projection_lag_versions',
    help: 'Graph versions the store holds and the Neo4j projection does not yet.',
    registers: [metrics.registry],
    collect() {
      this.set(status().lagVersions);
    },
  });
  new Gauge({
    name: 'dctx_neo4j_projection_lag_seconds',
    help: 'Seconds since the oldest graph version the Neo4j projection lacks was announced (0 when current).',
    registers: [metrics.registry],
    collect() {
      this.set(status().lagSeconds);
    },
  });
  let counted = 0;
  new Counter({
    name: 'dctx_neo4j_projection_retries_total',
    help: 'Failed attempts to project a graph version into Neo4j (each retried with backoff).',
    registers: [metrics.registry],
    collect() {
      const { retries } = status();
      if (retries > counted) this.inc(retries - counted);
      counted = retries;
    },
  });
}

/** `DCTX_MAX_NEO4J_LAG`: versions the projection may be behind while /readyz answers 200 (default 3). */
export function maxNeo4jLagFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.DCTX_MAX_NEO4J_LAG;
  if (raw === undefined || raw === '') return 3;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`DCTX_MAX_NEO4J_LAG must be a non-negative integer of graph versions, got "${raw}"`);
  return value;
}

/** Why /readyz says not ready because of the projection, if it does. */
export function projectionReadiness(status: ProjectionStatus, maxLag: number): string[] {
  if (status.stopped) return [`the Neo4j projection stopped: ${status.lastError}`];
  if (status.lagVersions > maxLag) {
    return [`the Neo4j projection is ${status.lagVersions} versions behind the store (limit ${maxLag})${status.lastError ? `: ${status.lastError}` : ''}`];
  }
  return [];
}
