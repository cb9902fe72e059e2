import type { NodeType } from '../../../graph-model/model.js';

/**
 * What resolvers pass around for a node: its identity and kind from the index, and the graph
 * version every field below it is read at (so a whole query answers from one version).
 */
export interface GraphNode {
  id: string;
  type: NodeType;
  namespace: string;
  name: string;
  kind: string;
  version: number;
}
