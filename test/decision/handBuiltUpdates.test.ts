import { describe, expect, it } from 'vitest';
import { DecisionIndex } from '../../graph-model/decision/decisionIndex.js';
import { VersionedGraph } from '../../graph-model/index/versionedGraph.js';
import { advanceOf, namesOf, RiskGraph } from './riskGraph.js';

/** Two rules on separate features over one hub table that every pipeline reads. */
function twoRules(): RiskGraph {
  const g = new RiskGraph(new VersionedGraph());
  g.asset('TABLE', 'hub');
  for (const f of ['f1', 'f2', 'f3']) g.asset('FEATURE', f);
  g.asset('RULE', 'R1');
  g.asset('RULE', 'R2');
  for (const f of ['f1', 'f2', 'f3']) g.job('FEATURE_PIPELINE', `${f}.pipeline`, ['hub'], [f]);
  g.job('RULE_EVALUATION', 'R1.evaluation', ['f1'], ['R1']);
  g.job('RULE_EVALUATION', 'R2.evaluation', ['f2'], ['R2']);
  g.graph.version = 1;
  return g;
}

describe('decision index updates on hand-built graphs', () => {
  it('recomputes only the rules downstream of a change, and none for a change above every feature', () => {
    const g = twoRules();
    const decision = DecisionIndex.build(g.graph);
    const r2 = decision.featuresForRule(g.id('R2'))!;

    // f1 starts deriving from f3: R1 only.
    g.edge('f3', 'f1.pipeline', 2);
    expect(decision.advance(advanceOf(g.graph, 1, 2))).toMatchObject({ recomputed: 1, removed: 0 });
    expect(namesOf(decision.featuresForRule(g.id('R1'))!.transitive)).toEqual(['f1', 'f3']);
    // R2's lists are the same objects; only the version stamp moved.
    expect(decision.featuresForRule(g.id('R2'))).toMatchObject({ version: 2 });
    expect(decision.featuresForRule(g.id('R2'))!.transitive).toBe(r2.transitive);

    // A new source of the hub table and a new column of it: no feature is upstream of the hub, no rule changes.
    g.asset('STREAM', 'clicks', 3);
    g.job('BATCH_JOB', 'hub.load', ['clicks'], ['hub'], 3);
    g.graph.addNodeVersion(g.node('hub'), { fromVersion: 3, kind: 'TABLE', fields: ['id'] });
    expect(decision.advance(advanceOf(g.graph, 2, 3))).toMatchObject({ recomputed: 0 });
  });

  it('finds a feature that existed before and gains a path to a rule only later', () => {
    const g = twoRules();
    g.asset('FEATURE', 'old');
    const decision = DecisionIndex.build(g.graph);
    g.job('FEATURE_PIPELINE', 'f2.enrich', ['old'], ['f2'], 2);
    decision.advance(advanceOf(g.graph, 1, 2));
    expect(namesOf(decision.featuresForRule(g.id('R2'))!.transitive)).toEqual(['f2', 'old']);
    expect(decision.featuresForRule(g.id('R2'))).toEqual(DecisionIndex.build(g.graph).featuresForRule(g.id('R2')));
  });

  it('follows a node that changes kind: a table becoming a feature, a rule becoming a table', () => {
    const g = twoRules();
    const decision = DecisionIndex.build(g.graph);
    const hub = g.node('hub');
    g.graph.nodes.closeVersion(hub, g.graph.nodes.versionsOf(hub)[0]!.fromVersion, 2);
    g.graph.addNodeVersion(hub, { fromVersion: 2, kind: 'FEATURE' });
    const r1 = g.node('R1');
    g.graph.nodes.closeVersion(r1, g.graph.nodes.versionsOf(r1)[0]!.fromVersion, 2);
    g.graph.addNodeVersion(r1, { fromVersion: 2, kind: 'TABLE' });
    expect(decision.advance(advanceOf(g.graph, 1, 2))).toMatchObject({ removed: 1 });
    expect(decision.featuresForRule(g.id('R1'))).toBeNull();
    // Sorted by namespace first: the hub keeps its warehouse namespace.
    expect(namesOf(decision.featuresForRule(g.id('R2'))!.transitive)).toEqual(['hub', 'f2']);
  });

  it('rebuilds when handed an advance from another version than it holds', () => {
    const g = twoRules();
    const decision = DecisionIndex.build(g.graph);
    g.edge('f3', 'R2.evaluation', 3);
    expect(decision.advance(advanceOf(g.graph, 2, 3))).toMatchObject({ since: 2, upTo: 3, recomputed: 2 });
    expect(namesOf(decision.featuresForRule(g.id('R2'))!.direct)).toEqual(['f2', 'f3']);
  });
});
