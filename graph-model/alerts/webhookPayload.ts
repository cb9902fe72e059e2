import { alertHeadline, type Alert, type AlertEventKind } from './alert.js';
import { idempotencyKey } from './operations/saveAlertRevisions.js';

/** Reached rules listed in a webhook body at most; `alert.reached` counts all of them. */
export const MAX_RULES_IN_PAYLOAD = 500;

const EVENT_TYPES: Record<AlertEventKind, string> = { OPENED: 'alert.opened', CHANGED: 'alert.changed', RESOLVED: 'alert.resolved' };

/**
 * The JSON body a webhook receiver gets for one alert event (docs/alerts.md, "Webhooks"): the
 * alert as it is at that revision, its causes, the impact summary with traffic, and the reached
 * rules with their evidence paths; the other reached nodes are counted, and GraphQL `alert(id)`
 * lists them all.
 */
export function webhookPayload(alert: Alert, event: AlertEventKind): Record<string, unknown> {
  const rules = alert.state.reached.filter((r) => r.kind === 'RULE');
  return {
    type: EVENT_TYPES[event],
    idempotencyKey: idempotencyKey(alert.id, alert.revision),
    alert: {
      ...alertHeadline(alert),
      causes: alert.state.causes.map((c) => ({ key: c.key, kind: c.kind, source: c.source, node: c.node, nodeId: c.nodeId, fields: c.fields, severity: c.severity, since: c.since, summary: c.summary })),
      impact: { text: alert.state.impact.text, broken: alert.state.impact.broken, degraded: alert.state.impact.degraded, byKind: alert.state.impact.byKind },
      reachedRules: rules.slice(0, MAX_RULES_IN_PAYLOAD).map((r) => ({ id: r.id, namespace: r.namespace, name: r.name, status: r.status, traffic: r.traffic, path: r.path })),
      reachedRulesTruncated: rules.length > MAX_RULES_IN_PAYLOAD,
      cleared: alert.state.cleared,
      mergedInto: alert.state.mergedInto,
    },
  };
}
