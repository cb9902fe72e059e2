import { END_OF_LIST } from '../index/edgeTable.js';
import type { VersionedGraph } from '../index/versionedGraph.js';
import { WHOLE_ASSET } from '../model.js';
import { blocks, type BlockedKeys } from './blockingDeclaration.js';
import { fieldsOverlap } from './nodeSummary.js';

/** One step of an evidence path: a node, and for an asset the field the tag is on ('' = whole). */
export interface PathStep {
  id: string;
  field: string;
}

const NO_POSITION = -1;

/**
 * Where one declared tag key flows from its origin at one graph version (docs/design.md, "Tag
 * propagation"), breadth-first, so each position gets a shortest evidence path. Positions are an
 * asset at a field ('' = the asset as a whole) or a computation. From an asset position:
 * - a field tag follows the field edges from that field (or from the whole input, '') through each
 *   computation that has field edges from the asset, to the edge's output field; a field edge with
 *   masking carries nothing on. A computation reading the asset without field edges, or a tag on
 *   the whole asset, goes node level: the computation and everything it writes, as a whole;
 * - the computation is reached either way (it reads the tagged data), but one declared blocking for
 *   the key (see blockingDeclaration.ts) passes nothing on.
 * Each position is entered once, so cycles terminate. Neighbours are taken in id order, so the
 * paths depend only on the graph at the version, not on the order the index loaded it.
 */
export class TagWalk {
  /** Node integer of each position, in the order reached (the origin first). */
  readonly node: number[] = [];
  /** Field of each position ('' for computations and whole assets). */
  readonly field: string[] = [];
  /** Previous position on the evidence path, NO_POSITION at the origin. */
  private readonly parent: number[] = [];
  /** The computation a field edge crossed between the parent and this position, else NO_POSITION. */
  private readonly via: number[] = [];
  /** Computations passing the tag to everything they write (node level), as opposed to only reading it. */
  private readonly flowing: boolean[] = [];
  private readonly positions = new Map<string, number>();
  private readonly queue: number[] = [];

  constructor(
    private readonly graph: VersionedGraph,
    private readonly version: number,
    private readonly key: string,
    private readonly blocked: BlockedKeys,
  ) {}

  run(origin: number, originField: string): this {
    const isAsset = this.graph.nodes.isAsset(origin);
    const start = this.add(origin, isAsset ? originField : WHOLE_ASSET, NO_POSITION, NO_POSITION)!;
    if (isAsset) this.queue.push(start);
    else this.flowFrom(start, NO_POSITION);
    for (let head = 0; head < this.queue.length; head++) {
      const p = this.queue[head]!;
      const n = this.node[p]!;
      for (const next of this.successors(n)) {
        if (this.graph.nodes.isAsset(n)) this.reachComputation(p, next);
        else this.enqueue(this.add(next, WHOLE_ASSET, p, NO_POSITION));
      }
    }
    return this;
  }

  get size(): number {
    return this.node.length;
  }

  /** The evidence path from the origin to position `p`, both included. */
  pathTo(p: number): PathStep[] {
    const steps: PathStep[] = [];
    const ids = this.graph.nodes;
    for (let at = p; at !== NO_POSITION; at = this.parent[at]!) {
      steps.push({ id: ids.id(this.node[at]!), field: this.field[at]! });
      const via = this.via[at]!;
      if (via !== NO_POSITION) steps.push({ id: ids.id(via), field: WHOLE_ASSET });
    }
    return steps.reverse();
  }

  private reachComputation(p: number, c: number): void {
    const input = this.node[p]!;
    const field = this.field[p]!;
    if (field !== WHOLE_ASSET) {
      const edges = this.fieldEdgesFrom(c, input);
      if (edges.length > 0) {
        this.followFieldEdges(p, c, field, edges);
        return;
      }
    }
    this.flowFrom(this.touch(c, p), p);
  }

  private followFieldEdges(p: number, c: number, field: string, edges: number[]): void {
    const F = this.graph.fieldEdges;
    const strings = this.graph.strings;
    for (const f of edges) {
      const edgeField = strings.get(F.inputFieldOf(f));
      if (!(edgeField === WHOLE_ASSET || fieldsOverlap(edgeField, field))) continue;
      this.touch(c, p);
      if (F.masking(f) || blocks(this.blocked, c, this.key)) continue;
      const output = F.outputOf(f);
      // Like node edges, a field edge carries nothing into a node that does not exist at the version.
      if (!this.graph.nodes.versionAt(output, this.version)) continue;
      this.enqueue(this.add(output, strings.get(F.outputFieldOf(f)), p, c));
    }
  }

  /** Computation position `q` passes the tag to everything it writes, unless it blocks the key. */
  private flowFrom(q: number, parent: number): void {
    if (this.flowing[q] || blocks(this.blocked, this.node[q]!, this.key)) return;
    this.flowing[q] = true;
    // Reached before through a field edge only: the node-level reach is the evidence for its outputs.
    if (parent !== NO_POSITION) this.parent[q] = parent;
    this.queue.push(q);
  }

  /** The computation's position, reached from `p` if this is the first time. */
  private touch(c: number, p: number): number {
    return this.positions.get(positionKey(c, WHOLE_ASSET)) ?? this.add(c, WHOLE_ASSET, p, NO_POSITION)!;
  }

  /** A new position's index, or undefined when it was reached before. */
  private add(n: number, field: string, parent: number, via: number): number | undefined {
    const key = positionKey(n, field);
    if (this.positions.has(key)) return undefined;
    const p = this.node.length;
    this.positions.set(key, p);
    this.node.push(n);
    this.field.push(field);
    this.parent.push(parent);
    this.via.push(via);
    this.flowing.push(false);
    return p;
  }

  private enqueue(p: number | undefined): void {
    if (p !== undefined) this.queue.push(p);
  }

  /** Nodes `n` has an edge to at the version, valid there themselves, in id order. */
  private successors(n: number): number[] {
    const E = this.graph.edges;
    const found: number[] = [];
    for (let e = E.firstOut(n, this.version); e !== END_OF_LIST; e = E.nextOut(e, this.version)) {
      const to = E.targetOf(e);
      if (this.graph.nodes.versionAt(to, this.version)) found.push(to);
    }
    return this.byId(found, (m) => m);
  }

  /** Field edges of computation `c` reading `input`, valid at the version, in (output id, output field) order. */
  private fieldEdgesFrom(c: number, input: number): number[] {
    const F = this.graph.fieldEdges;
    const found: number[] = [];
    for (let f = F.firstByComputation(c, this.version); f !== END_OF_LIST; f = F.nextByComputation(f, this.version)) {
      if (F.inputOf(f) === input) found.push(f);
    }
    const strings = this.graph.strings;
    return this.byId(found, (f) => F.outputOf(f), (a, b) => compare(strings.get(F.outputFieldOf(a)), strings.get(F.outputFieldOf(b))) || a - b);
  }

  private byId(items: number[], nodeOf: (item: number) => number, tie: (a: number, b: number) => number = (a, b) => a - b): number[] {
    if (items.length < 2) return items;
    const ids = this.graph.nodes;
    return items.sort((a, b) => compare(ids.id(nodeOf(a)), ids.id(nodeOf(b))) || tie(a, b));
  }
}

const positionKey = (n: number, field: string) => `${n}\u001f${field}`;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
