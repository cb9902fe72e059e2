import { graphql, type ResultOf } from '../api/graphql.ts';
import { useQuery } from '../api/useQuery.ts';
import { hrefOf } from '../state/navigation.ts';
import type { ViewState } from '../state/urlState.ts';
import { ErrorBox, Loading } from '../ui/errorBox.tsx';
import { KindIcon } from '../ui/kindIcon.tsx';
import { compact } from '../ui/MetricChart.tsx';

const AlertsQuery = graphql(`
  query Alerts($status: AlertStatus, $first: Int) {
    alerts(status: $status, first: $first) {
      id
      severity
      status
      summary
      openedAt
      updatedAt
      resolvedAt
      graphVersion
      broken
      degraded
      brokenTraffic
      degradedTraffic
      reachedTruncated
      causes {
        key
        kind
        source
        severity
        summary
        since
        nodeId
        name
        namespace
        fields
      }
      reached {
        id
        name
        namespace
        kind
        status
        reason
        distance
        traffic
        path
        cause
      }
    }
  }
`);

type AlertRow = ResultOf<typeof AlertsQuery>['alerts'][number];

/** Resolved alerts listed under the open ones: the latest few, for "what just happened". */
const RESOLVED_SHOWN = 20;

/**
 * The alerts (docs/alerts.md): one per root cause, open first, each with its causes and the rules
 * it reaches, broken or degraded, with their traffic and evidence path. A cause links to the
 * impact check that reproduces what the alert reaches.
 */
export function AlertsView(_: { state: ViewState }) {
  const open = useQuery(AlertsQuery, { status: 'OPEN', first: 100 });
  const resolved = useQuery(AlertsQuery, { status: 'RESOLVED', first: RESOLVED_SHOWN });
  const error = open.error ?? resolved.error;
  return (
    <section class="alerts" aria-labelledby="alerts-title">
      <h1 id="alerts-title">Alerts</h1>
      <p class="muted">One alert per root cause (a failing check, a late asset, an open incident), carried downstream as an impact check would, weighted by traffic.</p>
      {error && <ErrorBox error={error} />}
      {!open.data && open.loading && <Loading what="alerts" />}
      {open.data && (
        <>
          <h2>
            Open (<span data-testid="open-alerts">{open.data.alerts.length}</span>)
          </h2>
          {open.data.alerts.length === 0 ? <p class="muted">No open alert.</p> : open.data.alerts.map((alert) => <AlertCard alert={alert} />)}
        </>
      )}
      {resolved.data && resolved.data.alerts.length > 0 && (
        <>
          <h2>Recently resolved</h2>
          {resolved.data.alerts.map((alert) => (
            <AlertCard alert={alert} />
          ))}
        </>
      )}
    </section>
  );
}

function AlertCard({ alert }: { alert: AlertRow }) {
  const names = new Map<string, string>();
  for (const cause of alert.causes) names.set(cause.nodeId, cause.name);
  for (const node of alert.reached) names.set(node.id, node.name);
  const rules = alert.reached.filter((n) => n.kind === 'RULE');
  const causeIds = [...new Set(alert.causes.map((c) => c.nodeId))];
  return (
    <article class={`card alert severity-${alert.severity.toLowerCase()}`} data-id={alert.id} aria-labelledby={`alert-${alert.id}`}>
      <h3 id={`alert-${alert.id}`}>
        <span class="severity">{alert.severity}</span> {alert.summary}
      </h3>
      <p class="muted">
        {alert.status} · opened {alert.openedAt.replace('T', ' ').slice(0, 19)}
        {alert.resolvedAt ? ` · resolved ${alert.resolvedAt.replace('T', ' ').slice(0, 19)}` : ` · updated ${alert.updatedAt.replace('T', ' ').slice(0, 19)}`} · graph version {alert.graphVersion} · {alert.broken} broken
        {alert.brokenTraffic ? ` (${compact(alert.brokenTraffic)} uses/day)` : ''}, {alert.degraded} degraded{alert.degradedTraffic ? ` (${compact(alert.degradedTraffic)} uses/day)` : ''}
      </p>
      <h4>Causes</h4>
      <ul class="causes">
        {alert.causes.map((cause) => (
          <li data-key={cause.key}>
            <strong>{cause.kind}</strong> on <a href={hrefOf({ view: 'node', node: cause.nodeId })}>{cause.name}</a>
            {cause.fields.length > 0 && <span class="field-name"> ({cause.fields.join(', ')})</span>} · {cause.source} · since {cause.since.replace('T', ' ').slice(0, 19)}: {cause.summary}
          </li>
        ))}
      </ul>
      <p>
        <a href={hrefOf({ view: 'impact', mode: 'CUTOFF', targets: causeIds.map((id) => ({ id })) })}>The impact check of a cut-off of {causeIds.length === 1 ? 'the cause' : 'the causes'}</a>
      </p>
      <h4>
        Rules reached ({rules.length}
        {alert.reachedTruncated ? ' listed; more are reached than listed, the counts above cover all' : ''})
      </h4>
      {rules.length === 0 ? (
        <p class="muted">No rule reached.</p>
      ) : (
        <table class="reached-rules">
          <thead>
            <tr>
              <th scope="col">status</th>
              <th scope="col">rule</th>
              <th scope="col">reason</th>
              <th scope="col">traffic / day</th>
              <th scope="col">evidence path</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => (
              <tr data-id={rule.id}>
                <td class={`status-${rule.status.toLowerCase()}`}>{rule.status}</td>
                <td>
                  <KindIcon kind={rule.kind} computation={false} /> <a href={hrefOf({ view: 'node', node: rule.id })}>{rule.name}</a>
                </td>
                <td>{rule.reason}</td>
                <td>{rule.traffic === null ? '' : compact(rule.traffic)}</td>
                <td class="path">{rule.path.map((id) => names.get(id) ?? id).join(' → ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
