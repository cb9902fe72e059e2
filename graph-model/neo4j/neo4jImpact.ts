import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { impactOf, type ImpactOptions, type ImpactReport } from '../analyses/impact.js';
import { VersionedGraph } from '../index/versionedGraph.js';
import { OPEN } from '../index/versions.js';
import type { NodeType, TransformationType } from '../model.js';
import { DctxError } from '../dctxError.js';
import { CYPHER } from './projectionCypher.js';
import { PROJECTION_NAME } from './neo4jMigrations.js';
import { Neo4jBehindError } from './neo4jLineage.js';

/**
 * Impact answered from the Neo4j projection instead of the in-memory index
 * (DCTX_LINEAGE_BACKEND=neo4j). Cypher fetches what the impact rules can look at, as of the
 * version: the downstream closure of the changed nodes (the only nodes a status can reach), every
 * READS/WRITES into them (a producer outside still counts among an asset's producers), the field
 * edges of the changed assets, and each of those nodes' version at that version. That subgraph is
 * loaded into a VersionedGraph of its own and analyses/impact.ts runs on it unchanged: the same
 * propagation, evidence, reasons, summary and `limit`/`truncated`, so the answer is the index's
 * (property-tested). The server holds the closure, never the graph.
 */

/** What impact reads, fetched as of one version: the closure, the edges into it, the changed assets' field edges, their nodes. */
export interface ImpactSubgraph {
  graph: VersionedGraph;
  version: number;
}

/** Where impact is answered when not by the in-memory index. */
export interface ImpactBackend {
  /**
   * The subgraph impactOf(graph, options) reads, at options.asOf or, without it, at the latest
   * version the backend holds (`notAfter` at most). Callers read what else the answer needs from
   * it too (each impacted node's kind, for its traffic), not from the index.
   */
  subgraph(options: Pick<ImpactOptions, 'ids' | 'fields' | 'asOf'>, notAfter?: number): Promise<ImpactSubgraph>;
}

const VALID = (x: string) => `${x}.fromVersion <= $version AND (${x}.toVersion IS NULL OR $version < ${x}.toVersion)`;

/**
 * One hop downstream from every frontier node, along edges valid at $version. Node validity is
 * not asked: the index's impact follows edges by their own interval, and so does this.
 */
export const DOWNSTREAM_STEP = `
UNWIND $ids AS id
MATCH (:Node {id: id})-[r:READS|WRITES]->(m:Node)
WHERE ${VALID('r')}
RETURN DISTINCT m.id AS id`;

/** Every edge valid at $version into a node of $ids: inside the closure, or from a producer or input outside it. */
export const EDGES_INTO = `
UNWIND $ids AS id
MATCH (a:Node)-[r:READS|WRITES]->(:Node {id: id})
WHERE ${VALID('r')}
RETURN a.id AS from, id AS to, r.fromVersion AS fromVersion, r.toVersion AS toVersion`;

/** The field edges valid at $version that read or write a field of an asset of $ids (what fieldBreak and knownFields read). */
const FIELD_EDGES_OF = `
UNWIND $ids AS id
MATCH (:Asset {id: id})-[:HAS_FIELD]->(:Field)-[r:FLOWS_TO]-(:Field)
WHERE ${VALID('r')}
WITH DISTINCT r
WITH r, startNode(r) AS i, endNode(r) AS o
RETURN r.computationId AS computation, i.nodeId AS input, i.name AS inputField, o.nodeId AS output, o.name AS outputField,
       r.transformationType AS transformationType, r.transformationSubtype AS subtype, r.masking AS masking,
       r.fromVersion AS fromVersion, r.toVersion AS toVersion`;

/** The nodes of $ids with their version valid at $version, if any (a node whose edges outlive it has none). */
export const NODES = `
UNWIND $ids AS id
MATCH (n:Node {id: id})
OPTIONAL MATCH (n)-[:HAS_VERSION]->(v:NodeVersion)
WHERE ${VALID('v')}
RETURN n.id AS id, n:Asset AS asset, n.namespace AS namespace, n.name AS name, v.fromVersion AS fromVersion, v.toVersion AS toVersion,
       v.kind AS kind, v.owners AS owners, v.fields AS fields, v.optionalInputs AS optionalInputs, v.requiredInputs AS requiredInputs,
       v.inactive AS inactive, v IS NOT NULL AS valid`;

/** Ids per statement: large enough that a hub's closure takes a few round trips, small enough for one transaction's memory. */
const BATCH = 10_000;

/** The projection was written before node versions carried what impact reads (input semantics, inactive). */
export class ProjectionTooOldError extends DctxError<'INDEX_UNAVAILABLE'> {
  constructor(id: string) {
    super('INDEX_UNAVAILABLE', `the Neo4j projection predates impact (node ${id} has no input semantics); rebuild it: dctx neo4j sync --rebuild`);
  }
}

export class Neo4jImpact implements ImpactBackend {
  constructor(
    private readonly driver: Driver,
    private readonly database: string | undefined,
  ) {}

  /** What impact reads for `options`, in one read transaction; asOf defaults to the last version Neo4j holds (`notAfter` at most). */
  async subgraph(options: Pick<ImpactOptions, 'ids' | 'fields' | 'asOf'>, notAfter = Infinity): Promise<ImpactSubgraph> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: 'READ' });
    try {
      return await session.executeRead((tx) => fetchSubgraph(tx, options, notAfter));
    } finally {
      await session.close();
    }
  }

  /** The impact of `options` (its traffic given: see subgraph for reading it from the fetched nodes). */
  async impact(options: ImpactOptions, notAfter = Infinity): Promise<ImpactReport> {
    const fetched = await this.subgraph(options, notAfter);
    return impactOf(fetched.graph, { ...options, asOf: fetched.version });
  }
}

interface NodeRecord {
  id: string;
  asset: boolean;
  namespace: string;
  name: string;
  fromVersion: number | null;
  toVersion: number | null;
  kind: string | null;
  owners: string[] | null;
  fields: string[] | null;
  optionalInputs: string[] | null;
  requiredInputs: string[] | null;
  inactive: boolean | null;
  valid: boolean;
}

interface EdgeRecord {
  from: string;
  to: string;
  fromVersion: number;
  toVersion: number | null;
}

interface FieldEdgeRecord {
  computation: string;
  input: string;
  inputField: string;
  output: string;
  outputField: string;
  transformationType: TransformationType;
  subtype: string | null;
  masking: boolean;
  fromVersion: number;
  toVersion: number | null;
}

async function fetchSubgraph(tx: ManagedTransaction, options: Pick<ImpactOptions, 'ids' | 'fields' | 'asOf'>, notAfter: number): Promise<ImpactSubgraph> {
  const projected = Number((await tx.run(CYPHER.readState, { name: PROJECTION_NAME })).records[0]?.get('version') ?? 0);
  const version = options.asOf ?? Math.min(projected, notAfter);
  if (!Number.isInteger(version) || version < 0) throw new RangeError(`asOf must be a non-negative graph version, got ${version}`);
  if (version > projected) throw new Neo4jBehindError(`asOf version ${version} is ahead of the Neo4j projection (at version ${projected})`);

  const fieldAssets = [...new Set((options.fields ?? []).map((ref) => ref.id))];
  const roots = [...new Set([...(options.ids ?? []), ...fieldAssets])];
  // The closure: every node downstream of a root, each expanded once.
  const closure = new Set(roots);
  for (let frontier = roots; frontier.length > 0; ) {
    const next: string[] = [];
    for (const ids of batches(frontier)) {
      for (const record of (await tx.run(DOWNSTREAM_STEP, { ids, version })).records) {
        const id = record.get('id') as string;
        if (!closure.has(id)) {
          closure.add(id);
          next.push(id);
        }
      }
    }
    frontier = next;
  }

  const edges: EdgeRecord[] = [];
  for (const ids of batches([...closure])) edges.push(...(await tx.run(EDGES_INTO, { ids, version })).records.map((r) => r.toObject() as EdgeRecord));
  const fieldEdges: FieldEdgeRecord[] = [];
  for (const ids of batches(fieldAssets)) fieldEdges.push(...(await tx.run(FIELD_EDGES_OF, { ids, version })).records.map((r) => r.toObject() as FieldEdgeRecord));

  const ids = new Set(closure);
  for (const e of edges) ids.add(e.from);
  for (const f of fieldEdges) for (const id of [f.computation, f.input, f.output]) ids.add(id);
  const nodes: NodeRecord[] = [];
  for (const batch of batches([...ids])) nodes.push(...(await tx.run(NODES, { ids: batch, version })).records.map((r) => r.toObject() as NodeRecord));
  return { graph: subgraph(version, nodes, edges, fieldEdges), version };
}

/**
 * The fetched facts as a VersionedGraph at `version`, in id order (the analysis does not depend on
 * node integers or edge order: evidence ties go to the smallest id).
 */
function subgraph(version: number, nodes: NodeRecord[], edges: EdgeRecord[], fieldEdges: FieldEdgeRecord[]): VersionedGraph {
  const graph = new VersionedGraph();
  graph.version = version;
  const byId = new Map<string, number>();
  for (const node of [...nodes].sort((a, b) => compare(a.id, b.id))) {
    const n = graph.addNode(node.id, (node.asset ? 'ASSET' : 'COMPUTATION') satisfies NodeType, node.namespace, node.name);
    byId.set(node.id, n);
    if (!node.valid) continue;
    if (node.inactive === null) throw new ProjectionTooOldError(node.id);
    graph.addNodeVersion(n, {
      fromVersion: node.fromVersion!,
      toVersion: node.toVersion ?? OPEN,
      kind: node.kind ?? '',
      owners: node.owners ?? [],
      fields: node.fields ?? [],
      optionalInputs: node.optionalInputs ?? [],
      requiredInputs: node.requiredInputs ?? [],
      inactive: node.inactive,
    });
  }
  const at = (id: string) => byId.get(id)!;
  for (const e of [...edges].sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to) || a.fromVersion - b.fromVersion)) {
    graph.addEdge(at(e.from), at(e.to), e.fromVersion, e.toVersion ?? OPEN);
  }
  for (const f of fieldEdges) {
    graph.addFieldEdge({
      computation: at(f.computation),
      input: at(f.input),
      inputField: f.inputField,
      output: at(f.output),
      outputField: f.outputField,
      transformationType: f.transformationType,
      subtype: f.subtype ?? '',
      masking: f.masking,
      fromVersion: f.fromVersion,
      toVersion: f.toVersion ?? OPEN,
    });
  }
  return graph;
}

function batches(ids: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += BATCH) out.push(ids.slice(i, i + BATCH));
  return out;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
