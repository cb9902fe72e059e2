import type { VersionedGraph } from '../index/versionedGraph.js';
import type { DecisionNode } from './ruleFeatures.js';

/**
 * One frozen `{ id, namespace, name }` per node, made on first use and shared by every answer that
 * lists the node: identity never changes once a node is registered, so the object never goes stale.
 * Kept by node integer: emptied when a relayout renumbers the nodes (the decision index's rebuild).
 */
export class DecisionNodes {
  private byNode: (DecisionNode | undefined)[] = [];

  constructor(private readonly graph: VersionedGraph) {}

  clear(): void {
    this.byNode = [];
  }

  of(n: number): DecisionNode {
    let node = this.byNode[n];
    if (!node) {
      const nodes = this.graph.nodes;
      node = Object.freeze({ id: nodes.id(n), namespace: nodes.namespace(n), name: nodes.name(n) });
      this.byNode[n] = node;
    }
    return node;
  }
}
