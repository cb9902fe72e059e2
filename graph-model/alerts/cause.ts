/**
 * The seam between signals and alerts (issue 24). Signal sources (quality results, freshness,
 * incidents) each report the problems that are open now as causes; the alert engine carries each
 * cause downstream with the impact semantics, groups causes that share a root and delivers alerts.
 * A source knows nothing of alerts; the engine knows nothing of how a source decides a problem.
 */
import type { NodeRef } from '../model.js';

export type CauseKind = 'ASSERTION_FAILED' | 'LATE' | 'INCIDENT';

export type CauseSeverity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW';

export interface Cause {
  /**
   * Stable across evaluations for the same problem (same asset, field set and check), so an alert
   * updates instead of reopening: e.g. `assertion:<nodeId>:<field>:<check>`, `late:<nodeId>`,
   * `incident:<incidentId>`.
   */
  key: string;
  kind: CauseKind;
  /** The asset (or computation) the problem is on. */
  node: NodeRef;
  /** Fields the problem names; empty means the whole node. */
  fields: string[];
  severity: CauseSeverity;
  /** When the problem started (ISO-8601): the failing result's time, the deadline missed, the incident's opening. */
  since: string;
  /** One line a person reads: "6 h late (expected every 1 h)", "dbt test not_null_kyc_level failed". */
  summary: string;
  /** What the source saw (check name, values, expected interval, last write, incident note); JSON. */
  evidence: Record<string, unknown>;
}

/** What a source answers from: the store's read view and the clock the evaluation runs at. */
export interface CauseContext {
  /** Evaluation time (ISO-8601); freshness is measured against it. */
  now: string;
  /**
   * Set by an engine that follows the graph index: the version it evaluates at, and every node the
   * index's advances touched (node versions, edge and field edge ends) since its previous
   * evaluation. A source may take the graph's changes from it instead of reading the version
   * tables; without it, a source reads what changed from the store.
   */
  graph?: { version: number; touched: ReadonlySet<string> };
}

export interface CauseSource {
  readonly name: string;
  /** Every cause of this source open at `ctx.now`. */
  openCauses(ctx: CauseContext): Promise<Cause[]>;
  /**
   * Node ids whose causes may have changed since the last call (from the changesets, results and
   * incidents committed since). Lets the engine re-evaluate what a changeset touched, not the graph.
   */
  touchedSince?(afterVersion: number, ctx?: CauseContext): Promise<string[]>;
}
