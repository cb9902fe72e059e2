import type { VisitMarks } from './visitMarks.js';

/**
 * What a lineage walk has reached so far, shared by the upstream and downstream halves of a BOTH
 * walk: node distances (in marks, with the reach order in `reached`), edges followed, and whether
 * a limit cut the walk. The node budget is spent on distinct nodes, whichever direction reached them.
 */
export class LineageWalk {
  /** Nodes in the order they were reached: breadth-first, so by distance within one direction. */
  readonly reached: number[] = [];
  /** Edge rows followed; an edge may appear twice when both halves of a BOTH walk follow it. */
  readonly edges: number[] = [];
  readonly fieldEdges = new Set<number>();
  readonly fields = new Map<string, { node: number; field: string; distance: number }>();
  hitMaxNodes = false;
  /** Some node at the depth limit has edges the walk did not follow. */
  beyondDepth = false;

  constructor(
    readonly maxNodes: number,
    private readonly distances: VisitMarks,
  ) {}

  distanceOf(node: number): number {
    return this.distances.get(node);
  }

  /** Counts `node` in at `distance`; false (and marks the cut) when the budget is spent. */
  reach(node: number, distance: number): boolean {
    const known = this.distances.get(node);
    if (known !== -1) {
      if (distance < known) this.distances.set(node, distance);
      return true;
    }
    if (this.reached.length >= this.maxNodes) {
      this.hitMaxNodes = true;
      return false;
    }
    this.distances.set(node, distance);
    this.reached.push(node);
    return true;
  }

  /** Start nodes are always in the result, whatever the budget. */
  start(node: number): void {
    if (this.distances.get(node) === -1) this.reached.push(node);
    this.distances.set(node, 0);
  }
}
