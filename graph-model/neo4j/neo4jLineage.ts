import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { collapseHidden, COLLAPSE_STEPS_PER_NODE } from '../analyses/collapsedEdges.js';
import { DEFAULT_DEPTH, DEFAULT_MAX_NODES, MAX_DEPTH, type LineageEdge, type LineageNode, type LineageOptions, type LineageResult, type TruncatedReason } from '../analyses/lineage.js';
import { DctxError } from '../dctxError.js';
import { CYPHER } from './projectionCypher.js';
import { walkFieldLineage } from './neo4jFieldLineage.js';
import { summariesAt, VALID } from './nodeSummariesAt.js';
import { startFields, type StartFields } from './neo4jStartFields.js';
import { PROJECTION_NAME } from './neo4jMigrations.js';

/**
 * Node-level lineage answered from the Neo4j projection instead of the in-memory index: the same
 * walk as analyses/lineage.ts (breadth-first, one hop per Cypher query over the whole frontier,
 * each node expanded once per direction, the same node budget spent in the same way), so the
 * answer is the index's node for node and edge for edge. Only the frontier and the nodes reached
 * (at most maxNodes) are held here; the graph stays in Neo4j. Field level: neo4jFieldLineage.ts.
 *
 * Every relationship and node version is read through its validity interval
 * (`fromVersion <= v < toVersion`, an open interval has no toVersion). A version the projection
 * holds never changes after (later versions only add rows from v + 1 and close rows at v + 1), so
 * a walk at v is stable while the sync goes on.
 */

/** Projected a version older than the one asked: Neo4j cannot answer it (yet). */
export class Neo4jBehindError extends DctxError<'INDEX_UNAVAILABLE'> {
  constructor(message: string) {
    super('INDEX_UNAVAILABLE', message);
  }
}

/** Where lineage (node and field level) is answered when not by the in-memory index (DCTX_LINEAGE_BACKEND=neo4j). */
export interface LineageBackend {
  /**
   * Without options.asOf: at the latest version the backend holds, `notAfter` at most (a
   * projection a few versions behind answers at its own version, which the result states).
   */
  lineage(options: LineageOptions, notAfter?: number): Promise<LineageResult>;
  /** The latest version it can answer at (the projection's). */
  version(): Promise<number>;
  /** Whether `fields` of node `id` exist at `version`, by the index's rules (analyses/knownFields.ts). */
  startFields(id: string, version: number, fields: readonly string[]): Promise<StartFields>;
}

/**
 * One hop from every frontier node, both ends valid at $version. `near` is the frontier's end. One
 * record per distinct far node, carrying its summary at $version and the frontier nodes it is
 * reached from: its validity is asked once rather than once per edge into it, the walk needs no
 * second query for the summaries, and the driver decodes far fewer records (docs/neo4j.md,
 * "Where Cypher's time goes").
 */
export const STEP = (downstream: boolean) => `
UNWIND $ids AS id
MATCH (n:Node {id: id})${downstream ? '-[r:READS|WRITES]->' : '<-[r:READS|WRITES]-'}(m:Node)
WHERE ${VALID('r')}
WITH m, collect([n.id, type(r)]) AS nears
MATCH (m)-[:HAS_VERSION]->(mv:NodeVersion)
WHERE ${VALID('mv')}
RETURN m.id AS far, m:Asset AS asset, m.namespace AS namespace, m.name AS name, mv.kind AS kind, nears`;

/** Whether a node at the depth limit has an edge the walk did not follow: a deeper walk returns more. */
const GOES_ON = (downstream: boolean) => `
UNWIND $ids AS id
MATCH (n:Node {id: id})${downstream ? '-[r:READS|WRITES]->' : '<-[r:READS|WRITES]-'}(m:Node)
WHERE ${VALID('r')} AND EXISTS { MATCH (m)-[:HAS_VERSION]->(mv:NodeVersion) WHERE ${VALID('mv')} }
RETURN true AS more LIMIT 1`;

export class Neo4jLineage implements LineageBackend {
  constructor(
    private readonly driver: Driver,
    private readonly database: string | undefined,
  ) {}

  /** The lineage of `options` (node or field level: neo4jFieldLineage.ts); asOf defaults to the last version Neo4j holds. */
  async lineage(options: LineageOptions, notAfter = Infinity): Promise<LineageResult> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: 'READ' });
    try {
      return await session.executeRead(async (tx) => {
        const version = await versionToRead(tx, options, notAfter);
        return options.fieldLevel ? walkFieldLineage(tx, options, version) : walk(tx, options, version);
      });
    } finally {
      await session.close();
    }
  }

  /** Whether `fields` of node `id` exist at `version` (a start the index would refuse is refused alike). */
  async startFields(id: string, version: number, fields: readonly string[]): Promise<StartFields> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: 'READ' });
    try {
      return await session.executeRead((tx) => startFields(tx, id, version, fields));
    } finally {
      await session.close();
    }
  }

  /** The last version projected (0 before the first). */
  async version(): Promise<number> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: 'READ' });
    try {
      return await session.executeRead(projectedVersion);
    } finally {
      await session.close();
    }
  }
}

async function projectedVersion(tx: ManagedTransaction): Promise<number> {
  const result = await tx.run(CYPHER.readState, { name: PROJECTION_NAME });
  return Number(result.records[0]?.get('version') ?? 0);
}

/** The version a walk reads at: options.asOf, or the projection's own (`notAfter` at most); refused when Neo4j lacks it. */
async function versionToRead(tx: ManagedTransaction, options: LineageOptions, notAfter: number): Promise<number> {
  const projected = await projectedVersion(tx);
  const version = options.asOf ?? Math.min(projected, notAfter);
  if (!Number.isInteger(version) || version < 0) throw new RangeError(`asOf must be a non-negative graph version, got ${version}`);
  if (version > projected) throw new Neo4jBehindError(`asOf version ${version} is ahead of the Neo4j projection (at version ${projected})`);
  return version;
}

async function walk(tx: ManagedTransaction, options: LineageOptions, version: number): Promise<LineageResult> {
  const requestedDepth = Math.max(0, Math.floor(options.depth ?? DEFAULT_DEPTH));
  const depth = Math.min(requestedDepth, MAX_DEPTH);
  const maxNodes = Math.max(1, Math.floor(options.maxNodes ?? DEFAULT_MAX_NODES));

  const requested = [...new Set(options.ids)];
  const summaries = await summariesAt(tx, requested, version);
  const notFound = requested.filter((id) => !summaries.has(id));
  const starts = requested.filter((id) => summaries.has(id));

  const distance = new Map<string, number>(starts.map((id) => [id, 0]));
  const edges = new Map<string, LineageEdge>();
  let hitMaxNodes = false;
  let beyondDepth = false;
  for (const downstream of directionsOf(options.direction)) {
    // Each direction expands a node once (its own "seen"); the budget is spent on distinct nodes over both.
    const seen = new Set(starts);
    let frontier = starts;
    for (let d = 0; d < depth && frontier.length > 0; d++) {
      const rows: { near: string; far: string; type: 'READS' | 'WRITES' }[] = [];
      for (const r of (await tx.run(STEP(downstream), { ids: frontier, version })).records) {
        const far = r.get('far') as string;
        if (!summaries.has(far)) summaries.set(far, { id: far, type: r.get('asset') ? 'ASSET' : 'COMPUTATION', kind: r.get('kind') as string, namespace: r.get('namespace') as string, name: r.get('name') as string });
        for (const [near, type] of r.get('nears') as [string, 'READS' | 'WRITES'][]) rows.push({ near, far, type });
      }
      // A cut falls on the same count of nodes as the index's; which ones is the order of ids here.
      rows.sort((a, b) => compare(a.near, b.near) || compare(a.far, b.far));
      const next: string[] = [];
      let reserved = 0;
      for (const { near, far, type } of rows) {
        if (!seen.has(far)) {
          if (!distance.has(far)) {
            if (distance.size + reserved >= maxNodes) {
              hitMaxNodes = true;
              continue;
            }
            reserved++;
          }
          seen.add(far);
          next.push(far);
        }
        const [from, to] = downstream ? [near, far] : [far, near];
        edges.set(`${from}\u0000${to}`, { from, to, kind: type });
      }
      for (const id of next) {
        const known = distance.get(id);
        if (known === undefined || d + 1 < known) distance.set(id, d + 1);
      }
      frontier = next;
    }
    // The frontier left is at the depth limit (or empty: the walk ended before it).
    if (!beyondDepth && frontier.length > 0) beyondDepth = (await tx.run(GOES_ON(downstream), { ids: frontier, version })).records.length > 0;
  }

  const missing = [...distance.keys()].filter((id) => !summaries.has(id));
  for (const [id, summary] of await summariesAt(tx, missing, version)) summaries.set(id, summary);
  const kinds = options.kinds && options.kinds.length > 0 ? new Set(options.kinds) : null;
  const startSet = new Set(starts);
  const isKept = (id: string) => !kinds || startSet.has(id) || kinds.has(summaries.get(id)?.kind ?? '');

  const nodes: LineageNode[] = [...distance]
    .filter(([id]) => isKept(id))
    .map(([id, d]) => ({ ...summaries.get(id)!, distance: d }))
    .sort((a, b) => a.distance - b.distance || compare(a.id, b.id));
  const allEdges = [...edges.values()].sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));
  const result: LineageResult = {
    version,
    nodes,
    edges: allEdges.filter((e) => isKept(e.from) && isKept(e.to)),
    notFound,
    truncated: false,
    moreBeyondDepth: beyondDepth,
  };
  let collapseCut = false;
  if (kinds) {
    const ids = [...distance.keys()].sort((a, b) => distance.get(a)! - distance.get(b)! || compare(a, b));
    const number = new Map(ids.map((id, i) => [id, i]));
    const collapsed = collapseHidden(
      allEdges.map((e) => number.get(e.from)!),
      allEdges.map((e) => number.get(e.to)!),
      (n) => isKept(ids[n]!),
      (n) => distance.get(ids[n]!)!,
      COLLAPSE_STEPS_PER_NODE * maxNodes,
    );
    collapseCut = collapsed.cut;
    result.collapsedEdges = collapsed.edges.map((c) => ({ from: ids[c.from]!, to: ids[c.to]!, through: c.through.map((n) => ids[n]!) }));
  }
  const reason: TruncatedReason | undefined = hitMaxNodes ? 'MAX_NODES' : requestedDepth > MAX_DEPTH && beyondDepth ? 'DEPTH_CAP' : collapseCut ? 'COLLAPSE_BUDGET' : undefined;
  if (reason) {
    result.truncated = true;
    result.truncatedReason = reason;
  }
  return result;
}

function directionsOf(direction: LineageOptions['direction']): boolean[] {
  return direction === 'DOWNSTREAM' ? [true] : direction === 'UPSTREAM' ? [false] : [false, true];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
