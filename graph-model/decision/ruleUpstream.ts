import { withScratch, type Scratch } from '../analyses/scratch.js';
import { END_OF_LIST } from '../index/edgeTable.js';
import type { VersionedGraph } from '../index/versionedGraph.js';
import { unreachable } from '../model.js';
import { decisionClassAt } from './decisionClass.js';
import type { DecisionNodes } from './decisionNodes.js';
import type { FeatureReach } from './featureReach.js';
import { compareNodes, type DecisionNode, type ModelInputs } from './ruleFeatures.js';

/** A rule's answer without its version, which the index stamps when it serves it. */
export interface RuleUpstream {
  readonly direct: readonly DecisionNode[];
  readonly transitive: readonly DecisionNode[];
  readonly models: readonly ModelInputs[];
}

/**
 * Computes rules' upstream features at one version, reusing its queue from one rule to the next (a
 * full build walks thousands of rules) and taking its marks from the graph's scratch pool per rule.
 */
export class RuleUpstreamWalker {
  private readonly queue: number[] = [];

  constructor(
    private readonly graph: VersionedGraph,
    private readonly names: DecisionNodes,
    private readonly reach: FeatureReach,
  ) {}

  /** The answer for `rule` (a RULE asset at `version`). */
  compute(rule: number, version: number): RuleUpstream {
    return withScratch(this.graph, this.graph.nodes.count, (scratch) => this.computeWith(scratch, rule, version));
  }

  private computeWith(scratch: Scratch, rule: number, version: number): RuleUpstream {
    const direct: DecisionNode[] = [];
    const models: ModelInputs[] = [];
    const modelNodes: number[] = [];
    const listed = scratch.marks(1);
    this.eachInputOfWriters(rule, version, (a) => {
      if (listed.has(a)) return;
      const cls = decisionClassAt(this.graph, a, version);
      switch (cls) {
        case 'FEATURE':
          listed.set(a, 1);
          direct.push(this.names.of(a));
          return;
        case 'MODEL':
          listed.set(a, 1);
          modelNodes.push(a);
          return;
        case 'RULE':
        case 'OTHER':
          return;
        default:
          return unreachable(cls);
      }
    });
    for (const m of modelNodes) models.push(Object.freeze({ ...this.names.of(m), inputs: this.featuresReadByWriters(scratch, m, version) }));
    return Object.freeze({
      direct: sortedFrozen(direct),
      transitive: this.upstreamFeatures(scratch, rule, version),
      models: sortedFrozen(models),
    });
  }

  /** FEATURE assets read by the computations that write `asset` (a model's inputs). */
  private featuresReadByWriters(scratch: Scratch, asset: number, version: number): readonly DecisionNode[] {
    const inputs: DecisionNode[] = [];
    const seen = scratch.marks(0);
    this.eachInputOfWriters(asset, version, (a) => {
      if (seen.has(a)) return;
      seen.set(a, 1);
      if (decisionClassAt(this.graph, a, version) === 'FEATURE') inputs.push(this.names.of(a));
    });
    return sortedFrozen(inputs);
  }

  /** Calls `visit` for each input (with repeats) of each computation writing `asset`, along edges valid at `version`. */
  private eachInputOfWriters(asset: number, version: number, visit: (input: number) => void): void {
    const E = this.graph.edges;
    for (let w = E.firstIn(asset, version); w !== END_OF_LIST; w = E.nextIn(w, version)) {
      const computation = E.sourceOf(w);
      for (let r = E.firstIn(computation, version); r !== END_OF_LIST; r = E.nextIn(r, version)) visit(E.sourceOf(r));
    }
  }

  /**
   * Every FEATURE asset upstream of `rule` at `version`; each node is expanded once, so cycles end.
   * Nodes no feature reaches are not entered: nothing upstream of them is a feature.
   */
  private upstreamFeatures(scratch: Scratch, rule: number, version: number): readonly DecisionNode[] {
    const E = this.graph.edges;
    const seen = scratch.marks(0);
    const queue = this.queue;
    queue.length = 0;
    const features: DecisionNode[] = [];
    seen.set(rule, 1);
    queue.push(rule);
    for (let head = 0; head < queue.length; head++) {
      const n = queue[head]!;
      for (let e = E.firstIn(n, version); e !== END_OF_LIST; e = E.nextIn(e, version)) {
        const m = E.sourceOf(e);
        if (seen.has(m) || !this.reach.has(m)) continue;
        seen.set(m, 1);
        queue.push(m);
        if (decisionClassAt(this.graph, m, version) === 'FEATURE') features.push(this.names.of(m));
      }
    }
    queue.length = 0;
    return sortedFrozen(features);
  }
}

function sortedFrozen<T extends DecisionNode>(items: T[]): readonly T[] {
  return Object.freeze(items.sort(compareNodes));
}
