import { END_OF_LIST } from '../index/edgeTable.js';
import { grownUint8 } from '../index/growable.js';
import type { IndexAdvance } from '../index/indexAdvance.js';
import type { VersionedGraph } from '../index/versionedGraph.js';
import { validAt } from '../index/versions.js';
import { decisionClassAt } from './decisionClass.js';

/**
 * The nodes a FEATURE or MODEL can reach: the features and models themselves and everything
 * downstream of them. Nothing upstream of any other node is a feature or a model, so rule walks
 * do not enter the warehouse layers (streams, ODS, DWD, wide tables: most of a large graph), and
 * an edge whose source is outside changes no answer.
 *
 * Kept as a superset that only grows between rebuilds: a node once marked stays marked when the
 * feature above it goes away. That only makes walks a little longer, never wrong. Invariant after
 * each advance: the marked set is closed downstream along the edges valid at the latest version,
 * and holds every node the features and models of that version and of the previous one reach.
 */
export class FeatureReach {
  private marked = new Uint8Array(0);
  /** The graph's layoutEpoch the marks were made at: node integers of another epoch name other nodes. */
  private epoch = -1;
  private readonly queue: number[] = [];

  constructor(private readonly graph: VersionedGraph) {}

  /** Whether a relayout renumbered the nodes since the last rebuild: has() answers nothing useful then. */
  get stale(): boolean {
    return this.epoch !== this.graph.layoutEpoch;
  }

  has(n: number): boolean {
    return this.marked[n] === 1;
  }

  rebuild(version: number): void {
    this.epoch = this.graph.layoutEpoch;
    this.marked = new Uint8Array(Math.max(16, this.graph.nodes.count));
    for (let n = 0; n < this.graph.nodes.count; n++) if (isSource(this.graph, n, version)) this.spread(n, version);
  }

  /** Marks what the advance's new features, models and edges reach at `advance.upTo`. */
  advance(advance: IndexAdvance): void {
    const { upTo } = advance;
    if (this.stale) return this.rebuild(upTo);
    this.marked = grownUint8(this.marked, this.graph.nodes.count);
    const E = this.graph.edges;
    for (const n of advance.nodes) if (isSource(this.graph, n, upTo)) this.spread(n, upTo);
    for (const e of advance.edges) {
      if (validAt(E.fromVersionOf(e), E.toVersionOf(e), upTo) && this.has(E.sourceOf(e))) this.spread(E.targetOf(e), upTo);
    }
  }

  /** Marks `start` and everything downstream of it that is not marked yet (marked nodes are closed already). */
  private spread(start: number, version: number): void {
    if (this.has(start)) return;
    const E = this.graph.edges;
    const queue = this.queue;
    this.marked[start] = 1;
    queue.push(start);
    for (let head = 0; head < queue.length; head++) {
      const n = queue[head]!;
      for (let e = E.firstOut(n, version); e !== END_OF_LIST; e = E.nextOut(e, version)) {
        const m = E.targetOf(e);
        if (this.marked[m] === 1) continue;
        this.marked[m] = 1;
        queue.push(m);
      }
    }
    queue.length = 0;
  }
}

function isSource(graph: VersionedGraph, n: number, version: number): boolean {
  const cls = decisionClassAt(graph, n, version);
  return cls === 'FEATURE' || cls === 'MODEL';
}
