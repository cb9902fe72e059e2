import { describe, expect, it } from 'vitest';
import { DecisionIndex } from '../../graph-model/decision/decisionIndex.js';
import { VersionedGraph } from '../../graph-model/index/versionedGraph.js';
import type { RuleFeatureSource } from '../../server/graphql/ruleFeatureSource.js';
import { FEATURES, namesOf, RiskGraph, RULES } from './riskGraph.js';

/**
 * The fraud rule of the design: R reads features f1, f2, the event stream and model M's score.
 * f1 is derived from feature f5 (and the events table); M's INFERENCE reads f3, f4 and its
 * TRAINING reads f4 and a label table. f9 exists but feeds nothing.
 */
function fraudGraph(): RiskGraph {
  const g = new RiskGraph(new VersionedGraph());
  g.asset('TABLE', 'events');
  g.asset('TABLE', 'labels');
  g.asset('STREAM', 'payment_events');
  for (const f of ['f1', 'f2', 'f3', 'f4', 'f5', 'f9']) g.asset('FEATURE', f);
  g.asset('MODEL', 'M');
  g.asset('RULE', 'R');
  g.job('FEATURE_PIPELINE', 'f5.pipeline', ['events'], ['f5']);
  g.job('FEATURE_PIPELINE', 'f1.pipeline', ['events', 'f5'], ['f1']);
  for (const f of ['f2', 'f3', 'f4', 'f9']) g.job('FEATURE_PIPELINE', `${f}.pipeline`, ['events'], [f]);
  g.job('TRAINING', 'M.training', ['labels', 'f4'], ['M']);
  g.job('INFERENCE', 'M.inference', ['f3', 'f4'], ['M']);
  g.job('RULE_EVALUATION', 'R.evaluation', ['f1', 'f2', 'payment_events', 'M'], ['R']);
  g.graph.version = 1;
  return g;
}

describe('decision index answers on hand-built graphs', () => {
  it('separates direct features from transitive ones (through models and derived features), with model inputs', () => {
    const g = fraudGraph();
    const decision = DecisionIndex.build(g.graph);
    const answer = decision.featuresForRule(g.id('R'))!;
    expect(answer.rule).toEqual({ id: g.id('R'), namespace: RULES, name: 'R' });
    expect(answer.version).toBe(1);
    expect(namesOf(answer.direct)).toEqual(['f1', 'f2']);
    expect(namesOf(answer.transitive)).toEqual(['f1', 'f2', 'f3', 'f4', 'f5']);
    expect(answer.models).toEqual([
      {
        id: g.id('M'),
        namespace: 'risk.models',
        name: 'M',
        inputs: [
          { id: g.id('f3'), namespace: FEATURES, name: 'f3' },
          { id: g.id('f4'), namespace: FEATURES, name: 'f4' },
        ],
      },
    ]);
    expect(decision.size).toBe(1);
    // GraphQL's featuresForRule reads the same answers: the decision index is its source as it is.
    const source: RuleFeatureSource = decision;
    expect(source.featuresForRule(g.id('R'))).toBe(answer);
  });

  it('answers by (namespace, name) with the same object as by id, frozen, and the same object on every call', () => {
    const g = fraudGraph();
    const decision = DecisionIndex.build(g.graph);
    const byId = decision.featuresForRule(g.id('R'));
    expect(decision.featuresForRule({ namespace: RULES, name: 'R' })).toBe(byId);
    expect(decision.featuresForRule(g.id('R'))).toBe(byId);
    expect(Object.isFrozen(byId)).toBe(true);
    expect(Object.isFrozen(byId!.direct)).toBe(true);
    expect(Object.isFrozen(byId!.direct[0])).toBe(true);
    expect(Object.isFrozen(byId!.models[0]!.inputs)).toBe(true);
    // A feature listed by two lists (and by many rules) is one shared object.
    expect(byId!.transitive.find((f) => f.name === 'f1')).toBe(byId!.direct[0]);
  });

  it('serialises the answer as JSON bytes in the contract order, the same Buffer at one version', () => {
    const g = fraudGraph();
    const decision = DecisionIndex.build(g.graph);
    const json = decision.featuresForRuleJson(g.id('R'))!;
    expect(Object.keys(JSON.parse(json.toString()))).toEqual(['rule', 'version', 'direct', 'transitive', 'models']);
    expect(JSON.parse(json.toString())).toEqual(JSON.parse(JSON.stringify(decision.featuresForRule(g.id('R')))));
    expect(decision.featuresForRuleJson({ namespace: RULES, name: 'R' })).toBe(json);
  });

  it('says null for an unknown id, an unknown name, and a node that is not a rule', () => {
    const g = fraudGraph();
    const decision = DecisionIndex.build(g.graph);
    expect(decision.featuresForRule('a-no-such-node')).toBeNull();
    expect(decision.featuresForRule({ namespace: RULES, name: 'nope' })).toBeNull();
    expect(decision.featuresForRule({ namespace: 'nope', name: 'R' })).toBeNull();
    expect(decision.featuresForRule(g.id('f1'))).toBeNull();
    expect(decision.featuresForRuleJson(g.id('M'))).toBeNull();
  });

  it('terminates on cycles: a job that reads and writes its feature, two features derived from each other, a rule feeding its own input', () => {
    const g = new RiskGraph(new VersionedGraph());
    g.asset('TABLE', 'events');
    for (const f of ['a', 'b', 'c']) g.asset('FEATURE', f);
    g.asset('RULE', 'R');
    g.job('FEATURE_PIPELINE', 'a.pipeline', ['a', 'events'], ['a']);
    g.job('FEATURE_PIPELINE', 'b.pipeline', ['c'], ['b']);
    g.job('FEATURE_PIPELINE', 'c.pipeline', ['b', 'R'], ['c']);
    g.job('RULE_EVALUATION', 'R.evaluation', ['a', 'b'], ['R']);
    g.graph.version = 1;
    const answer = DecisionIndex.build(g.graph).featuresForRule(g.id('R'))!;
    expect(namesOf(answer.direct)).toEqual(['a', 'b']);
    expect(namesOf(answer.transitive)).toEqual(['a', 'b', 'c']);
    expect(answer.models).toEqual([]);
  });

  it('counts a feature once when several evaluations of the rule read it, and lists every rule', () => {
    const g = new RiskGraph(new VersionedGraph());
    g.asset('FEATURE', 'f');
    g.asset('FEATURE', 'g');
    g.asset('RULE', 'R1');
    g.asset('RULE', 'R2');
    g.job('RULE_EVALUATION', 'R1.evaluation', ['f', 'g'], ['R1']);
    g.job('RULE_EVALUATION', 'R1.backfill', ['f'], ['R1']);
    g.job('RULE_EVALUATION', 'R2.evaluation', ['R1'], ['R2']);
    g.graph.version = 1;
    const decision = DecisionIndex.build(g.graph);
    expect(namesOf(decision.featuresForRule(g.id('R1'))!.direct)).toEqual(['f', 'g']);
    // R2 reads R1's decisions: no direct feature, R1's as transitive ones.
    expect(decision.featuresForRule(g.id('R2'))).toMatchObject({ direct: [], transitive: [{ name: 'f' }, { name: 'g' }] });
    expect([...decision.ruleIds()].sort()).toEqual([g.id('R1'), g.id('R2')].sort());
  });

  it('answers at the latest version only: a rule retired at a later version is gone, its history is not', () => {
    const g = new RiskGraph(new VersionedGraph());
    g.asset('FEATURE', 'f');
    g.asset('FEATURE', 'g', 2);
    g.asset('RULE', 'old', 1, 3);
    g.asset('RULE', 'R');
    g.job('RULE_EVALUATION', 'old.evaluation', ['f'], ['old'], 1, 3);
    g.job('RULE_EVALUATION', 'R.evaluation', ['f'], ['R']);
    // At version 2 R starts reading g as well.
    g.edge('g', 'R.evaluation', 2);

    g.graph.version = 2;
    const atTwo = DecisionIndex.build(g.graph);
    expect(namesOf(atTwo.featuresForRule(g.id('old'))!.direct)).toEqual(['f']);
    expect(namesOf(atTwo.featuresForRule(g.id('R'))!.direct)).toEqual(['f', 'g']);

    g.graph.version = 3;
    const atThree = DecisionIndex.build(g.graph);
    expect(atThree.featuresForRule(g.id('old'))).toBeNull();
    expect(atThree.featuresForRule({ namespace: RULES, name: 'old' })).toBeNull();
    expect(atThree.featuresForRule(g.id('R'))).toMatchObject({ version: 3, direct: [{ name: 'f' }, { name: 'g' }] });

    // The same step as an update: the index at 2 advanced to 3 drops the retired rule, keeps R.
    const update = atTwo.advance({ since: 2, upTo: 3, nodes: [g.node('old')], edges: [] });
    expect(update).toMatchObject({ since: 2, upTo: 3, removed: 1 });
    expect(atTwo.featuresForRule(g.id('old'))).toBeNull();
    expect(atTwo.featuresForRule(g.id('R'))).toEqual(atThree.featuresForRule(g.id('R')));
  });
});
