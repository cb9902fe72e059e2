/**
 * The Cypher that writes one page of store rows into the projection. Every statement is
 * parameterised (`$rows`, one UNWIND per page); labels and relationship types are literals chosen
 * by code, never by input. A row is MERGEd by its identity (node id and first version, or fact key
 * and first version) and its end is SET, so applying a version twice changes nothing, and a row
 * that ends at a later version is found and closed then. Each statement returns how many rows it
 * matched, so a row whose node is missing is an error rather than silently dropped.
 */

/** Identity nodes, one per store node: `(:Node:Asset)` or `(:Node:Computation)`, never removed. */
const NODE_IDENTITY = (label: 'Asset' | 'Computation') => `
UNWIND $rows AS row
MERGE (n:Node {id: row.id})
  ON CREATE SET n:${label}, n.namespace = row.namespace, n.name = row.name, n.firstVersion = row.fromVersion
MERGE (v:NodeVersion {nodeId: row.id, fromVersion: row.fromVersion})
SET v.toVersion = row.toVersion, v.kind = row.kind, v.contentHash = row.contentHash,
    v.description = row.description, v.owners = row.owners, v.fields = row.fields,
    v.optionalInputs = row.optionalInputs, v.requiredInputs = row.requiredInputs, v.inactive = row.inactive
MERGE (n)-[:HAS_VERSION]->(v)
FOREACH (field IN row.fields |
  MERGE (f:Field {id: row.id + $sep + field}) ON CREATE SET f.nodeId = row.id, f.name = field
  MERGE (n)-[:HAS_FIELD]->(f))
RETURN count(*) AS matched`;

/** An edge from a `from` node to a `to` node; the labels make READS and WRITES join only an asset and a computation. */
const EDGE = (from: 'Asset' | 'Computation', type: 'READS' | 'WRITES', to: 'Asset' | 'Computation') => `
UNWIND $rows AS row
MATCH (a:${from} {id: row.from})
MATCH (b:${to} {id: row.to})
MERGE (a)-[r:${type} {fromVersion: row.fromVersion}]->(b)
SET r.toVersion = row.toVersion
RETURN count(*) AS matched`;

export const CYPHER = {
  assets: NODE_IDENTITY('Asset'),
  computations: NODE_IDENTITY('Computation'),

  /**
   * The identity node's summary is its latest version's (kind, description, owners, fields and
   * interval): a node whose last version ended has `toVersion` set, i.e. it is deleted.
   */
  nodeSummaries: `
UNWIND $ids AS id
MATCH (n:Node {id: id})-[:HAS_VERSION]->(v:NodeVersion)
WITH n, v ORDER BY v.fromVersion DESC
WITH n, collect(v)[0] AS latest
SET n.kind = latest.kind, n.description = latest.description, n.owners = latest.owners, n.fields = latest.fields,
    n.contentHash = latest.contentHash, n.fromVersion = latest.fromVersion, n.toVersion = latest.toVersion
RETURN count(*) AS matched`,

  reads: EDGE('Asset', 'READS', 'Computation'),
  writes: EDGE('Computation', 'WRITES', 'Asset'),

  fieldEdges: `
UNWIND $rows AS row
MATCH (ia:Asset {id: row.inputId})
MATCH (oa:Asset {id: row.outputId})
MERGE (fi:Field {id: row.inputId + $sep + row.inputField}) ON CREATE SET fi.nodeId = row.inputId, fi.name = row.inputField
MERGE (ia)-[:HAS_FIELD]->(fi)
MERGE (fo:Field {id: row.outputId + $sep + row.outputField}) ON CREATE SET fo.nodeId = row.outputId, fo.name = row.outputField
MERGE (oa)-[:HAS_FIELD]->(fo)
MERGE (fi)-[r:FLOWS_TO {key: row.key, fromVersion: row.fromVersion}]->(fo)
SET r.computationId = row.computationId, r.transformationType = row.transformationType,
    r.transformationSubtype = row.transformationSubtype, r.masking = row.masking, r.toVersion = row.toVersion
RETURN count(*) AS matched`,

  nodeTags: `
UNWIND $rows AS row
MATCH (n:Node {id: row.nodeId})
MERGE (t:Tag {key: row.key, value: row.value})
MERGE (n)-[g:TAGGED {fromVersion: row.fromVersion}]->(t)
SET g.toVersion = row.toVersion
RETURN count(*) AS matched`,

  fieldTags: `
UNWIND $rows AS row
MATCH (n:Node {id: row.nodeId})
MERGE (f:Field {id: row.nodeId + $sep + row.field}) ON CREATE SET f.nodeId = row.nodeId, f.name = row.field
MERGE (n)-[:HAS_FIELD]->(f)
MERGE (t:Tag {key: row.key, value: row.value})
MERGE (f)-[g:TAGGED {fromVersion: row.fromVersion}]->(t)
SET g.toVersion = row.toVersion
RETURN count(*) AS matched`,

  /**
   * Takes the projection's write lock (the SET) and reads its version: a second sync waits here
   * until the first commits, then sees the version it reached.
   */
  lockState: `
MATCH (p:DctxProjection {name: $name})
SET p.transactions = coalesce(p.transactions, 0) + 1
RETURN coalesce(p.version, 0) AS version, coalesce(p.clearing, false) AS clearing`,

  setState: `
MATCH (p:DctxProjection {name: $name})
SET p.version = $version, p.committedAt = datetime($committedAt), p.projectedAt = datetime()
RETURN p.version AS version`,

  readState: `
MATCH (p:DctxProjection {name: $name})
RETURN coalesce(p.version, 0) AS version, toString(p.committedAt) AS committedAt`,
} as const;

/** Separates a node id from a field name in a Field's id (node ids never hold it). */
export const FIELD_ID_SEPARATOR = '\u001f';
