import pg from 'pg';
import type { ListenEvents, Subscription } from './db.js';
import { retryDelay } from './retryDelay.js';
import { within } from './within.js';

/** How a LISTEN connection notices its loss and comes back. */
export interface ListenerTiming {
  /** First wait before reconnecting; each failed attempt doubles it, up to `retryMaxMs`. */
  retryMinMs: number;
  retryMaxMs: number;
  /**
   * A `SELECT 1` on the listening connection this often: a connection dropped without a FIN or RST
   * (a failover behind a load balancer, a dead host) raises no error, and LISTEN alone never writes.
   */
  pingIntervalMs: number;
  /** How long the ping, connecting and LISTEN itself may take before the connection counts as lost. */
  pingTimeoutMs: number;
}

export const DEFAULT_LISTENER_TIMING: ListenerTiming = { retryMinMs: 100, retryMaxMs: 10_000, pingIntervalMs: 5_000, pingTimeoutMs: 5_000 };

/** How the feed's connection shows in pg_stat_activity (operators, and tests that cut it). */
export const LISTENER_APPLICATION_NAME = 'dctx-change-feed';

/**
 * One channel's LISTEN on a dedicated connection (LISTEN is per session: a pooled client would
 * lose it), reconnected with capped, jittered exponential backoff for as long as it is open.
 */
export class PgListener implements Subscription {
  private client: pg.Client | null = null;
  private connecting = false;
  private closed = false;
  private pingTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private lostAt = 0;
  private attempts = 0;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly channel: string,
    private readonly events: ListenEvents,
    private readonly timing: ListenerTiming = DEFAULT_LISTENER_TIMING,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel ${channel}`);
  }

  /** Listens once; a failure here is the caller's (the store does not open), later ones are retried. */
  async start(): Promise<void> {
    this.client = await this.connect();
    this.schedulePing();
  }

  retryNow(): void {
    if (this.closed || this.client || this.connecting) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    void this.retry();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.pingTimer) clearTimeout(this.pingTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      ...this.config,
      application_name: LISTENER_APPLICATION_NAME,
      connectionTimeoutMillis: this.timing.pingTimeoutMs,
      keepAlive: true,
    });
    // An error or end on a client that is not (or no longer) the current one is ignored in lose().
    client.on('error', (error) => this.lose(client, error));
    client.on('end', () => this.lose(client, new Error('the connection closed')));
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.events.onPayload(message.payload ?? '');
    });
    try {
      await client.connect();
      // A connection that dies between the two would hold this attempt, and every later one, for ever.
      await within(client.query(`LISTEN ${this.channel}`), this.timing.pingTimeoutMs, `LISTEN got no answer within ${this.timing.pingTimeoutMs} ms`);
      return client;
    } catch (error) {
      client.end().catch(() => {});
      throw error;
    }
  }

  private lose(client: pg.Client, error: Error): void {
    if (this.closed || client !== this.client) return;
    this.client = null;
    if (this.pingTimer) clearTimeout(this.pingTimer);
    // Ends a half-dead socket too: pg destroys it when a query (the timed-out ping) is still active.
    client.end().catch(() => {});
    this.lostAt = Date.now();
    this.attempts = 0;
    this.events.onLost?.(error);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    const delay = retryDelay(this.attempts + 1, this.timing.retryMinMs, this.timing.retryMaxMs);
    this.retryTimer = setTimeout(() => void this.retry(), delay);
    this.retryTimer.unref();
  }

  private async retry(): Promise<void> {
    if (this.closed || this.connecting) return;
    this.attempts++;
    this.connecting = true;
    let client: pg.Client;
    try {
      client = await this.connect();
    } catch (error) {
      if (!this.closed) {
        this.events.onRetryFailed?.(asError(error), this.attempts);
        this.scheduleRetry();
      }
      return;
    } finally {
      this.connecting = false;
    }
    if (this.closed) {
      client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.schedulePing();
    this.events.onRestored?.({ attempts: this.attempts, downMs: Date.now() - this.lostAt });
  }

  private schedulePing(): void {
    this.pingTimer = setTimeout(() => this.ping(), this.timing.pingIntervalMs);
    this.pingTimer.unref();
  }

  private ping(): void {
    const client = this.client;
    if (!client) return;
    let answered = false;
    // Judged after the I/O callbacks that follow the timer: when the event loop was blocked longer
    // than the timeout (a large catch-up, the index's first load), an answer that arrived meanwhile
    // is read before the verdict, and a live connection is not taken for a dead one.
    const timeout = setTimeout(
      () =>
        setImmediate(() => {
          if (!answered) this.lose(client, new Error(`liveness check failed: no answer to SELECT 1 within ${this.timing.pingTimeoutMs} ms`));
        }),
      this.timing.pingTimeoutMs,
    );
    timeout.unref();
    client.query('SELECT 1').then(
      () => {
        answered = true;
        clearTimeout(timeout);
        if (client === this.client) this.schedulePing();
      },
      (error: unknown) => {
        answered = true;
        clearTimeout(timeout);
        this.lose(client, new Error(`liveness check failed: ${asError(error).message}`));
      },
    );
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
