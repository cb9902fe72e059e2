import type { Driver } from 'neo4j-driver';
import type { Queryable } from '../store/db.js';
import { retryDelay } from '../store/retryDelay.js';
import { CYPHER } from './projectionCypher.js';
import { changesetsAfter } from './projectionRows.js';
import { migrateNeo4j, PROJECTION_NAME } from './neo4jMigrations.js';
import { projectVersion, ProjectionOutOfSyncError, type ProjectedVersion } from './projectVersion.js';
import { Neo4jSchemaError } from './neo4jMigrations.js';

export interface ProjectionState {
  /** The last graph version Neo4j holds (0: none). */
  version: number;
  /** When the store committed that version; null before the first. */
  committedAt: Date | null;
}

export interface RetryPolicy {
  minMs: number;
  maxMs: number;
  /** Attempts per version before the catch-up gives up (Infinity: never, the service's choice). */
  attempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { minMs: 250, maxMs: 15_000, attempts: 8 };

export interface ProjectionEvents {
  onProjected?(result: ProjectedVersion): void;
  /** A failed attempt; another follows after `delayMs`. */
  onRetry?(error: Error, attempt: number, delayMs: number): void;
}

/** Failures no retry fixes: the projection is another program's, or disagrees with the store. */
export function isPermanent(error: unknown): boolean {
  return error instanceof ProjectionOutOfSyncError || error instanceof Neo4jSchemaError;
}

const LIST_BATCH = 1000;
/** Waits `ms`, or less when `signal` aborts (a service shutting down does not wait out a backoff). */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * The store's graph projected into Neo4j. `catchUp` applies every changeset Neo4j lacks, in
 * version order, one Neo4j transaction per version, retrying a failed one with backoff: the
 * version reached is in Neo4j itself, so each attempt (and each process) resumes where the last
 * commit left it. The store is only read.
 */
export class Neo4jProjection {
  private migrated = false;

  constructor(
    private readonly driver: Driver,
    private readonly store: Queryable,
    private readonly database: string | undefined,
    private readonly events: ProjectionEvents = {},
  ) {}

  async migrate(): Promise<number[]> {
    const { applied } = await migrateNeo4j(this.driver, this.database);
    this.migrated = true;
    return applied;
  }

  async state(): Promise<ProjectionState> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: 'READ' });
    try {
      const result = await session.run(CYPHER.readState, { name: PROJECTION_NAME });
      const record = result.records[0];
      if (!record) return { version: 0, committedAt: null };
      const committedAt = record.get('committedAt') as string | null;
      return { version: Number(record.get('version')), committedAt: committedAt ? new Date(committedAt) : null };
    } finally {
      await session.close();
    }
  }

  /**
   * Projects every version after Neo4j's up to `upTo` (default: the store's latest when called).
   * Resolves with the versions applied; rejects after `retry.attempts` failures in a row, or at
   * once on a permanent failure, leaving Neo4j at the last version committed.
   */
  async catchUp(options: { upTo?: number; retry?: RetryPolicy; signal?: AbortSignal } & ProjectionEvents = {}): Promise<ProjectedVersion[]> {
    const retry = options.retry ?? DEFAULT_RETRY;
    const done: ProjectedVersion[] = [];
    let attempt = 0;
    for (;;) {
      try {
        if (!this.migrated) await this.migrate();
        const { version } = await this.state();
        const pending = (await changesetsAfter(this.store, version, LIST_BATCH)).filter((c) => options.upTo === undefined || c.version <= options.upTo);
        if (pending.length === 0) return done;
        for (const target of pending) {
          if (options.signal?.aborted) return done;
          const session = this.driver.session({ database: this.database });
          try {
            const result = await session.executeWrite((tx) => projectVersion(tx, this.store, target));
            done.push(result);
            this.events.onProjected?.(result);
            options.onProjected?.(result);
            attempt = 0;
          } finally {
            await session.close();
          }
        }
      } catch (error) {
        if (isPermanent(error) || options.signal?.aborted) throw error;
        attempt++;
        if (attempt >= retry.attempts) throw error;
        const delayMs = retryDelay(attempt, retry.minMs, retry.maxMs);
        this.events.onRetry?.(error as Error, attempt, delayMs);
        options.onRetry?.(error as Error, attempt, delayMs);
        await sleep(delayMs, options.signal);
      }
    }
  }

  /**
   * Removes the projection's nodes (and only those: a database may hold other graphs too) and
   * starts again from version 0; a catch-up then rebuilds it from the changeset log.
   */
  async clear(): Promise<void> {
    if (!this.migrated) await this.migrate();
    const session = this.driver.session({ database: this.database });
    try {
      // Version 0 first: an interrupted clear leaves a projection that says it holds nothing, and
      // the MERGEs of a catch-up would reuse what is left of the old one, so the rest is deleted next.
      await session.run('MATCH (p:DctxProjection {name: $name}) SET p.version = 0, p.committedAt = null, p.clearing = true', { name: PROJECTION_NAME });
      for (const label of ['Node', 'NodeVersion', 'Field', 'Tag']) {
        await session.run(`MATCH (n:${label}) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`);
      }
      await session.run('MATCH (p:DctxProjection {name: $name}) REMOVE p.clearing', { name: PROJECTION_NAME });
    } finally {
      await session.close();
    }
  }
}
