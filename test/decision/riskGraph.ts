import { nodeId } from '../../graph-model/ids.js';
import type { VersionedGraph } from '../../graph-model/index/versionedGraph.js';
import type { IndexAdvance } from '../../graph-model/index/indexAdvance.js';
import { OPEN } from '../../graph-model/index/versions.js';

export const FEATURES = 'risk.features';
export const MODELS = 'risk.models';
export const RULES = 'risk.rules';
export const JOBS = 'risk.jobs';
export const TABLES = 'hive://warehouse';

const NAMESPACE_OF: Record<string, string> = { FEATURE: FEATURES, MODEL: MODELS, RULE: RULES };

/**
 * Hand-built risk graphs straight in a VersionedGraph (no store): `asset('FEATURE', 'f1')`,
 * `job('FEATURE_PIPELINE', 'f1.pipeline', ['events'], ['f1'])`, each with an optional validity.
 */
export class RiskGraph {
  constructor(readonly graph: VersionedGraph) {}

  asset(kind: string, name: string, from = 1, to = OPEN): number {
    const namespace = NAMESPACE_OF[kind] ?? TABLES;
    const n = this.graph.addNode(nodeId('ASSET', namespace, name), 'ASSET', namespace, name);
    this.graph.addNodeVersion(n, { fromVersion: from, toVersion: to, kind });
    return n;
  }

  /** A computation reading and writing assets already added (by name), valid over [from, to). */
  job(kind: string, name: string, reads: string[], writes: string[], from = 1, to = OPEN): number {
    const c = this.graph.addNode(nodeId('COMPUTATION', JOBS, name), 'COMPUTATION', JOBS, name);
    this.graph.addNodeVersion(c, { fromVersion: from, toVersion: to, kind });
    for (const input of reads) this.graph.addEdge(this.node(input), c, from, to);
    for (const output of writes) this.graph.addEdge(c, this.node(output), from, to);
    return c;
  }

  /** Adds an edge (asset -> computation or computation -> asset, by name) valid over [from, to). */
  edge(fromName: string, toName: string, from = 1, to = OPEN): number {
    return this.graph.addEdge(this.any(fromName), this.any(toName), from, to);
  }

  /** The asset with this name, whatever its namespace. */
  node(name: string): number {
    const nodes = this.graph.nodes;
    for (let n = 0; n < nodes.count; n++) if (nodes.name(n) === name && nodes.isAsset(n)) return n;
    throw new Error(`no asset ${name} in the hand-built graph`);
  }

  /** The node with this name: an asset, or else a computation. */
  private any(name: string): number {
    const nodes = this.graph.nodes;
    for (let n = 0; n < nodes.count; n++) if (nodes.name(n) === name) return n;
    throw new Error(`no node ${name} in the hand-built graph`);
  }

  id(name: string): string {
    return this.graph.nodes.id(this.node(name));
  }
}

/** The names in an answer list, in its order. */
export const namesOf = (list: readonly { name: string }[]) => list.map((x) => x.name);

/** What a catch-up from `since` to `upTo` would report for a hand-built graph: every row starting or ending in between. */
export function advanceOf(graph: VersionedGraph, since: number, upTo: number): IndexAdvance {
  const within = (v: number) => since < v && v <= upTo;
  const nodes: number[] = [];
  for (let n = 0; n < graph.nodes.count; n++) {
    if (graph.nodes.versionsOf(n).some((info) => within(info.fromVersion) || within(info.toVersion))) nodes.push(n);
  }
  const edges: number[] = [];
  for (let e = 0; e < graph.edges.count; e++) if (within(graph.edges.fromVersionOf(e)) || within(graph.edges.toVersionOf(e))) edges.push(e);
  graph.version = upTo;
  return { since, upTo, nodes, edges };
}
