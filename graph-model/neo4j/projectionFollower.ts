import { BehindSince } from '../index/behindSince.js';
import type { ChangeFeed } from '../store/changeFeed.js';
import { isPermanent, type Neo4jProjection, type RetryPolicy } from './neo4jProjection.js';

/** What /metrics and /readyz read of a projection kept current inside `dctx serve`. */
export interface ProjectionStatus {
  /** The last graph version Neo4j holds (null until first read). */
  version: number | null;
  /** Versions the store holds and Neo4j does not. */
  lagVersions: number;
  /** Seconds since the oldest version Neo4j lacks was announced (0 when current). */
  lagSeconds: number;
  /** Failed attempts since the service started. */
  retries: number;
  /** The last failure, while it is not resolved (no secret: a driver message). */
  lastError: string | null;
  /** A failure no retry fixes stopped the projection (it needs `dctx neo4j sync --rebuild`). */
  stopped: boolean;
}

/** The service's policy: never give up on a Neo4j that is down, but back off to 30 s between attempts. */
export const SERVICE_RETRY: RetryPolicy = { minMs: 250, maxMs: 30_000, attempts: Number.POSITIVE_INFINITY };

/**
 * Keeps the Neo4j projection current from the store's change feed: each new version starts a
 * catch-up (one at a time; versions announced meanwhile are caught up right after), which retries
 * with backoff for as long as Neo4j is unreachable. The store is only read.
 */
export class ProjectionFollower {
  private projected: number | null = null;
  private retries = 0;
  private lastError: string | null = null;
  private stopped = false;
  private running: Promise<void> | null = null;
  private again = false;
  private readonly behind = new BehindSince();
  private readonly abort = new AbortController();
  private unsubscribe: () => void = () => {};

  constructor(
    private readonly projection: Neo4jProjection,
    private readonly feed: ChangeFeed,
    private readonly retry: RetryPolicy = SERVICE_RETRY,
  ) {}

  /** Subscribes to the feed and catches up what Neo4j lacks now; resolves at once (the catch-up runs on). */
  start(): void {
    this.unsubscribe = this.feed.subscribe((version) => {
      this.behind.seen(version, this.projected ?? 0);
      this.kick();
    });
    this.behind.seen(this.feed.version, 0);
    this.kick();
  }

  status(): ProjectionStatus {
    const lagVersions = this.projected === null ? this.feed.version : Math.max(0, this.feed.version - this.projected);
    return { version: this.projected, lagVersions, lagSeconds: lagVersions === 0 ? 0 : this.behind.seconds(), retries: this.retries, lastError: this.lastError, stopped: this.stopped };
  }

  /** Resolves once Neo4j holds `version` (tests, shutdown), or rejects after `timeoutMs`. */
  async waitFor(version: number, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((this.projected ?? -1) < version) {
      if (this.stopped) throw new Error(`the projection stopped: ${this.lastError}`);
      if (Date.now() > deadline) throw new Error(`Neo4j did not reach graph version ${version} within ${timeoutMs} ms (at ${this.projected})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Stops following; a transaction in flight commits or rolls back on its own. */
  async close(): Promise<void> {
    this.unsubscribe();
    this.abort.abort();
    await this.running?.catch(() => {});
  }

  private kick(): void {
    if (this.stopped || this.abort.signal.aborted) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.catchUp().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async catchUp(): Promise<void> {
    try {
      if (this.projected === null) this.projected = (await this.projection.state()).version;
    } catch {
      // Neo4j is not there yet: the catch-up below retries until it is.
    }
    try {
      await this.projection.catchUp({
        retry: this.retry,
        signal: this.abort.signal,
        onProjected: (result) => {
          this.projected = result.version;
          this.behind.applied(result.version);
          this.lastError = null;
        },
        onRetry: (error) => {
          this.retries++;
          this.lastError = error.message;
        },
      });
      // Another process may have projected what this one was told of: Neo4j says where it is.
      const { version } = await this.projection.state().catch(() => ({ version: this.projected ?? 0 }));
      this.projected = version;
      this.behind.applied(version);
      this.lastError = null;
    } catch (error) {
      if (this.abort.signal.aborted) return;
      this.lastError = (error as Error).message;
      if (isPermanent(error)) this.stopped = true;
    }
  }
}
