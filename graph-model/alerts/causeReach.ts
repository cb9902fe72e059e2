import { impactOf } from '../analyses/impact.js';
import type { ImpactReason } from '../analyses/impactEvidence.js';
import { unknownFields } from '../analyses/knownFields.js';
import type { VersionedGraph } from '../index/versionedGraph.js';
import { nodeId } from '../ids.js';
import type { Cause } from './cause.js';

/** A node a cause reaches downstream, with impact's verdict and one evidence path from the cause. */
export interface ReachedNode {
  id: string;
  kind: string;
  namespace: string;
  name: string;
  /** BROKEN: every producer path runs through the cause; DEGRADED: some do (docs/alerts.md). */
  status: 'BROKEN' | 'DEGRADED';
  reason: ImpactReason;
  distance: number;
  /** Node ids from the cause's node to this node, both included. */
  path: string[];
  /** Evidence path takes a step on unknown field usage: assumed, not proven. */
  assumesFieldUsage: boolean;
  /** Uses per day (evaluations, lookups, calls); null when unknown. */
  traffic: number | null;
}

export interface CauseReach {
  /** The cause's node id; absent from the graph at `version` when `missing`. */
  nodeId: string;
  version: number;
  missing: boolean;
  /** Fields the cause named that the asset lacks at `version`: the whole node is carried instead. */
  unknownFields: string[];
  reached: ReachedNode[];
}

/**
 * What a cause reaches: the impact (graph-model/analyses/impact.ts) of its node going bad, as a
 * source that stops delivering good data (CUTOFF), or of its fields, when it names fields, as a
 * SCHEMA_CHANGE of those fields: only the consumers reading them (or whose field usage is
 * unknown) are reached. Impact's statuses carry over: a consumer of broken data is broken, of
 * degraded data degraded. Retired rules and models are not reached (impact lists them apart).
 * The reached set is impact's BROKEN and DEGRADED together: "reached" means at least degraded.
 */
export function causeReach(graph: VersionedGraph, cause: Cause, version: number, traffic?: ReadonlyMap<string, number>): CauseReach {
  const id = nodeId(cause.node.type, cause.node.namespace, cause.node.name);
  const n = graph.nodeAt(id, version);
  if (n === undefined) return { nodeId: id, version, missing: true, unknownFields: [], reached: [] };
  const named = cause.node.type === 'ASSET' ? cause.fields.filter((f) => f !== '') : [];
  const unknown = named.length > 0 ? unknownFields(graph, n, version, named) : [];
  const fieldLevel = named.length > 0 && unknown.length === 0;
  const report = impactOf(graph, {
    ...(fieldLevel ? { mode: 'SCHEMA_CHANGE' as const, fields: named.map((field) => ({ id, field })) } : { mode: 'CUTOFF' as const, ids: [id] }),
    asOf: version,
    traffic,
    trafficUnit: 'uses/day',
  });
  const reached = [...report.broken, ...report.degraded]
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      namespace: r.namespace,
      name: r.name,
      status: r.status,
      reason: r.reason,
      distance: r.distance,
      path: r.path,
      assumesFieldUsage: r.assumesFieldUsage,
      traffic: r.traffic,
    }))
    .sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { nodeId: id, version, missing: false, unknownFields: unknown, reached };
}
