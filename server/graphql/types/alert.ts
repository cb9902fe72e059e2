import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

@ObjectType('AlertCause', { simpleResolvers: true, description: 'One open problem an alert groups (docs/alerts.md): a failing check, a late asset or an open incident.' })
export class AlertCauseType {
  @Field(() => String, { description: 'Stable across evaluations: `assertion:<node>:<field>:<check>`, `late:<node>`, `incident:<id>`.' })
  key!: string;

  @Field(() => String, { description: 'ASSERTION_FAILED, LATE or INCIDENT.' })
  kind!: string;

  @Field(() => String, { description: 'quality, freshness or incidents.' })
  source!: string;

  @Field(() => ID)
  nodeId!: string;

  @Field(() => String)
  namespace!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [String], { description: "Fields the problem names; empty for the whole node." })
  fields!: string[];

  @Field(() => String, { description: 'CRITICAL, HIGH, MEDIUM or LOW.' })
  severity!: string;

  @Field(() => String, { description: 'When the problem started (ISO-8601).' })
  since!: string;

  @Field(() => String)
  summary!: string;

  @Field(() => String, { description: 'What the source saw, as JSON text.' })
  evidence!: string;

  @Field(() => Int, { description: 'Nodes this cause reaches by itself.' })
  reachedCount!: number;
}

@ObjectType('AlertReachedNode', { simpleResolvers: true, description: "A node an alert reaches: impact's verdict from the nearest of its causes." })
export class AlertReachedNodeType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  kind!: string;

  @Field(() => String)
  namespace!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'BROKEN or DEGRADED.' })
  status!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => Int, { description: "Hops from the cause's node." })
  distance!: number;

  @Field(() => [ID], { description: "The evidence path: node ids from the cause's node to this node, both included." })
  path!: string[];

  @Field(() => String, { description: 'The key of the cause whose path this is.' })
  cause!: string;

  @Field(() => Boolean, { description: 'The path takes a step on unknown field usage: assumed, not proven.' })
  assumesFieldUsage!: boolean;

  @Field(() => Float, { nullable: true, description: 'Uses per day; null when unknown.' })
  traffic!: number | null;
}

@ObjectType('AlertRevision', { simpleResolvers: true, description: "One step of an alert's history: its opening, a change, its resolution." })
export class AlertRevisionType {
  @Field(() => Int)
  revision!: number;

  @Field(() => String, { description: 'OPENED, CHANGED or RESOLVED.' })
  event!: string;

  @Field(() => String, { description: 'ISO-8601.' })
  at!: string;

  @Field(() => Int)
  graphVersion!: number;

  @Field(() => String)
  severity!: string;

  @Field(() => String)
  summary!: string;

  @Field(() => [String], { description: 'Keys of the causes open at this revision.' })
  causes!: string[];

  @Field(() => [String], { description: 'Keys of the causes that cleared at this revision.' })
  cleared!: string[];
}

@ObjectType('Alert', { simpleResolvers: true, description: 'One alert per root cause, carried downstream with the impact semantics and weighted by traffic (docs/alerts.md).' })
export class AlertType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'OPEN or RESOLVED.' })
  status!: string;

  @Field(() => String, { description: 'CRITICAL, HIGH, MEDIUM or LOW.' })
  severity!: string;

  @Field(() => String, { description: 'For people: the root cause and what it reaches, with traffic.' })
  summary!: string;

  @Field(() => Int)
  revision!: number;

  @Field(() => String)
  openedAt!: string;

  @Field(() => String)
  updatedAt!: string;

  @Field(() => String, { nullable: true })
  resolvedAt!: string | null;

  @Field(() => Int, { description: 'The graph version of the last revision.' })
  graphVersion!: number;

  @Field(() => String, { description: 'The key of the root cause.' })
  rootCause!: string;

  @Field(() => [AlertCauseType], { description: 'The open causes, the root first.' })
  causes!: AlertCauseType[];

  @Field(() => [AlertReachedNodeType], { description: 'What the alert reaches, nearest first, each with its evidence path.' })
  reached!: AlertReachedNodeType[];

  @Field(() => Boolean, { description: 'More nodes are reached than listed; the counts cover all.' })
  reachedTruncated!: boolean;

  @Field(() => Int)
  broken!: number;

  @Field(() => Int)
  degraded!: number;

  @Field(() => Float, { nullable: true, description: 'Known uses per day of the broken nodes.' })
  brokenTraffic!: number | null;

  @Field(() => Float, { nullable: true, description: 'Known uses per day of the degraded nodes.' })
  degradedTraffic!: number | null;

  @Field(() => [ID], { description: 'Alerts merged into this one.' })
  merged!: string[];

  @Field(() => ID, { nullable: true, description: 'The alert this one was merged into.' })
  mergedInto!: string | null;
}

export enum AlertStatusFilter {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
}
registerEnumType(AlertStatusFilter, { name: 'AlertStatus', description: 'OPEN while any of its causes is open; RESOLVED once all have cleared.' });

export enum AlertSeverityFilter {
  CRITICAL = 'CRITICAL',
  HIGH = 'HIGH',
  MEDIUM = 'MEDIUM',
  LOW = 'LOW',
}
registerEnumType(AlertSeverityFilter, { name: 'AlertSeverity' });
