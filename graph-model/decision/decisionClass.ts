import type { VersionedGraph } from '../index/versionedGraph.js';

/**
 * What a node is for decision-time answers at one version. Only these kinds change an answer: a
 * node that stays OTHER may be re-versioned (new fields, new owners) without any rule's answer
 * changing, so updates skip it; walks pass through it along its edges either way. OTHER also
 * stands for "no node at that version".
 */
export type DecisionClass = 'FEATURE' | 'MODEL' | 'RULE' | 'OTHER';

export function decisionClassAt(graph: VersionedGraph, n: number, version: number): DecisionClass {
  if (!graph.nodes.isAsset(n)) return 'OTHER';
  const kind = graph.nodes.versionAt(n, version)?.kind;
  return kind === 'FEATURE' || kind === 'MODEL' || kind === 'RULE' ? kind : 'OTHER';
}
