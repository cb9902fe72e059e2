import type { Driver } from 'neo4j-driver';
import { edgeKey, fieldEdgeKey, tagKey } from '../../graph-model/ids.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { readAllEdges, readAllFieldEdges, readAllTags } from '../../graph-model/store/operations/readFacts.js';
import { readAllNodes } from '../../graph-model/store/operations/readNodes.js';

/** The graph at one version as sorted keys: nodes (id, kind, content hash), edges, field edges, tags. */
export interface KeyedSnapshot {
  nodes: string[];
  edges: string[];
  fieldEdges: string[];
  tags: string[];
}

const VALID = (r: string) => `${r}.fromVersion <= $v AND (${r}.toVersion IS NULL OR ${r}.toVersion > $v)`;

/** What the Neo4j projection says the graph was at version `v`, read with its validity intervals only. */
export async function neo4jSnapshotAt(driver: Driver, v: number): Promise<KeyedSnapshot> {
  const rows = async (cypher: string) => (await driver.executeQuery(cypher, { v })).records.map((r) => r.toObject());
  const nodes = await rows(`MATCH (n:Node)-[:HAS_VERSION]->(nv:NodeVersion) WHERE ${VALID('nv')} RETURN n.id AS id, nv.kind AS kind, nv.contentHash AS hash`);
  const edges = await rows(`MATCH (a:Node)-[r:READS|WRITES]->(b:Node) WHERE ${VALID('r')} RETURN a.id AS a, b.id AS b, type(r) AS type`);
  const fieldEdges = await rows(
    `MATCH (i:Field)-[r:FLOWS_TO]->(o:Field) WHERE ${VALID('r')}
     RETURN r.computationId AS computationId, i.nodeId AS inputId, i.name AS inputField, o.nodeId AS outputId, o.name AS outputField,
            r.transformationType AS transformationType, r.transformationSubtype AS transformationSubtype, r.masking AS masking`,
  );
  const tags = await rows(
    `MATCH (x)-[g:TAGGED]->(t:Tag) WHERE ${VALID('g')}
     RETURN CASE WHEN x:Field THEN x.nodeId ELSE x.id END AS nodeId, CASE WHEN x:Field THEN x.name ELSE '' END AS field, t.key AS key, t.value AS value`,
  );
  return {
    nodes: nodes.map((n) => `${n.id} ${n.kind} ${n.hash}`).sort(),
    edges: edges.map((e) => `${edgeKey(e.a, e.b)} ${e.type}`).sort(),
    fieldEdges: fieldEdges.map((f) => fieldEdgeKey(f as Parameters<typeof fieldEdgeKey>[0])).sort(),
    tags: tags.map((t) => tagKey(t.nodeId, t.field, t.key, t.value)).sort(),
  };
}

/** The same, read from the store. */
export async function storeSnapshotAt(store: GraphStore, v: number): Promise<KeyedSnapshot> {
  const [nodes, edges, fieldEdges, tags] = await Promise.all([
    readAllNodes(store.db, v),
    readAllEdges(store.db, v),
    readAllFieldEdges(store.db, v),
    readAllTags(store.db, v),
  ]);
  return {
    nodes: nodes.map((n) => `${n.id} ${n.kind} ${n.contentHash}`).sort(),
    edges: edges.map((e) => `${edgeKey(e.from, e.to)} ${e.kind}`).sort(),
    fieldEdges: fieldEdges.map((f) => fieldEdgeKey(f)).sort(),
    tags: tags.map((t) => tagKey(t.nodeId, t.field, t.key, t.value)).sort(),
  };
}
