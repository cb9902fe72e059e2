import type { Queryable, Tx } from '../../store/db.js';
import { isoTime } from './isoTime.js';

export interface OutboxRow {
  id: number;
  endpoint: string;
  idempotencyKey: string;
  alertId: string;
  revision: number;
  event: string;
  payload: unknown;
  attempts: number;
}

interface Row {
  id: string | number;
  endpoint: string;
  idempotency_key: string;
  alert_id: string;
  revision: number;
  event: string;
  payload: unknown;
  attempts: number;
}

/**
 * Takes up to `limit` due rows of these endpoints and leases them for `leaseMs` (their next
 * attempt moves past the lease), so another process's sender skips them meanwhile (SKIP LOCKED)
 * and a sender that dies leaves them due again. An alert's events go out in revision order: a row
 * waits while an earlier revision for the same endpoint is still pending.
 */
export async function leaseDueRows(tx: Tx, endpoints: readonly string[], limit: number, leaseMs: number): Promise<OutboxRow[]> {
  const rows = await tx.query<Row>(
    `UPDATE webhook_outbox SET next_attempt_at = now() + ($3::double precision * interval '1 millisecond')
      WHERE id IN (
        SELECT o.id FROM webhook_outbox o
         WHERE o.status = 'PENDING' AND o.next_attempt_at <= now() AND o.endpoint = ANY($1::text[])
           AND NOT EXISTS (SELECT 1 FROM webhook_outbox p WHERE p.endpoint = o.endpoint AND p.alert_id = o.alert_id AND p.status = 'PENDING' AND p.revision < o.revision)
         ORDER BY o.next_attempt_at, o.id LIMIT $2 FOR UPDATE SKIP LOCKED)
      RETURNING id, endpoint, idempotency_key, alert_id, revision, event, payload, attempts`,
    [endpoints, limit, leaseMs],
  );
  return rows
    .map((r) => ({ id: Number(r.id), endpoint: r.endpoint, idempotencyKey: r.idempotency_key, alertId: r.alert_id, revision: Number(r.revision), event: r.event, payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload, attempts: Number(r.attempts) }))
    .sort((a, b) => a.id - b.id);
}

export interface AttemptOutcome {
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
  /** Delivered (2xx). */
  ok: boolean;
  /** When not delivered: the next attempt's delay, or null to give up (FAILED). */
  retryInMs: number | null;
}

/** Records one attempt in the delivery log and moves the row on: SENT, due again later, or FAILED. */
export async function recordAttempt(tx: Tx, row: OutboxRow, outcome: AttemptOutcome): Promise<void> {
  const attempt = row.attempts + 1;
  await tx.query('INSERT INTO webhook_attempt (outbox_id, attempt, http_status, error, duration_ms) VALUES ($1, $2, $3, $4, $5)', [row.id, attempt, outcome.httpStatus, outcome.error, outcome.durationMs]);
  if (outcome.ok) {
    await tx.query(`UPDATE webhook_outbox SET status = 'SENT', attempts = $2, sent_at = now(), last_error = NULL WHERE id = $1`, [row.id, attempt]);
  } else if (outcome.retryInMs === null) {
    await tx.query(`UPDATE webhook_outbox SET status = 'FAILED', attempts = $2, last_error = $3 WHERE id = $1`, [row.id, attempt, outcome.error]);
  } else {
    await tx.query(`UPDATE webhook_outbox SET attempts = $2, last_error = $3, next_attempt_at = now() + ($4::double precision * interval '1 millisecond') WHERE id = $1`, [row.id, attempt, outcome.error, outcome.retryInMs]);
  }
}

export interface DeliveryRecord {
  outboxId: number;
  endpoint: string;
  idempotencyKey: string;
  alertId: string;
  revision: number;
  event: string;
  status: string;
  attempts: { attempt: number; at: string; httpStatus: number | null; error: string | null; durationMs: number }[];
}

/** The delivery log of an alert: each outbox row with its attempts. */
export async function readDeliveries(db: Queryable, alertId: string): Promise<DeliveryRecord[]> {
  const rows = await db.query<Row & { status: string }>('SELECT id, endpoint, idempotency_key, alert_id, revision, event, payload, attempts, status FROM webhook_outbox WHERE alert_id = $1 ORDER BY id', [alertId]);
  const out: DeliveryRecord[] = [];
  for (const r of rows) {
    const attempts = await db.query<{ attempt: number; at: Date | string; http_status: number | null; error: string | null; duration_ms: number }>(
      'SELECT attempt, at, http_status, error, duration_ms FROM webhook_attempt WHERE outbox_id = $1 ORDER BY id',
      [r.id],
    );
    out.push({
      outboxId: Number(r.id),
      endpoint: r.endpoint,
      idempotencyKey: r.idempotency_key,
      alertId: r.alert_id,
      revision: Number(r.revision),
      event: r.event,
      status: r.status,
      attempts: attempts.map((a) => ({ attempt: Number(a.attempt), at: isoTime(a.at)!, httpStatus: a.http_status === null ? null : Number(a.http_status), error: a.error, durationMs: Number(a.duration_ms) })),
    });
  }
  return out;
}
