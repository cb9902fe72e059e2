import neo4j, { type Driver } from 'neo4j-driver';
import { DctxError } from '../dctxError.js';

/** Where the projection lives: NEO4J_URL, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE. */
export interface Neo4jConfig {
  url: string;
  user?: string;
  password?: string;
  /** The database the projection is written to; the server's default database when unset. */
  database?: string;
}

/** NEO4J_* or DCTX_LINEAGE_BACKEND set to something unusable; the commands report it as a user error. */
export class Neo4jConfigError extends DctxError<'BAD_NEO4J_CONFIG'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('BAD_NEO4J_CONFIG', message, options);
  }
}

/** The projection's settings, or null when NEO4J_URL is unset (no projection). */
export function neo4jConfigFromEnv(env: NodeJS.ProcessEnv = process.env): Neo4jConfig | null {
  const url = env.NEO4J_URL?.trim();
  if (!url) return null;
  if (!/^(bolt|neo4j)(\+s|\+ssc)?:\/\//.test(url)) {
    throw new Neo4jConfigError(`NEO4J_URL must be a bolt:// or neo4j:// URL (optionally +s or +ssc), got a ${url.split(':')[0]}: URL`);
  }
  const database = env.NEO4J_DATABASE?.trim();
  if (database !== undefined && database !== '' && !/^[A-Za-z][A-Za-z0-9.-]{2,62}$/.test(database)) {
    throw new Neo4jConfigError(`NEO4J_DATABASE must be a Neo4j database name (a letter, then 2 to 62 letters, digits, dots or dashes), got ${JSON.stringify(database)}`);
  }
  return { url, user: env.NEO4J_USER || undefined, password: env.NEO4J_PASSWORD || undefined, database: database || undefined };
}

export type LineageBackendName = 'index' | 'neo4j';

/** DCTX_LINEAGE_BACKEND: who answers lineage (node and field level), the in-memory index (default) or the Neo4j projection. */
export function lineageBackendFromEnv(env: NodeJS.ProcessEnv = process.env): LineageBackendName {
  const value = env.DCTX_LINEAGE_BACKEND?.trim() || 'index';
  if (value !== 'index' && value !== 'neo4j') throw new Neo4jConfigError(`DCTX_LINEAGE_BACKEND must be index or neo4j, got ${JSON.stringify(value)}`);
  if (value === 'neo4j' && !env.NEO4J_URL?.trim()) throw new Neo4jConfigError('DCTX_LINEAGE_BACKEND=neo4j needs NEO4J_URL (the projection it reads)');
  return value;
}

/**
 * A driver for the projection. Integers come back as JS numbers (graph versions stay far below
 * 2^53); the driver's own transaction retries are short, since the sync retries with backoff itself.
 */
export function openNeo4jDriver(config: Neo4jConfig): Driver {
  const auth = config.user !== undefined ? neo4j.auth.basic(config.user, config.password ?? '') : undefined;
  return neo4j.driver(config.url, auth, {
    disableLosslessIntegers: true,
    maxTransactionRetryTime: 5_000,
    connectionAcquisitionTimeout: 30_000,
    connectionTimeout: 10_000,
    userAgent: 'data-context',
  });
}

/** The URL without its user info, for logs and messages (passwords never appear). */
export function describeNeo4j(config: Neo4jConfig): string {
  try {
    const parsed = new URL(config.url);
    parsed.username = '';
    parsed.password = '';
    return `${parsed.toString()}${config.database ? ` (database ${config.database})` : ''}`;
  } catch {
    return 'the configured Neo4j';
  }
}
