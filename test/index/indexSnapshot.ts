/** The graph at one version, as comparable sorted lists: from an index, or read from the store. */
import { fieldNames } from '../../graph-model/definition.js';
import { edgeKey, fieldEdgeKey } from '../../graph-model/ids.js';
import { END_OF_LIST } from '../../graph-model/index/edgeTable.js';
import type { VersionedGraph } from '../../graph-model/index/versionedGraph.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { readAllEdges, readAllFieldEdges } from '../../graph-model/store/operations/readFacts.js';
import { readAllNodes } from '../../graph-model/store/operations/readNodes.js';

export interface GraphSnapshot {
  nodes: string[];
  edges: string[];
  fieldEdges: string[];
}

const nodeLine = (id: string, type: string, namespace: string, name: string, kind: string, fields: Iterable<string>, owners: Iterable<string>) =>
  [id, type, namespace, name, kind, [...fields].sort().join(','), [...owners].sort().join(',')].join('|');

export function indexSnapshot(graph: VersionedGraph, version: number): GraphSnapshot {
  const nodes: string[] = [];
  for (let n = 0; n < graph.nodes.count; n++) {
    const info = graph.nodes.versionAt(n, version);
    if (info) nodes.push(nodeLine(graph.nodes.id(n), graph.nodes.type(n), graph.nodes.namespace(n), graph.nodes.name(n), info.kind, info.fields, info.owners));
  }
  const edges: string[] = [];
  const E = graph.edges;
  for (let n = 0; n < graph.nodes.count; n++) {
    // Through the adjacency lists, so they are checked too.
    for (let e = E.firstOut(n, version); e !== END_OF_LIST; e = E.nextOut(e, version)) {
      edges.push(`${edgeKey(graph.nodes.id(n), graph.nodes.id(E.targetOf(e)))}|${graph.edgeKind(e)}`);
    }
  }
  const fieldEdges: string[] = [];
  const F = graph.fieldEdges;
  for (let f = 0; f < F.count; f++) {
    if (!F.isValidAt(f, version)) continue;
    fieldEdges.push(
      fieldEdgeKey({
        computationId: graph.nodes.id(F.computationOf(f)),
        inputId: graph.nodes.id(F.inputOf(f)),
        inputField: graph.strings.get(F.inputFieldOf(f)),
        outputId: graph.nodes.id(F.outputOf(f)),
        outputField: graph.strings.get(F.outputFieldOf(f)),
        transformationType: F.transformationType(f),
        transformationSubtype: graph.strings.get(F.subtype(f)),
        masking: F.masking(f),
      }),
    );
  }
  return { nodes: nodes.sort(), edges: edges.sort(), fieldEdges: fieldEdges.sort() };
}

export async function storeSnapshot(store: GraphStore, version: number): Promise<GraphSnapshot> {
  const [nodes, edges, fieldEdges] = await Promise.all([readAllNodes(store.db, version), readAllEdges(store.db, version), readAllFieldEdges(store.db, version)]);
  return {
    nodes: nodes
      .map((n) => nodeLine(n.id, n.type, n.namespace, n.name, n.kind, fieldNames(n.definition), (n.definition.owners ?? []).map((o) => o.name)))
      .sort(),
    edges: edges.map((e) => `${edgeKey(e.from, e.to)}|${e.kind}`).sort(),
    fieldEdges: fieldEdges.map((f) => fieldEdgeKey(f)).sort(),
  };
}
