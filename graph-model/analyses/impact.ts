import type { VersionedGraph } from '../index/versionedGraph.js';
import { WHOLE_ASSET, unreachable } from '../model.js';
import { asOfVersion } from './asOfVersion.js';
import { checkAmount } from './consumerGraph.js';
import { ImpactColumns } from './impactColumns.js';
import { withImpactEvidence, type ImpactReason } from './impactEvidence.js';
import { ImpactPropagation } from './impactPropagation.js';
import { withScratch } from './scratch.js';
import type { ImpactSummary } from './impactSummary.js';
import type { InputSemantics } from '../inputSemantics.js';
import type { FieldRef } from './lineage.js';
import { nodeSummary, type NodeSummary } from './nodeSummary.js';
import { UnknownReferenceError, unknownFieldRefs } from './unknownFields.js';

export type ImpactMode = 'DELETE' | 'CUTOFF' | 'SCHEMA_CHANGE';

export interface ImpactOptions {
  /** Nodes removed whole: deleted (DELETE) or no longer delivering (CUTOFF). */
  ids?: string[];
  mode: ImpactMode;
  /**
   * Fields removed or retyped (SCHEMA_CHANGE; allowed in every mode). Field '' removes the asset.
   * An asset or field the graph does not have is refused (UnknownReferenceError), not ignored.
   */
  fields?: FieldRef[];
  /** Graph version; default the latest the index holds. */
  asOf?: number;
  /**
   * Traffic over a window by node id (evaluations, lookups, calls), e.g. from store.metricTotals:
   * each impacted node reports its own, and the summary sums them by status and kind.
   */
  traffic?: ReadonlyMap<string, number>;
  /** What the traffic counts, for the summary text (e.g. `evaluations/day`); default `traffic`. */
  trafficUnit?: string;
  /**
   * At most this many nodes in each of `broken` and `degraded`, the nearest first; the summary
   * still counts every impacted node, and `truncated` says a list was cut. Default: no limit.
   */
  limit?: number;
}

export type RootStatus = 'REMOVED' | 'CUT_OFF' | 'CHANGED';

export interface ImpactRoot extends NodeSummary {
  status: RootStatus;
  /** The removed fields, for a CHANGED asset. */
  fields?: string[];
  owners: string[];
}

export interface ImpactedNode extends NodeSummary {
  status: 'BROKEN' | 'DEGRADED';
  reason: ImpactReason;
  distance: number;
  /** Node ids from a root to this node, both included. */
  path: string[];
  /**
   * The node whose status decided this verdict, the one before it on `path`: for a computation
   * the input it reads, for an asset the producer; null for a changed root broken back through a cycle.
   */
  decidedBy: string | null;
  /** How the computation reads `decidedBy` (REQUIRED breaks it, OPTIONAL degrades it); null for an asset. */
  inputSemantics: InputSemantics | null;
  /** The evidence path takes a step on unknown field usage (UNKNOWN_FIELD_USAGE): assumed, not proven. */
  assumesFieldUsage: boolean;
  /** Owner names of the node version at the analysed version. */
  owners: string[];
  /** The node's entry in the `traffic` option; null when it has none (unknown, not zero). */
  traffic: number | null;
}

export interface ImpactReport {
  version: number;
  mode: ImpactMode;
  roots: ImpactRoot[];
  broken: ImpactedNode[];
  degraded: ImpactedNode[];
  /** Retired or disabled rules and models (and their computations) reached: not counted as broken or degraded. */
  inactive: ImpactedNode[];
  /** Ids of `ids` that do not exist at this version (unknown fields are refused instead). */
  notFound: string[];
  /** Counts and traffic over every impacted node, listed or not. */
  summary: ImpactSummary;
  /** True when `limit` left impacted nodes out of `broken` or `degraded`. */
  truncated: boolean;
}

/**
 * What breaks if the given nodes or fields go away, from the index at any version (docs/design.md,
 * "Impact"; the rules are in ImpactPropagation). CUTOFF propagates like DELETE — a source that
 * stops delivering starves its readers as surely as a deleted one — and lists the given nodes as
 * CUT_OFF roots. Every impacted node is downstream of a root, so the result is a subset of
 * downstream lineage. One object per impacted node: see impactColumns for the same answer in columns.
 */
export function impactOf(graph: VersionedGraph, options: ImpactOptions): ImpactReport {
  return impactColumns(graph, options).report(options.limit);
}

/** An impact analysis: its roots and what was not found, and every impacted node in columns. */
export class ImpactAnalysis {
  constructor(
    readonly version: number,
    readonly mode: ImpactMode,
    readonly roots: ImpactRoot[],
    readonly notFound: string[],
    readonly impacted: ImpactColumns,
  ) {}

  /** The report with at most `limit` nodes in each list (default all), nearest first. */
  report(limit?: number): ImpactReport {
    const { broken, degraded, inactive, truncated } = this.impacted.lists(limit);
    return { version: this.version, mode: this.mode, roots: this.roots, broken, degraded, inactive, notFound: this.notFound, summary: this.impacted.summary, truncated };
  }
}

/**
 * The impact of `options` with every impacted node's status, distance, reason, evidence path and
 * traffic in columns, and the summary over all of them; objects are made per node on request.
 */
export function impactColumns(graph: VersionedGraph, options: ImpactOptions): ImpactAnalysis {
  const version = asOfVersion(graph, options.asOf);
  for (const [id, amount] of options.traffic ?? []) checkAmount('traffic', id, amount);
  const notFound: string[] = [];
  const removed = new Set<number>();
  for (const id of options.ids ?? []) {
    const n = graph.nodeAt(id, version);
    if (n === undefined) notFound.push(id);
    else removed.add(n);
  }
  const unknown = unknownFieldRefs(graph, options.fields ?? [], version);
  if (unknown.length > 0) throw new UnknownReferenceError(version, unknown, 'fields');
  const changedFields = new Map<number, string[]>();
  for (const ref of options.fields ?? []) {
    const n = graph.nodeAt(ref.id, version)!;
    if (ref.field === WHOLE_ASSET) removed.add(n);
    else changedFields.set(n, [...(changedFields.get(n) ?? []), ref.field]);
  }
  for (const n of removed) changedFields.delete(n);
  const roots: ImpactRoot[] = [
    ...[...removed].map((n) => ({ ...nodeSummary(graph, n, version), status: wholeRootStatus(options.mode), owners: ownersOf(graph, n, version) })),
    ...[...changedFields].map(([n, fields]) => ({
      ...nodeSummary(graph, n, version),
      status: 'CHANGED' as const,
      fields,
      owners: ownersOf(graph, n, version),
    })),
  ];

  const impacted = withScratch(graph, graph.nodes.count, (scratch) => {
    const propagation = new ImpactPropagation(graph, version, changedFields, scratch);
    try {
      propagation.run([...removed]);
      const starts = [...removed, ...changedFields.keys()];
      return withImpactEvidence(propagation, starts, (evidence) => new ImpactColumns(graph, version, propagation, evidence, changedFields.keys(), options));
    } finally {
      propagation.release();
    }
  });
  return new ImpactAnalysis(version, options.mode, roots, notFound, impacted);
}

function wholeRootStatus(mode: ImpactMode): RootStatus {
  switch (mode) {
    case 'DELETE':
    case 'SCHEMA_CHANGE':
      return 'REMOVED';
    case 'CUTOFF':
      return 'CUT_OFF';
    default:
      return unreachable(mode);
  }
}

function ownersOf(graph: VersionedGraph, n: number, version: number): string[] {
  return [...(graph.nodes.versionAt(n, version)?.owners ?? [])];
}
