import type { GraphStore } from '../store/graphStore.js';
import { currentVersion } from '../store/operations/resolveAsOf.js';
import { retryDelay } from '../store/retryDelay.js';
import { BehindSince } from './behindSince.js';
import { IndexChanges, type AdvanceListener, type IndexAdvance } from './indexAdvance.js';
import { loadRange, type ApplyStep } from './loadRange.js';
import { PAGE_ROWS } from './operations/versionRange.js';
import { VersionedGraph } from './versionedGraph.js';

/** Waits between retries of a failed catch-up. */
const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5000;

interface Waiter {
  version: number;
  resolve: (version: number) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * The in-memory index of a store's versioned graph: loaded once at start-up, then kept current
 * from the store's change feed by loading only the rows that changed since the version it holds.
 * Catch-ups run one at a time; each applies a whole range of versions at once and then moves
 * `version`, so traversals at any asOf <= version never see a partly applied changeset.
 */
export class GraphIndex extends VersionedGraph {
  private unsubscribe: (() => void) | null = null;
  private wanted = 0;
  /** Until the first load is done, feed events only raise `wanted`: a catch-up then would apply its versions twice. */
  private loading = true;
  private running = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private readonly behind = new BehindSince();
  private waiters: Waiter[] = [];
  private closed = false;
  private advanceListeners: AdvanceListener[] = [];
  /** The last catch-up failure, kept for waitFor's timeout message; catch-ups are retried with backoff. */
  lastError: Error | null = null;
  /** The last error an advance listener threw (the catch-up itself succeeded). */
  lastAdvanceError: Error | null = null;

  private constructor(
    private readonly store: GraphStore,
    private readonly pageRows: number,
  ) {
    super();
  }

  /** Loads the store's graph up to its current version and follows its change feed until close(). */
  static async load(store: GraphStore, options: { pageRows?: number } = {}): Promise<GraphIndex> {
    const index = new GraphIndex(store, options.pageRows ?? PAGE_ROWS);
    // Subscribe first so that no version committed during the load is missed.
    index.unsubscribe = store.feed.subscribe((version) => {
      index.behind.seen(version, index.version);
      index.request(version);
    });
    try {
      const upTo = await currentVersion(store.db);
      await loadRange(store.db, { since: 0, upTo }, (step) => step(index), index.pageRows);
      // Renumbered before anything holds node integers: no listener or traversal has run yet.
      index.relayout();
      index.version = upTo;
      index.behind.applied(upTo);
      index.loading = false;
      index.request(store.feed.version);
      return index;
    } catch (error) {
      index.close();
      throw error;
    }
  }

  /** Resolves once the index holds `version` (checking the store too), or rejects after `timeoutMs`. */
  waitFor(version: number, timeoutMs = 5000): Promise<number> {
    if (this.version >= version) return Promise.resolve(this.version);
    if (this.closed) return Promise.reject(new Error('the graph index is closed'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const cause = this.lastError ? `; last catch-up failed: ${this.lastError.message}` : '';
        reject(new Error(`graph index did not reach version ${version} within ${timeoutMs} ms (at ${this.version}${cause})`));
      }, timeoutMs);
      const waiter: Waiter = { version, resolve, reject, timer };
      this.waiters.push(waiter);
      // The version may have been committed by a process whose notification this one missed.
      this.request(version);
    });
  }

  /**
   * Calls `listener` after each catch-up with the range it applied and what it changed, in the same
   * synchronous step that moved `version`: no traversal or request runs between the two, so an
   * answer derived from the graph never lags the graph. Returns the unsubscribe function.
   */
  onAdvance(listener: AdvanceListener): () => void {
    this.advanceListeners.push(listener);
    return () => {
      this.advanceListeners = this.advanceListeners.filter((l) => l !== listener);
    };
  }

  /** Seconds since the oldest version the feed told of and the index does not hold yet was told (0 when current). */
  lagSeconds(now = Date.now()): number {
    return this.behind.seconds(now);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.advanceListeners = [];
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('the graph index was closed'));
    }
    this.waiters = [];
  }

  /**
   * Wants the index at `version` or later; starts a catch-up unless one is running (it loops until
   * it reaches `wanted`), the first load is, or a failed one waits for its retry. `running` is set
   * and cleared synchronously with the loop's own checks, so no request falls between the two.
   */
  private request(version: number): void {
    if (this.closed) return;
    this.wanted = Math.max(this.wanted, version);
    if (this.loading || this.running || this.retryTimer) return;
    this.running = true;
    void this.catchUpLoop();
  }

  private async catchUpLoop(): Promise<void> {
    try {
      while (!this.closed && this.version < this.wanted) {
        const before = this.version;
        await this.catchUp();
        this.lastError = null;
        this.failures = 0;
        // The store is not (yet) at the wanted version (waitFor asked ahead): the feed will call again.
        if (this.version === before) return;
      }
    } catch (error) {
      // The database is unreachable or restarting: nothing else would ask again if no commit follows.
      this.lastError = error instanceof Error ? error : new Error(String(error));
      this.failures++;
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.request(this.wanted);
      }, retryDelay(this.failures, RETRY_MIN_MS, RETRY_MAX_MS));
      this.retryTimer.unref();
    } finally {
      this.running = false;
    }
  }

  private async catchUp(): Promise<void> {
    const since = this.version;
    // Read the target first: every row of versions <= upTo is committed by now (one transaction per version).
    const upTo = await currentVersion(this.store.db);
    if (upTo <= since) return;
    const steps: ApplyStep[] = [];
    await loadRange(this.store.db, { since, upTo }, (step) => steps.push(step), this.pageRows);
    if (this.closed) return;
    const changes = new IndexChanges();
    for (const step of steps) step(this, changes);
    this.version = upTo;
    this.behind.applied(upTo);
    this.notifyAdvance({ since, upTo, nodes: changes.nodes, edges: changes.edges, fieldEdgeNodes: changes.fieldEdgeNodes });
    this.settleWaiters();
  }

  private notifyAdvance(advance: IndexAdvance): void {
    for (const listener of this.advanceListeners) {
      // The graph has moved already; a failing listener must not stop the others or the waiters.
      try {
        listener(advance);
      } catch (error) {
        this.lastAdvanceError = error instanceof Error ? error : new Error(String(error));
      }
    }
  }

  private settleWaiters(): void {
    const ready = this.waiters.filter((w) => w.version <= this.version);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.version > this.version);
    for (const waiter of ready) {
      clearTimeout(waiter.timer);
      waiter.resolve(this.version);
    }
  }
}
