import type { Db } from '../../store/db.js';
import { retryDelay } from '../../store/retryDelay.js';
import { leaseDueRows, recordAttempt, type OutboxRow } from '../operations/webhookOutbox.js';
import { SIGNATURE_HEADER, signBody } from './signature.js';
import type { WebhookEndpoint } from './webhookConfig.js';

export interface SenderOptions {
  db: Db;
  endpoints: readonly WebhookEndpoint[];
  /** First retry after this (default 1 s), doubling with jitter up to maxDelayMs (default 5 min). */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Attempts before a row is FAILED (default 20: about a day with the defaults). */
  maxAttempts?: number;
  /** Each POST's time limit (default 10 s). */
  timeoutMs?: number;
  /** How often due retries are looked for when nothing wakes the sender (default 1 s). */
  pollMs?: number;
  /** Told of a failed attempt: endpoint name, status or error; never the secret nor the body. */
  onAttemptFailed?: (info: { endpoint: string; idempotencyKey: string; attempt: number; httpStatus: number | null; error: string | null }) => void;
}

const BATCH = 50;

/**
 * Delivers the webhook outbox (docs/alerts.md, "Webhooks"): at least once, each POST signed
 * (HMAC-SHA256, `x-dctx-signature`) and carrying the row's `idempotency-key`, retried with
 * exponential backoff and jitter until a 2xx or maxAttempts, every attempt in the delivery log.
 * It runs beside ingest and the alert engine, on its own timer: a receiver that is down only
 * makes its rows wait in the outbox.
 */
export class WebhookSender {
  private readonly byName: Map<string, WebhookEndpoint>;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private wanted = false;
  private closed = false;
  /** Attempts made, for tests and metrics. */
  attempts = 0;

  constructor(private readonly options: SenderOptions) {
    this.byName = new Map(options.endpoints.map((e) => [e.name, e]));
  }

  start(): this {
    this.schedule();
    return this;
  }

  /** New rows were queued: look now. */
  wake(): void {
    if (this.closed || this.byName.size === 0) return;
    if (this.running) {
      this.wanted = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.wanted) {
        this.wanted = false;
        this.wake();
      }
    });
  }

  /** Resolves when the current pass (if any) ends. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.idle();
  }

  private schedule(): void {
    if (this.closed || this.byName.size === 0) return;
    this.timer = setTimeout(() => {
      this.wake();
      this.schedule();
    }, this.options.pollMs ?? 1000);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    const names = [...this.byName.keys()];
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    for (;;) {
      if (this.closed) return;
      const rows = await this.options.db.transaction((tx) => leaseDueRows(tx, names, BATCH, timeoutMs * 2));
      if (rows.length === 0) return;
      // Different alerts in parallel; one alert's rows are in revision order and at most one is due at a time.
      await Promise.all(rows.map((row) => this.deliver(row)));
    }
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const endpoint = this.byName.get(row.endpoint)!;
    const body = JSON.stringify(row.payload);
    const attempt = row.attempts + 1;
    const started = performance.now();
    let httpStatus: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': row.idempotencyKey,
          'x-dctx-event': row.event,
          'x-dctx-delivery-attempt': String(attempt),
          [SIGNATURE_HEADER]: signBody(endpoint.secret, body, Math.floor(Date.now() / 1000)),
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        redirect: 'manual',
      });
      httpStatus = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (e) {
      error = (e as Error).name === 'TimeoutError' ? 'timed out' : `${(e as Error).message}${(e as { cause?: { code?: string } }).cause?.code ? ` (${(e as { cause: { code: string } }).cause.code})` : ''}`;
    }
    this.attempts++;
    const ok = error === null;
    const maxAttempts = this.options.maxAttempts ?? 20;
    const retryInMs = ok || attempt >= maxAttempts ? null : retryDelay(attempt, this.options.minDelayMs ?? 1000, this.options.maxDelayMs ?? 300_000);
    if (!ok) this.options.onAttemptFailed?.({ endpoint: endpoint.name, idempotencyKey: row.idempotencyKey, attempt, httpStatus, error });
    await this.options.db.transaction((tx) => recordAttempt(tx, row, { ok, httpStatus, error, durationMs: performance.now() - started, retryInMs }));
  }
}
