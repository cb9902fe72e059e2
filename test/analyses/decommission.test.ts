import { describe, expect, it } from 'vitest';
import { decommissionCandidates, type DecommissionReport } from '../../graph-model/analyses/decommissionCandidates.js';
import { HandGraph } from './handGraph.js';

const costs = (h: HandGraph, entries: Record<string, number>) => new Map(Object.entries(entries).map(([name, cost]) => [h.id(name), cost]));

const summary = (h: HandGraph, report: DecommissionReport) =>
  report.candidates.map((c) => ({ name: h.name(c.id), reason: c.reason, savings: c.savings, upstream: h.names(c.upstream).sort(), ...(c.cycle ? { cycle: h.names(c.cycle) } : {}) }));

/** S feeds two rules through features; it also feeds a copy nobody reads and a job writing two dead tables. */
function platform(): HandGraph {
  const h = new HandGraph().asset('S');
  for (const i of [1, 2]) {
    h.job(`j${i}`).asset(`F${i}`, { kind: 'FEATURE' }).job(`e${i}`, { kind: 'RULE_EVALUATION' }).asset(`R${i}`, { kind: 'RULE' });
    h.computes(`j${i}`, ['S'], [`F${i}`]).computes(`e${i}`, [`F${i}`], [`R${i}`]);
  }
  return h
    .job('copy').asset('archive').computes('copy', ['S'], ['archive'])
    .asset('lookup').job('dup').asset('D1').asset('D2').computes('dup', ['S', 'lookup'], ['D1', 'D2']);
}

const COST = { S: 100, j1: 1, F1: 1, e1: 1, R1: 1, j2: 2, F2: 3, e2: 4, R2: 5, copy: 5, archive: 1, lookup: 7, dup: 10, D1: 2, D2: 3 };

describe('decommission candidates on a hand-built index', () => {
  it('lists sinks with what serves only them, and a job feeding several dead tables on its own', () => {
    const h = platform();
    const report = decommissionCandidates(h.graph, { cost: costs(h, COST) });
    expect(summary(h, report)).toEqual([
      { name: 'dup', reason: 'FEEDS_ONLY_CANDIDATES', savings: 17, upstream: ['lookup'] },
      { name: 'archive', reason: 'NO_CONSUMER', savings: 6, upstream: ['copy'] },
      { name: 'D2', reason: 'NO_CONSUMER', savings: 3, upstream: [] },
      { name: 'D1', reason: 'NO_CONSUMER', savings: 2, upstream: [] },
    ]);
    // S still feeds the rules; rules are never unused for lack of consumers.
    expect(report.totalSavings).toBe(28);
    expect(report.ignored).toEqual([]);
  });

  it('makes rules with zero evaluations candidates, taking their exclusive pipeline with them', () => {
    const h = platform();
    const report = decommissionCandidates(h.graph, { cost: costs(h, COST), traffic: costs(h, { R1: 500, R2: 0 }) });
    const r2 = report.candidates.find((c) => h.name(c.id) === 'R2')!;
    expect(r2).toMatchObject({ reason: 'ZERO_TRAFFIC', kind: 'RULE', ownCost: 5, savings: 14 });
    expect(h.names(r2.upstream).sort()).toEqual(['F2', 'e2', 'j2']);
    expect(report.candidates.some((c) => h.name(c.id) === 'R1')).toBe(false);
    expect(report.totalSavings).toBe(28 + 14);
    // A node of another kind with zero traffic is a candidate; absent traffic is unknown for it.
    const zeroFeature = decommissionCandidates(h.graph, { cost: costs(h, COST), traffic: costs(h, { R1: 1, R2: 1, F1: 0 }) });
    expect(zeroFeature.candidates.find((c) => h.name(c.id) === 'F1')).toMatchObject({ reason: 'ZERO_TRAFFIC', traffic: 0, savings: 2, upstream: [h.id('j1')] });
    expect(zeroFeature.candidates.some((c) => h.name(c.id) === 'F2')).toBe(false);
  });

  it('never reads unknown traffic as zero: a rule, model or service absent from the traffic map is no candidate', () => {
    // Issue 19: R2 absent used to be ZERO_TRAFFIC ("none recorded means none happened"); it is unknown.
    const h = platform().job('infer', { kind: 'INFERENCE' }).asset('M', { kind: 'MODEL' }).computes('infer', ['F1'], ['M']);
    const report = decommissionCandidates(h.graph, { cost: costs(h, COST), traffic: costs(h, { R1: 500 }) });
    expect(report.candidates.filter((c) => c.reason === 'ZERO_TRAFFIC')).toEqual([]);
    expect(report.candidates.some((c) => ['R2', 'M', 'F2', 'j2'].includes(h.name(c.id)))).toBe(false);
  });

  it('keeps a node with traffic above zero, though nothing in the graph reads it, and what feeds only it', () => {
    // F3 is looked up (by something the graph does not know) but read by no rule.
    const h = platform().job('j3').asset('F3', { kind: 'FEATURE' }).computes('j3', ['S'], ['F3']);
    const looked = decommissionCandidates(h.graph, { cost: costs(h, { ...COST, j3: 9 }), traffic: costs(h, { F3: 17_000_000 }) });
    expect(looked.candidates.some((c) => ['F3', 'j3'].includes(h.name(c.id)))).toBe(false);
    expect(looked.totalSavings).toBe(28);
    // Without traffic it is a sink nothing reads, taking its pipeline with it.
    const unknown = decommissionCandidates(h.graph, { cost: costs(h, { ...COST, j3: 9 }) });
    expect(unknown.candidates.find((c) => h.name(c.id) === 'F3')).toMatchObject({ reason: 'NO_CONSUMER', savings: 9, upstream: [h.id('j3')] });
  });

  it('decides a cycle as one unit, named by its asset', () => {
    const h = new HandGraph()
      .asset('in').asset('U').asset('T').asset('R', { kind: 'RULE' })
      .job('loop').job('upsert').job('eval', { kind: 'RULE_EVALUATION' })
      .computes('loop', ['in', 'U'], ['U'])
      .computes('upsert', ['T'], ['T'])
      .computes('eval', ['T'], ['R']);
    const report = decommissionCandidates(h.graph, { cost: costs(h, { in: 1, U: 2, loop: 3, T: 50, upsert: 50 }) });
    expect(summary(h, report)).toEqual([{ name: 'U', reason: 'NO_CONSUMER', savings: 6, upstream: ['in'], cycle: ['loop'] }]);
    expect(report.candidates[0]!.ownCost).toBe(5);
  });

  it('reads the graph at asOf: a table whose last reader ended is a candidate from then on', () => {
    const h = new HandGraph(3)
      .asset('S').asset('R', { kind: 'RULE' }).job('eval', { kind: 'RULE_EVALUATION', to: 2 })
      .asset('gone', { to: 2 });
    h.edge('S', 'eval', 1, 2).edge('eval', 'R', 1, 2).edge('gone', 'eval', 1, 2);
    const cost = costs(h, { S: 10, eval: 4, gone: 9 });
    expect(summary(h, decommissionCandidates(h.graph, { cost, asOf: 1 }))).toEqual([]);
    const now = decommissionCandidates(h.graph, { cost, asOf: 3 });
    expect(summary(h, now)).toEqual([{ name: 'S', reason: 'NO_CONSUMER', savings: 10, upstream: [] }]);
    expect(h.names(now.ignored).sort()).toEqual(['eval', 'gone']);
  });
});
