import type { ManagedTransaction } from 'neo4j-driver';
import { collapseHidden, COLLAPSE_STEPS_PER_NODE } from '../analyses/collapsedEdges.js';
import {
  DEFAULT_DEPTH,
  DEFAULT_MAX_NODES,
  MAX_DEPTH,
  type FieldRef,
  type LineageEdge,
  type LineageField,
  type LineageFieldEdge,
  type LineageNode,
  type LineageOptions,
  type LineageResult,
  type TruncatedReason,
} from '../analyses/lineage.js';
import type { NodeSummary } from '../analyses/nodeSummary.js';
import { WHOLE_ASSET, type TransformationType } from '../model.js';
import { summariesAt, VALID } from './nodeSummariesAt.js';

/**
 * Field-level lineage answered from the Neo4j projection's (:Field)-[:FLOWS_TO]->(:Field)
 * relationships: the walk of analyses/fieldLineage.ts step for step, so the answer is the index's
 * node for node, field for field and edge for edge, truncation and distances included.
 *
 * The index walks a queue of (asset, field) states, each state's field edges in the order of the
 * index's per-asset list. A FIFO queue is worked generation by generation (the states the previous
 * generation found, in the order found), so here one Cypher query fetches the field edges of a
 * whole generation and the states are then worked in queue order. The per-asset order matters
 * where a node budget (maxNodes) cuts the walk, and where one generation holds states at two
 * distances (a computation's fields start at 1, an asset's at 0); it is an index loaded from the
 * store's rows: descending fact key (the store's "C" collation), then first version. An index that
 * has followed the store since holds the later versions' rows first, and may keep other nodes
 * under a cut.
 */

/** A field edge valid at the walk's version, as the projection holds it. */
interface Flow {
  key: string;
  fromVersion: number;
  computation: string;
  input: FieldRef;
  output: FieldRef;
  transformationType: TransformationType;
  subtype: string;
  masking: boolean;
}

const FLOW_COLUMNS = `r.key AS key, r.fromVersion AS fromVersion, r.computationId AS computation,
  startNode(r).nodeId AS inputId, startNode(r).name AS inputField, endNode(r).nodeId AS outputId, endNode(r).name AS outputField,
  r.transformationType AS transformationType, r.transformationSubtype AS subtype, r.masking AS masking`;

/**
 * The field edges each state follows: those at its asset whose near field is the whole asset
 * (''), overlaps the state's field (the same, a parent or a child: analyses/nodeSummary.ts
 * fieldsOverlap), or any when the state is the whole asset.
 */
const FIELD_STEP = (downstream: boolean) => `
UNWIND $states AS state
MATCH (:Node {id: state.id})-[:HAS_FIELD]->(near:Field)${downstream ? '-[r:FLOWS_TO]->' : '<-[r:FLOWS_TO]-'}(:Field)
WHERE ${VALID('r')}
  AND (state.field = '' OR near.name = '' OR near.name = state.field OR near.name STARTS WITH state.field + '.' OR state.field STARTS WITH near.name + '.')
RETURN state.at AS at, ${FLOW_COLUMNS}`;

/** A computation's field edges (found by the FLOWS_TO computationId index). */
const COMPUTATION_FLOWS = `
MATCH ()-[r:FLOWS_TO]->() WHERE r.computationId = $id AND ${VALID('r')}
RETURN ${FLOW_COLUMNS}`;

/** The READS and WRITES edges under followed field edges, so that the node subgraph is connected. */
const EDGES_UNDER_FLOWS = `
UNWIND $flows AS flow
MATCH (a:Asset {id: flow.input})-[r:READS]->(c:Computation {id: flow.computation})
WHERE ${VALID('r')}
RETURN a.id AS from, c.id AS to, 'READS' AS kind
UNION
UNWIND $flows AS flow
MATCH (c:Computation {id: flow.computation})-[r:WRITES]->(b:Asset {id: flow.output})
WHERE ${VALID('r')}
RETURN c.id AS from, b.id AS to, 'WRITES' AS kind`;

/** The nodes a walk reached, in reach order, and the node budget: analyses/lineageWalk.ts for ids. */
class Reached {
  readonly order: string[] = [];
  readonly distance = new Map<string, number>();
  hitMaxNodes = false;
  beyondDepth = false;

  constructor(readonly maxNodes: number) {}

  /** Start nodes are always in the result, whatever the budget. */
  start(id: string): void {
    if (!this.distance.has(id)) this.order.push(id);
    this.distance.set(id, 0);
  }

  /** Counts `id` in at `distance` (or lowers its distance); false (and marks the cut) when the budget is spent. */
  reach(id: string, distance: number): boolean {
    const known = this.distance.get(id);
    if (known !== undefined) {
      if (distance < known) this.distance.set(id, distance);
      return true;
    }
    if (this.order.length >= this.maxNodes) {
      this.hitMaxNodes = true;
      return false;
    }
    this.order.push(id);
    this.distance.set(id, distance);
    return true;
  }
}

interface State {
  id: string;
  field: string;
}

const stateKey = (id: string, field: string) => `${id}\u001f${field}`;

/** The field-level lineage of `options` at `version`, which the projection holds (the caller checked). */
export async function walkFieldLineage(tx: ManagedTransaction, options: LineageOptions, version: number): Promise<LineageResult> {
  const requestedDepth = Math.max(0, Math.floor(options.depth ?? DEFAULT_DEPTH));
  const depth = Math.min(requestedDepth, MAX_DEPTH);
  const walk = new Reached(Math.max(1, Math.floor(options.maxNodes ?? DEFAULT_MAX_NODES)));

  const requested = [...new Set(options.ids)];
  const summaries = await summariesAt(tx, [...new Set([...requested, ...(options.fields ?? []).map((f) => f.id)])], version);
  const notFound: string[] = [];
  const starts: string[] = [];
  for (const id of requested) (summaries.has(id) ? starts : notFound).push(id);
  const fieldStarts: State[] = [];
  for (const ref of options.fields ?? []) {
    if (summaries.get(ref.id)?.type !== 'ASSET') notFound.push(ref.id);
    else fieldStarts.push({ id: ref.id, field: ref.field });
  }
  const startNodes = [...starts, ...fieldStarts.map((s) => s.id)];
  for (const id of startNodes) walk.start(id);

  const fields = new Map<string, LineageField>();
  const flows = new Map<string, Flow>();
  for (const downstream of directionsOf(options.direction)) {
    const seeds: (State & { distance: number })[] = fieldStarts.map((s) => ({ ...s, distance: 0 }));
    for (const id of starts) {
      if (summaries.get(id)!.type === 'ASSET') seeds.push({ id, field: WHOLE_ASSET, distance: 0 });
      else if (depth >= 1) {
        for (const flow of await computationFlows(tx, id, version)) {
          const s = downstream ? flow.output : flow.input;
          if (walk.reach(s.id, 1)) seeds.push({ ...s, distance: 1 });
        }
      }
    }
    await walkFields(tx, walk, seeds, downstream, depth, version, fields, flows);
  }

  const edges = await edgesUnderFlows(tx, [...flows.values()], version);
  const missing = walk.order.filter((id) => !summaries.has(id));
  for (const [id, summary] of await summariesAt(tx, missing, version)) summaries.set(id, summary);
  return resultOf({ options, version, walk, summaries, startNodes: new Set(startNodes), notFound, edges, fields, flows, depthCapped: requestedDepth > MAX_DEPTH });
}

/**
 * One direction of the walk from `seeds`: a field edge spans two hops (input asset, computation,
 * output asset), its computation and far asset count against the budget, and a state at the
 * depth limit only says whether the graph goes on (its computation is reached when one hop fits).
 */
async function walkFields(
  tx: ManagedTransaction,
  walk: Reached,
  seeds: (State & { distance: number })[],
  downstream: boolean,
  depth: number,
  version: number,
  fields: Map<string, LineageField>,
  flows: Map<string, Flow>,
): Promise<void> {
  // This direction's states, each worked once, at the distance it was first found at.
  const seen = new Map<string, number>();
  const visit = (state: State, distance: number, into: State[]) => {
    const key = stateKey(state.id, state.field);
    if (seen.has(key)) return;
    seen.set(key, distance);
    into.push(state);
    const known = fields.get(key);
    if (!known || distance < known.distance) fields.set(key, { id: state.id, field: state.field, distance });
  };
  let generation: State[] = [];
  for (const s of seeds) visit({ id: s.id, field: s.field }, s.distance, generation);
  while (generation.length > 0) {
    // A state past even the computation's hop only tells whether the graph goes on: once known, not asked.
    const worked = generation.filter((s) => !walk.beyondDepth || seen.get(stateKey(s.id, s.field))! + 1 <= depth);
    const flowsOf = await stateFlows(tx, worked, downstream, version);
    const next: State[] = [];
    worked.forEach((state, at) => {
      const d = seen.get(stateKey(state.id, state.field))!;
      for (const flow of flowsOf[at]!) {
        if (d + 2 > depth) {
          walk.beyondDepth = true;
          if (d + 1 <= depth) walk.reach(flow.computation, d + 1);
          continue;
        }
        const far = downstream ? flow.output : flow.input;
        if (!walk.reach(flow.computation, d + 1) || !walk.reach(far.id, d + 2)) continue;
        if (!flows.has(flow.key)) flows.set(flow.key, flow);
        visit(far, d + 2, next);
      }
    });
    generation = next;
  }
}

/** Each state's field edges (index `at` of `states`), in the index's list order. */
async function stateFlows(tx: ManagedTransaction, states: State[], downstream: boolean, version: number): Promise<Flow[][]> {
  const out: Flow[][] = states.map(() => []);
  if (states.length === 0) return out;
  const result = await tx.run(FIELD_STEP(downstream), { states: states.map((s, at) => ({ at, id: s.id, field: s.field })), version });
  for (const r of result.records) out[Number(r.get('at'))]!.push(flowOf(r));
  for (const list of out) list.sort(listOrder);
  return out;
}

async function computationFlows(tx: ManagedTransaction, id: string, version: number): Promise<Flow[]> {
  const result = await tx.run(COMPUTATION_FLOWS, { id, version });
  return result.records.map(flowOf).sort(listOrder);
}

async function edgesUnderFlows(tx: ManagedTransaction, flows: Flow[], version: number): Promise<LineageEdge[]> {
  if (flows.length === 0) return [];
  const pairs = flows.map((f) => ({ input: f.input.id, computation: f.computation, output: f.output.id }));
  const result = await tx.run(EDGES_UNDER_FLOWS, { flows: pairs, version });
  return result.records
    .map((r) => ({ from: r.get('from') as string, to: r.get('to') as string, kind: r.get('kind') as LineageEdge['kind'] }))
    .sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));
}

function flowOf(r: { get(key: string): unknown }): Flow {
  return {
    key: r.get('key') as string,
    fromVersion: Number(r.get('fromVersion')),
    computation: r.get('computation') as string,
    input: { id: r.get('inputId') as string, field: r.get('inputField') as string },
    output: { id: r.get('outputId') as string, field: r.get('outputField') as string },
    transformationType: r.get('transformationType') as TransformationType,
    subtype: (r.get('subtype') as string | null) ?? '',
    masking: r.get('masking') === true,
  };
}

/** The index's per-asset list order (a loaded index adds rows by fact key, first version, and lists the last added first). */
const listOrder = (a: Flow, b: Flow) => compareCodePoints(b.key, a.key) || b.fromVersion - a.fromVersion;

interface Walked {
  options: LineageOptions;
  version: number;
  walk: Reached;
  summaries: Map<string, NodeSummary>;
  startNodes: Set<string>;
  notFound: string[];
  edges: LineageEdge[];
  fields: Map<string, LineageField>;
  flows: Map<string, Flow>;
  depthCapped: boolean;
}

/** The answer in the index's shape and order (analyses/lineage.ts LineageSubgraph), edges by `from` then `to`. */
function resultOf({ options, version, walk, summaries, startNodes, notFound, edges, fields, flows, depthCapped }: Walked): LineageResult {
  const kinds = options.kinds && options.kinds.length > 0 ? new Set(options.kinds) : null;
  const summaryOf = (id: string) => {
    const summary = summaries.get(id);
    // The store ends a node's field edges with the node, so a valid field edge names live nodes.
    if (!summary) throw new Error(`the Neo4j projection has a field edge at version ${version} to ${id}, which does not exist then: rebuild it (dctx neo4j sync --rebuild)`);
    return summary;
  };
  const kept = (id: string) => !kinds || startNodes.has(id) || kinds.has(summaryOf(id).kind);
  let nodes: LineageNode[] = walk.order.filter(kept).map((id) => ({ ...summaryOf(id), distance: walk.distance.get(id)! }));
  // Reach order is by distance within a direction; a BOTH walk interleaves two (a stable sort).
  if (options.direction === 'BOTH') nodes = nodes.map((n, i) => ({ n, i })).sort((a, b) => a.n.distance - b.n.distance || a.i - b.i).map(({ n }) => n);

  const result: LineageResult = {
    version,
    nodes,
    edges: edges.filter((e) => kept(e.from) && kept(e.to)),
    notFound,
    truncated: false,
    moreBeyondDepth: walk.beyondDepth,
  };
  let collapseCut = false;
  if (kinds) {
    const number = new Map(walk.order.map((id, i) => [id, i]));
    const collapsed = collapseHidden(
      edges.map((e) => number.get(e.from)!),
      edges.map((e) => number.get(e.to)!),
      (n) => kept(walk.order[n]!),
      (n) => walk.distance.get(walk.order[n]!) ?? 0,
      COLLAPSE_STEPS_PER_NODE * walk.maxNodes,
    );
    collapseCut = collapsed.cut;
    result.collapsedEdges = collapsed.edges.map((c) => ({ from: walk.order[c.from]!, to: walk.order[c.to]!, through: c.through.map((n) => walk.order[n]!) }));
  }
  const reason: TruncatedReason | undefined = walk.hitMaxNodes ? 'MAX_NODES' : depthCapped && walk.beyondDepth ? 'DEPTH_CAP' : collapseCut ? 'COLLAPSE_BUDGET' : undefined;
  if (reason) {
    result.truncated = true;
    result.truncatedReason = reason;
  }
  result.fields = [...fields.values()].filter((f) => kept(f.id)).sort((a, b) => a.distance - b.distance || compare(a.id, b.id) || compare(a.field, b.field));
  result.fieldEdges = [...flows.values()]
    .filter((f) => kept(f.input.id) && kept(f.output.id) && kept(f.computation))
    .map((f): LineageFieldEdge => ({ computation: f.computation, input: f.input, output: f.output, transformationType: f.transformationType, subtype: f.subtype, masking: f.masking }))
    .sort((a, b) => compare(a.input.id, b.input.id) || compare(a.input.field, b.input.field) || compare(a.output.id, b.output.id) || compare(a.output.field, b.output.field) || compare(a.computation, b.computation));
  return result;
}

function directionsOf(direction: LineageOptions['direction']): boolean[] {
  return direction === 'DOWNSTREAM' ? [true] : direction === 'UPSTREAM' ? [false] : [false, true];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Code point order, which is the byte order of UTF-8 and so PostgreSQL's "C" collation (the
 * store's fact_key). JS `<` compares UTF-16 units: a character past U+FFFF (a surrogate pair)
 * would sort below U+E000..U+FFFF there.
 */
function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xSurrogate = x >= 0xd800 && x <= 0xdfff;
    const ySurrogate = y >= 0xd800 && y <= 0xdfff;
    return xSurrogate === ySurrogate ? x - y : xSurrogate ? 1 : -1;
  }
  return a.length - b.length;
}
