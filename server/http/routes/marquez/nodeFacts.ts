import type { VersionedGraph } from '../../../../graph-model/index/versionedGraph.js';
import type { NodeVersion, Run, Tag } from '../../../../graph-model/model.js';
import type { MarquezParts } from './parts.js';

/**
 * What the Marquez views of some nodes need from the store, read in a few batched statements:
 * definitions (fields, description, code, owners), tags, runs of the jobs, and when the graph
 * versions they name were committed (Marquez labels everything with times; the graph with versions).
 */
export interface NodeFacts {
  version: number;
  definitions: Map<string, NodeVersion>;
  tags: Map<string, Tag[]>;
  /** Per computation id, newest first. */
  runs: Map<string, Run[]>;
  times: Map<number, string>;
}

/** When graph version `v` was committed; the epoch for a version the store does not know (never in practice). */
export function timeOf(facts: NodeFacts, v: number): string {
  return facts.times.get(v) ?? new Date(0).toISOString();
}

function group<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** The first and current graph versions of node `n` at `version`: Marquez's createdAt and updatedAt. */
export function nodeSpan(graph: VersionedGraph, n: number, version: number): { created: number; updated: number } {
  const versions = graph.nodes.versionsOf(n);
  const current = graph.nodes.versionAt(n, version);
  return { created: versions[0]?.fromVersion ?? 0, updated: current?.fromVersion ?? 0 };
}

export async function loadNodeFacts(parts: MarquezParts, nodes: readonly number[], version: number, extraVersions: readonly number[] = []): Promise<NodeFacts> {
  const graph = parts.index;
  const ids = nodes.map((n) => graph.nodes.id(n));
  const computations = nodes.filter((n) => !graph.nodes.isAsset(n)).map((n) => graph.nodes.id(n));
  const [definitions, tags, runs] = await Promise.all([
    ids.length > 0 ? parts.store.nodes(ids, version) : Promise.resolve([]),
    ids.length > 0 ? parts.store.tagsOf(ids, version) : Promise.resolve([]),
    computations.length > 0 ? parts.store.runsOf(computations, version) : Promise.resolve([]),
  ]);
  const versions = [...extraVersions];
  for (const n of nodes) {
    const span = nodeSpan(graph, n, version);
    versions.push(span.created, span.updated);
  }
  for (const run of runs) versions.push(run.fromVersion);
  return {
    version,
    definitions: new Map(definitions.map((d) => [d.id, d])),
    tags: group(tags, (t) => t.nodeId),
    runs: group(runs, (r) => r.computationId),
    times: await parts.store.commitTimes(versions),
  };
}
