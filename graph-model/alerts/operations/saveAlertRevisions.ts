import type { Tx } from '../../store/db.js';
import type { Alert, AlertEventKind } from '../alert.js';

export interface AlertRevision {
  alert: Alert;
  event: AlertEventKind;
  /** The webhook body of this event (webhooks/payload.ts), queued once per endpoint. */
  payload: Record<string, unknown>;
}

/** The key a receiver de-duplicates on: the same on every retry of one event to one endpoint. */
export function idempotencyKey(alertId: string, revision: number): string {
  return `${alertId}:${revision}`;
}

/**
 * Writes alert revisions in the caller's transaction: each alert's row as it is now, its event
 * (with the whole state, for the history), and one outbox row per webhook endpoint, so an event is
 * queued for delivery exactly when it is recorded (the outbox pattern: no receiver is called here).
 */
export async function saveAlertRevisions(tx: Tx, revisions: readonly AlertRevision[], endpoints: readonly string[]): Promise<void> {
  for (const { alert, event, payload } of revisions) {
    const state = JSON.stringify(alert.state);
    await tx.query(
      `INSERT INTO alert (id, root_key, status, severity, summary, revision, opened_at, updated_at, resolved_at, graph_version, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)
       ON CONFLICT (id) DO UPDATE SET root_key = EXCLUDED.root_key, status = EXCLUDED.status, severity = EXCLUDED.severity,
         summary = EXCLUDED.summary, revision = EXCLUDED.revision, updated_at = EXCLUDED.updated_at,
         resolved_at = EXCLUDED.resolved_at, graph_version = EXCLUDED.graph_version, state = EXCLUDED.state`,
      [alert.id, alert.state.rootKey, alert.status, alert.severity, alert.summary, alert.revision, alert.openedAt, alert.updatedAt, alert.resolvedAt, alert.graphVersion, state],
    );
    await tx.query(
      `INSERT INTO alert_event (alert_id, revision, event, at, graph_version, severity, summary, state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
      [alert.id, alert.revision, event, alert.updatedAt, alert.graphVersion, alert.severity, alert.summary, state],
    );
    const body = JSON.stringify(payload);
    for (const endpoint of endpoints) {
      await tx.query(
        `INSERT INTO webhook_outbox (endpoint, idempotency_key, alert_id, revision, event, payload, status)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, 'PENDING') ON CONFLICT (endpoint, idempotency_key) DO NOTHING`,
        [endpoint, idempotencyKey(alert.id, alert.revision), alert.id, alert.revision, event, body],
      );
    }
  }
}
