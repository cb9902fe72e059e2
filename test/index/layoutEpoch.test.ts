import { describe, expect, it } from 'vitest';
import { searchNodes } from '../../graph-model/analyses/searchNodes.js';
import { DecisionIndex } from '../../graph-model/decision/decisionIndex.js';
import { FeatureReach } from '../../graph-model/decision/featureReach.js';
import { VersionedGraph } from '../../graph-model/index/versionedGraph.js';
import { advanceOf, namesOf, RiskGraph } from '../decision/riskGraph.js';

/**
 * Caches that keep node integers between calls (search's lower-cased names, the decision index and
 * its feature reach) are built, then the graph is relaid out, which renumbers every node: each must
 * answer after it as a cache built afresh would. The graph is interned so that the layout moves
 * nodes (a lonely table first, the widest fan-out last), which each test checks before relying on it.
 */
function riskGraph(): RiskGraph {
  const g = new RiskGraph(new VersionedGraph());
  g.asset('TABLE', 'lonely_archive');
  g.asset('TABLE', 'labels');
  for (const f of ['f1', 'f2', 'f9']) g.asset('FEATURE', f);
  g.asset('RULE', 'R');
  g.asset('TABLE', 'events');
  for (const f of ['f1', 'f2', 'f9']) g.job('FEATURE_PIPELINE', `${f}.pipeline`, ['events', 'labels'], [f]);
  g.job('RULE_EVALUATION', 'R.evaluation', ['f1', 'f2'], ['R']);
  g.graph.version = 1;
  return g;
}

/** Node ids by integer, to see that a relayout moved them. */
const numbering = (graph: VersionedGraph) => Array.from({ length: graph.nodes.count }, (_, n) => graph.nodes.id(n));

describe('a relayout does not leave caches holding node integers stale', () => {
  it('moves layoutEpoch on and renumbers the nodes of these graphs', () => {
    const g = riskGraph();
    const before = numbering(g.graph);
    expect(g.graph.layoutEpoch).toBe(0);
    g.graph.relayout();
    expect(g.graph.layoutEpoch).toBe(1);
    expect(numbering(g.graph)).not.toEqual(before);
  });

  it('search: names cached before the relayout find the same nodes after it', () => {
    const g = riskGraph();
    const search = (text: string) => searchNodes(g.graph, { text, asOf: 1, limit: 10 }).hits.map((h) => h.id);
    expect(search('lonely')).toEqual([g.id('lonely_archive')]);
    expect(search('events')).toEqual([g.id('events')]);
    g.graph.relayout();
    expect(g.graph.nodes.indexOf(g.id('lonely_archive'))).not.toBe(0);
    expect(search('lonely')).toEqual([g.id('lonely_archive')]);
    expect(search('events')).toEqual([g.id('events')]);
  });

  it('feature reach: marks made before the relayout follow their nodes, and an advance after it spreads from the right ones', () => {
    const g = riskGraph();
    const reach = new FeatureReach(g.graph);
    reach.rebuild(1);
    const marked = () => numbering(g.graph).filter((_, n) => reach.has(n)).sort();
    const before = marked();
    expect(before).not.toContain(g.id('events'));
    g.graph.relayout();
    expect(reach.stale).toBe(true);
    // A new reader of f9 at version 2: the advance must spread from f9 under its new integer.
    g.job('BATCH_JOB', 'f9.export', ['f9'], ['labels'], 2);
    reach.advance(advanceOf(g.graph, 1, 2));
    expect(reach.stale).toBe(false);
    const after = marked();
    expect(after).toContain(g.id('labels'));
    expect(after).not.toContain(g.id('events'));
    expect(after).toEqual(expect.arrayContaining(before));
  });

  it('decision index: answers built before the relayout stay right, and the first advance after it is applied to the right rules', () => {
    const g = riskGraph();
    const decision = DecisionIndex.build(g.graph);
    expect(namesOf(decision.featuresForRule(g.id('R'))!.direct)).toEqual(['f1', 'f2']);
    const rBefore = g.graph.nodes.indexOf(g.id('R'));
    g.graph.relayout();
    expect(g.graph.nodes.indexOf(g.id('R'))).not.toBe(rBefore);
    expect(namesOf(decision.featuresForRule(g.id('R'))!.direct)).toEqual(['f1', 'f2']);
    // f9 (which fed nothing) becomes an input of R at version 2.
    g.edge('f9', 'R.evaluation', 2);
    decision.advance(advanceOf(g.graph, 1, 2));
    expect(decision.version).toBe(2);
    const answer = decision.featuresForRule(g.id('R'))!;
    expect(answer.version).toBe(2);
    expect(namesOf(answer.direct)).toEqual(['f1', 'f2', 'f9']);
    expect(decision.size).toBe(1);
  });
});
