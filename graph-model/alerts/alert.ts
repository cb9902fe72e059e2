import type { ImpactSummary } from '../analyses/impactSummary.js';
import type { Cause, CauseSeverity } from './cause.js';
import type { ReachedNode } from './causeReach.js';

export type AlertStatus = 'OPEN' | 'RESOLVED';
export type AlertEventKind = 'OPENED' | 'CHANGED' | 'RESOLVED';

/** A cause as an alert holds it: the source's cause, its node id, and what it reaches alone. */
export interface AlertCause extends Cause {
  source: string;
  nodeId: string;
  /** The cause's node is not in the graph (it was dropped): it reaches nothing. */
  missing: boolean;
  /** Fields named that the asset lacks: the whole node was carried instead. */
  unknownFields: string[];
  /** How many nodes it reaches by itself. */
  reachedCount: number;
}

/** A reached node in an alert: impact's verdict from the nearest of the alert's causes. */
export interface AlertReachedNode extends ReachedNode {
  /** The cause whose evidence path this is (the nearest; the root's on a tie). */
  cause: string;
}

/** What an alert says at one revision: stored whole in each event, so its history can be replayed. */
export interface AlertState {
  rootKey: string;
  causes: AlertCause[];
  /** Every reached node, nearest first (at most MAX_REACHED_LISTED; `reachedTruncated` says so). */
  reached: AlertReachedNode[];
  reachedTruncated: boolean;
  /** Counts and traffic over every reached node (impact's summary), in uses/day. */
  impact: ImpactSummary;
  /** Alerts merged into this one when a new root explained them too. */
  merged: string[];
  /** Set on a RESOLVED alert merged into another. */
  mergedInto: string | null;
  /** The causes open at the last revision that are no longer (set on RESOLVED and on CHANGED revisions that drop some). */
  cleared: string[];
}

export interface Alert {
  id: string;
  status: AlertStatus;
  severity: CauseSeverity;
  /** "incident 3 on kafka://risk-prod/payments.transactions: ...; reaches 9 rules degraded (3.1M uses/day)". */
  summary: string;
  revision: number;
  openedAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  /** The graph version of the last revision. */
  graphVersion: number;
  state: AlertState;
}

/** An alert's own fields, flat, as every reader shows them (webhook bodies, GraphQL). */
export function alertHeadline(alert: Alert) {
  const { id, status, severity, summary, revision, openedAt, updatedAt, resolvedAt, graphVersion } = alert;
  return { id, status, severity, summary, revision, openedAt, updatedAt, resolvedAt, graphVersion, rootCause: alert.state.rootKey };
}

export interface AlertEvent {
  alertId: string;
  revision: number;
  event: AlertEventKind;
  at: string;
  graphVersion: number;
  severity: CauseSeverity;
  summary: string;
  state: AlertState;
}

/** A reach this big is listed up to here; the counts still cover all of it. */
export const MAX_REACHED_LISTED = 5_000;
