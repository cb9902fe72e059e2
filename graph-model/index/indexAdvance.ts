/**
 * What one catch-up of a live GraphIndex changed, for consumers that keep answers derived from the
 * graph (the decision-time table) and want to redo only the part a commit touched. Rows are the
 * index's own integers: `graph.edges.from[e]`/`to[e]` name an edge row's ends.
 */
export interface IndexAdvance {
  /** The index held every row of versions <= since before the catch-up... */
  since: number;
  /** ...and holds every row of versions <= upTo after it (its new `version`). */
  upTo: number;
  /** Nodes with a node version added or ended in (since, upTo], each once. */
  nodes: readonly number[];
  /** Edge rows added or ended in (since, upTo], each once. */
  edges: readonly number[];
  /** Computations, inputs and outputs of field edges added or ended in (since, upTo], each once (the alert engine's field-level causes). */
  fieldEdgeNodes?: readonly number[];
}

export type AdvanceListener = (advance: IndexAdvance) => void;

/**
 * Collects the rows a catch-up's steps change. The first load passes none: everything is new then,
 * and consumers build from the whole graph instead.
 */
export class IndexChanges {
  readonly nodes: number[] = [];
  readonly edges: number[] = [];
  private readonly seenNodes = new Set<number>();

  node(n: number): void {
    if (this.seenNodes.has(n)) return;
    this.seenNodes.add(n);
    this.nodes.push(n);
  }

  /** Each edge row is added or ended at most once per catch-up, so no dedup is needed. */
  edge(e: number): void {
    this.edges.push(e);
  }

  readonly fieldEdgeNodes: number[] = [];
  private readonly seenFieldEdgeNodes = new Set<number>();

  fieldEdge(...nodes: number[]): void {
    for (const n of nodes) {
      if (this.seenFieldEdgeNodes.has(n)) continue;
      this.seenFieldEdgeNodes.add(n);
      this.fieldEdgeNodes.push(n);
    }
  }
}
