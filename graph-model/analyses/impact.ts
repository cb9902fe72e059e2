import type { VersionedGraph } from '../index/versionedGraph.js';
import { WHOLE_ASSET, unreachable } from '../model.js';
import { asOfVersion } from './asOfVersion.js';
import { checkAmount } from './consumerGraph.js';
import { pathAt, reasonAt, withImpactEvidence, type Evidence, type ImpactReason } from './impactEvidence.js';
import { ImpactLists } from './impactLists.js';
import { BROKEN, DEGRADED, ImpactPropagation, type PropagationCells } from './impactPropagation.js';
import type { ImpactSummary } from './impactSummary.js';
import type { FieldRef } from './lineage.js';
import { nodeSummary, type NodeSummary } from './nodeSummary.js';

export type ImpactMode = 'DELETE' | 'CUTOFF' | 'SCHEMA_CHANGE';

export interface ImpactOptions {
  /** Nodes removed whole: deleted (DELETE) or no longer delivering (CUTOFF). */
  ids?: string[];
  mode: ImpactMode;
  /** Fields removed or retyped (SCHEMA_CHANGE; allowed in every mode). Field '' removes the asset. */
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
  /** Ids (of nodes or fields' assets) that do not exist at this version. */
  notFound: string[];
  /** Counts and traffic over every impacted node, listed or not. */
  summary: ImpactSummary;
  /** True when `limit` left impacted nodes out of `broken` or `degraded`. */
  truncated: boolean;
}

/**
 * What breaks if the given nodes or fields go away, from the index at any version (DESIGN.md,
 * "Impact"; the rules are in ImpactPropagation). CUTOFF propagates like DELETE — a source that
 * stops delivering starves its readers as surely as a deleted one — and lists the given nodes as
 * CUT_OFF roots. Every impacted node is downstream of a root, so the result is a subset of
 * downstream lineage.
 */
export function impactOf(graph: VersionedGraph, options: ImpactOptions): ImpactReport {
  const version = asOfVersion(graph, options.asOf);
  for (const [id, amount] of options.traffic ?? []) checkAmount('traffic', id, amount);
  const notFound: string[] = [];
  const removed = new Set<number>();
  for (const id of options.ids ?? []) {
    const n = graph.nodeAt(id, version);
    if (n === undefined) notFound.push(id);
    else removed.add(n);
  }
  const changedFields = new Map<number, string[]>();
  for (const ref of options.fields ?? []) {
    const n = graph.nodeAt(ref.id, version);
    if (n === undefined || !graph.nodes.isAsset(n)) notFound.push(ref.id);
    else if (ref.field === WHOLE_ASSET) removed.add(n);
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

  return withPropagationCells(graph, graph.nodes.count, (cells) => {
    const propagation = new ImpactPropagation(graph, version, changedFields, cells);
    try {
      propagation.run([...removed]);
      return withImpactEvidence(propagation, [...removed, ...changedFields.keys()], (evidence) => report(propagation, evidence));
    } finally {
      propagation.release();
    }
  });

  function report(propagation: ImpactPropagation, evidence: Evidence): ImpactReport {
    const lists = new ImpactLists(graph, version, options);
    const ids = graph.nodes.ids;
    // A changed root broken back through a cycle is its own evidence (distance 0).
    for (const n of changedFields.keys()) {
      const s = propagation.statusOf(n);
      if (s !== BROKEN && s !== DEGRADED) continue;
      const reason = s === BROKEN ? 'ALL_PRODUCERS_BROKEN' : 'SOME_PRODUCERS_BROKEN';
      lists.add(n, s === BROKEN, () => ({ distance: 0, reason, path: [ids[n]!] }), n);
    }
    // Evidence order is breadth-first, so both lists come out by distance.
    const describe = (i: number) => ({ distance: evidence.distances[i]!, reason: reasonAt(propagation, evidence, i), path: pathAt(evidence, i, ids) });
    for (let i = evidence.roots; i < evidence.length; i++) {
      const n = evidence.nodes[i]!;
      lists.add(n, propagation.statusOf(n) === BROKEN, describe, i);
    }
    return { version, mode: options.mode, roots, broken: lists.broken, degraded: lists.degraded, notFound, summary: lists.tally.summary(options.trafficUnit), truncated: lists.truncated };
  }
}

const cellPools = new WeakMap<object, PropagationCells[]>();

/** Pooled all-zero cells for `size` nodes with a worklist; the propagation zeroes what it wrote before they return. */
function withPropagationCells<T>(owner: object, size: number, fn: (cells: PropagationCells) => T): T {
  let pool = cellPools.get(owner);
  if (!pool) {
    pool = [];
    cellPools.set(owner, pool);
  }
  let scratch = pool.pop();
  if (!scratch || scratch.cells.length < size) scratch = { cells: new Uint8Array(Math.max(1024, size * 2)), queue: scratch?.queue ?? new Int32Array(1024) };
  try {
    return fn(scratch);
  } finally {
    pool.push(scratch);
  }
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
