import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { alertHeadline, type Alert, type AlertEvent } from '../../../graph-model/alerts/alert.js';
import { readAlert, readAlertEvents, readAlerts } from '../../../graph-model/alerts/operations/readAlerts.js';
import type { GraphQLContext } from '../context.js';
import { pageSize } from '../paging.js';
import { AlertRevisionType, AlertSeverityFilter, AlertStatusFilter, AlertType } from '../types/alert.js';

/** The stored alert as the API shows it: the state's parts flattened, evidence as JSON text. */
function toAlertType(alert: Alert): AlertType {
  const { state } = alert;
  return {
    ...alertHeadline(alert),
    causes: state.causes.map((c) => ({
      key: c.key,
      kind: c.kind,
      source: c.source,
      nodeId: c.nodeId,
      namespace: c.node.namespace,
      name: c.node.name,
      fields: c.fields,
      severity: c.severity,
      since: c.since,
      summary: c.summary,
      evidence: JSON.stringify(c.evidence),
      reachedCount: c.reachedCount,
    })),
    reached: state.reached.map((r) => ({ ...r, reason: String(r.reason) })),
    reachedTruncated: state.reachedTruncated,
    broken: state.impact.broken,
    degraded: state.impact.degraded,
    brokenTraffic: state.impact.brokenTraffic,
    degradedTraffic: state.impact.degradedTraffic,
    merged: state.merged,
    mergedInto: state.mergedInto,
  };
}

function toRevision(event: AlertEvent): AlertRevisionType {
  return {
    revision: event.revision,
    event: event.event,
    at: event.at,
    graphVersion: event.graphVersion,
    severity: event.severity,
    summary: event.summary,
    causes: event.state.causes.map((c) => c.key),
    cleared: event.state.cleared,
  };
}

@Resolver(() => AlertType)
export class AlertQueries {
  @Query(() => [AlertType], { description: 'Alerts, latest updated first (docs/alerts.md): by status, severity, and a node they reach or have a cause on.' })
  async alerts(
    @Ctx() ctx: GraphQLContext,
    @Arg('status', () => AlertStatusFilter, { nullable: true }) status?: AlertStatusFilter,
    @Arg('severity', () => AlertSeverityFilter, { nullable: true }) severity?: AlertSeverityFilter,
    @Arg('reaches', () => ID, { nullable: true, description: 'A node id: only alerts reaching it or with a cause on it.' }) reaches?: string,
    @Arg('first', () => Int, { nullable: true, description: 'How many (default: the page size).' }) first?: number,
  ): Promise<AlertType[]> {
    const alerts = await readAlerts(ctx.store.db, { status, severity, reaches, limit: pageSize(ctx, first) });
    return alerts.map(toAlertType);
  }

  @Query(() => AlertType, { nullable: true, description: 'One alert by id; null when there is none.' })
  async alert(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<AlertType | null> {
    const alert = await readAlert(ctx.store.db, id);
    return alert ? toAlertType(alert) : null;
  }

  @FieldResolver(() => [AlertRevisionType], { description: 'Every revision, oldest first: opened, each change, resolved.' })
  async history(@Ctx() ctx: GraphQLContext, @Root() alert: AlertType): Promise<AlertRevisionType[]> {
    return (await readAlertEvents(ctx.store.db, alert.id)).map(toRevision);
  }
}
