import { describe, expect, it } from 'vitest';
import { impactColumns, impactOf, type ImpactReport } from '../../graph-model/analyses/impact.js';
import { nodeId } from '../../graph-model/ids.js';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import type { Changeset } from '../../graph-model/model.js';
import { NS, job, reads, table, writes } from '../support/builders.js';
import { describeEachEngine, useStore } from '../support/engines.js';
import { HandGraph, issueGraph } from './handGraph.js';

const statuses = (h: HandGraph, report: ImpactReport) =>
  Object.fromEntries([...report.broken, ...report.degraded].map((n) => [h.name(n.id), n.status]));

describe('impact on a hand-built index', () => {
  it('removing B breaks c1 and only degrades X (c2 still writes it)', () => {
    const h = issueGraph();
    const report = impactOf(h.graph, { ids: [h.id('B')], mode: 'DELETE' });
    expect(statuses(h, report)).toEqual({ c1: 'BROKEN', X: 'DEGRADED', r1: 'DEGRADED', R: 'DEGRADED' });
    const x = report.degraded.find((n) => h.name(n.id) === 'X')!;
    expect(x).toMatchObject({ distance: 2, reason: 'SOME_PRODUCERS_BROKEN', owners: ['team-x'], traffic: null });
    expect(h.names(x.path)).toEqual(['B', 'c1', 'X']);
    expect(report.roots.map((r) => [h.name(r.id), r.status])).toEqual([['B', 'REMOVED']]);
    expect(report.summary.text).toBe('1 batch job broken, 1 rule degraded, 1 rule evaluation degraded, 1 table degraded');
  });

  it('removing A breaks c1, c2, X and everything reading X', () => {
    const h = issueGraph();
    const report = impactOf(h.graph, { ids: [h.id('A')], mode: 'DELETE' });
    expect(statuses(h, report)).toEqual({ c1: 'BROKEN', c2: 'BROKEN', X: 'BROKEN', r1: 'BROKEN', R: 'BROKEN' });
    const rule = report.broken.find((n) => h.name(n.id) === 'R')!;
    expect(rule).toMatchObject({ distance: 4, reason: 'ALL_PRODUCERS_BROKEN', owners: ['fraud-team'] });
    expect(h.names(rule.path)).toEqual(['A', expect.stringMatching(/^c[12]$/), 'X', 'r1', 'R']);
    expect(report.summary).toMatchObject({ broken: 5, degraded: 0 });
    expect(report.summary.byKind).toContainEqual({ status: 'BROKEN', kind: 'RULE', count: 1, traffic: null });
  });

  it('of equally near causes, the evidence goes through the smallest id, whatever order the graph holds nodes and edges in', () => {
    // A feeds X through two jobs and two tables; built in two orders, so node integers and edge lists differ.
    const build = (reversed: boolean) => {
      const h = new HandGraph();
      const assets = ['A', 'm1', 'm2', 'X'];
      const jobs = ['j1', 'j2', 'k1', 'k2'];
      for (const name of reversed ? [...assets].reverse() : assets) h.asset(name);
      for (const name of reversed ? [...jobs].reverse() : jobs) h.job(name);
      const flows: [string, string[], string[]][] = [
        ['j1', ['A'], ['m1']],
        ['j2', ['A'], ['m2']],
        ['k1', ['m1'], ['X']],
        ['k2', ['m2'], ['X']],
      ];
      for (const [job, inputs, outputs] of reversed ? [...flows].reverse() : flows) h.computes(job, inputs, outputs);
      return h;
    };
    for (const h of [build(false), build(true)]) {
      // Ids are opaque (hashes): the branch taken is the one whose job writing X has the smaller id.
      const branch = h.id('k1') < h.id('k2') ? ['j1', 'm1', 'k1'] : ['j2', 'm2', 'k2'];
      const x = impactOf(h.graph, { ids: [h.id('A')], mode: 'DELETE' }).broken.find((n) => h.name(n.id) === 'X')!;
      expect(x).toMatchObject({ distance: 4, reason: 'ALL_PRODUCERS_BROKEN', decidedBy: h.id(branch[2]!) });
      expect(h.names(x.path)).toEqual(['A', ...branch, 'X']);
    }
  });

  it('gives the same answer again after other impacts on the same index (pooled state is cleared)', () => {
    const h = issueGraph();
    const b = impactOf(h.graph, { ids: [h.id('B')], mode: 'DELETE' });
    impactOf(h.graph, { ids: [h.id('A')], mode: 'DELETE' });
    impactOf(h.graph, { ids: [h.id('c2')], mode: 'CUTOFF' });
    expect(impactOf(h.graph, { ids: [h.id('B')], mode: 'DELETE' })).toEqual(b);
    expect(statuses(h, impactOf(h.graph, { ids: [h.id('C')], mode: 'DELETE' }))).toEqual({ c2: 'BROKEN', X: 'DEGRADED', r1: 'DEGRADED', R: 'DEGRADED' });
  });

  it('deleting a computation takes its share of the output away', () => {
    const h = issueGraph();
    expect(statuses(h, impactOf(h.graph, { ids: [h.id('c2')], mode: 'DELETE' }))).toEqual({ X: 'DEGRADED', r1: 'DEGRADED', R: 'DEGRADED' });
    expect(statuses(h, impactOf(h.graph, { ids: [h.id('c1'), h.id('c2')], mode: 'DELETE' }))).toEqual({ X: 'BROKEN', r1: 'BROKEN', R: 'BROKEN' });
  });

  it('CUTOFF propagates like DELETE and lists the cut-off sources as roots', () => {
    const h = issueGraph();
    const report = impactOf(h.graph, { ids: [h.id('B'), h.id('C')], mode: 'CUTOFF' });
    expect(statuses(h, report)).toEqual({ c1: 'BROKEN', c2: 'BROKEN', X: 'BROKEN', r1: 'BROKEN', R: 'BROKEN' });
    expect(report.roots.map((r) => [h.name(r.id), r.status]).sort()).toEqual([['B', 'CUT_OFF'], ['C', 'CUT_OFF']]);
  });

  it('dropping one column breaks only the computations that read it', () => {
    const h = new HandGraph()
      .asset('orders', { fields: ['id', 'amount', 'phone', 'address', 'address.city'] })
      .asset('by_amount')
      .asset('by_phone')
      .asset('counts')
      .asset('cities')
      .asset('unknown_out')
      .job('amounts')
      .job('phones')
      .job('count')
      .job('geo')
      .job('opaque')
      .computes('amounts', ['orders'], ['by_amount'])
      .computes('phones', ['orders'], ['by_phone'])
      .computes('count', ['orders'], ['counts'])
      .computes('geo', ['orders'], ['cities'])
      .computes('opaque', ['orders'], ['unknown_out'])
      .field('amounts', ['orders', 'amount'], ['by_amount', 'total'])
      .field('amounts', ['orders', 'id'], ['by_amount', 'id'])
      .field('phones', ['orders', 'phone'], ['by_phone', 'phone'])
      .field('count', ['orders', ''], ['counts', 'n'])
      .field('geo', ['orders', 'address.city'], ['cities', 'city']);
    const phone = impactOf(h.graph, { mode: 'SCHEMA_CHANGE', fields: [{ id: h.id('orders'), field: 'phone' }] });
    // amounts reads other columns, count depends on the table as a whole; opaque has no column lineage.
    expect(statuses(h, phone)).toEqual({ phones: 'BROKEN', by_phone: 'BROKEN', opaque: 'BROKEN', unknown_out: 'BROKEN' });
    expect(phone.broken.find((n) => h.name(n.id) === 'phones')!.reason).toBe('READS_REMOVED_FIELD');
    expect(phone.broken.find((n) => h.name(n.id) === 'opaque')!.reason).toBe('UNKNOWN_FIELD_USAGE');
    expect(phone.roots).toMatchObject([{ status: 'CHANGED', fields: ['phone'] }]);

    // Dropping a struct breaks readers of its members.
    const address = impactOf(h.graph, { mode: 'SCHEMA_CHANGE', fields: [{ id: h.id('orders'), field: 'address' }] });
    expect(Object.keys(statuses(h, address)).sort()).toEqual(['cities', 'geo', 'opaque', 'unknown_out']);
    // Field '' removes the asset as a whole.
    const whole = impactOf(h.graph, { mode: 'SCHEMA_CHANGE', fields: [{ id: h.id('orders'), field: '' }] });
    expect(whole.broken).toHaveLength(10);
  });

  it('terminates on cycles and a cycle does not keep itself broken', () => {
    // loop reads src and T and writes T; feeder also writes T.
    const h = new HandGraph().asset('src').asset('other').asset('T').job('loop').job('feeder').computes('loop', ['src', 'T'], ['T']).computes('feeder', ['other'], ['T']);
    expect(statuses(h, impactOf(h.graph, { ids: [h.id('src')], mode: 'DELETE' }))).toEqual({ loop: 'BROKEN', T: 'DEGRADED' });
    // Without the feeder the cycle breaks whole.
    expect(statuses(h, impactOf(h.graph, { ids: [h.id('src'), h.id('feeder')], mode: 'DELETE' }))).toEqual({ loop: 'BROKEN', T: 'BROKEN' });
    // Only the feeder gone: T degraded, loop reads a degraded T and is degraded, which does not break T.
    expect(statuses(h, impactOf(h.graph, { ids: [h.id('other')], mode: 'DELETE' }))).toEqual({ feeder: 'BROKEN', T: 'DEGRADED', loop: 'DEGRADED' });
  });

  it('reads the graph at asOf and reports unknown ids', () => {
    const h = new HandGraph(2).asset('A').asset('B').asset('X').job('c1').job('c2', { from: 2 });
    h.edge('A', 'c1').edge('c1', 'X').edge('B', 'c2', 2).edge('c2', 'X', 2);
    expect(statuses(h, impactOf(h.graph, { ids: [h.id('A')], mode: 'DELETE', asOf: 1 }))).toEqual({ c1: 'BROKEN', X: 'BROKEN' });
    expect(statuses(h, impactOf(h.graph, { ids: [h.id('A')], mode: 'DELETE', asOf: 2 }))).toEqual({ c1: 'BROKEN', X: 'DEGRADED' });
    expect(impactOf(h.graph, { ids: [h.id('c2'), 'nope'], mode: 'DELETE', asOf: 1 }).notFound).toEqual([h.id('c2'), 'nope']);
  });

  it('carries each impacted node\'s traffic and sums it by status and kind', () => {
    // Three rules evaluated from X; c1 writes X alone, so removing A breaks all of them.
    const h = new HandGraph().asset('A').asset('X', { kind: 'FEATURE' }).job('c1').computes('c1', ['A'], ['X']);
    for (const r of ['R1', 'R2', 'R3']) h.job(`${r}.eval`, { kind: 'RULE_EVALUATION' }).asset(r, { kind: 'RULE' }).computes(`${r}.eval`, ['X'], [r]);
    const traffic = new Map([
      [h.id('R1'), 2_000_000],
      [h.id('R2'), 1_100_000],
      [h.id('X'), 12_500],
      ['not-in-the-graph', 5],
    ]);
    const report = impactOf(h.graph, { ids: [h.id('A')], mode: 'DELETE', traffic, trafficUnit: 'per day' });
    const byName = Object.fromEntries(report.broken.map((n) => [h.name(n.id), n.traffic]));
    // R3 has no entry: unknown, not zero.
    expect(byName).toMatchObject({ R1: 2_000_000, R2: 1_100_000, R3: null, X: 12_500, c1: null });
    expect(report.summary.byKind).toContainEqual({ status: 'BROKEN', kind: 'RULE', count: 3, traffic: 3_100_000 });
    expect(report.summary.byKind).toContainEqual({ status: 'BROKEN', kind: 'RULE_EVALUATION', count: 3, traffic: null });
    expect(report.summary).toMatchObject({ broken: 8, degraded: 0, brokenTraffic: 3_112_500, degradedTraffic: null });
    expect(report.summary.text).toBe('3 rules broken (3.1M per day), 3 rule evaluations broken, 1 batch job broken, 1 feature broken (12.5k per day)');
    expect(() => impactOf(h.graph, { ids: [h.id('A')], mode: 'DELETE', traffic: new Map([[h.id('R1'), -1]]) })).toThrow(RangeError);
  });

  it('sums degraded traffic apart from broken traffic', () => {
    const h = issueGraph();
    const traffic = new Map([
      [h.id('R'), 40_000],
      [h.id('c1'), 3],
    ]);
    const report = impactOf(h.graph, { ids: [h.id('B')], mode: 'DELETE', traffic });
    expect(report.summary).toMatchObject({ brokenTraffic: 3, degradedTraffic: 40_000 });
    expect(report.summary.text).toBe('1 batch job broken (3 traffic), 1 rule degraded (40k traffic), 1 rule evaluation degraded, 1 table degraded');
  });

  it('limit lists the nearest nodes of each status and still counts them all', () => {
    const h = new HandGraph().asset('A').asset('X', { kind: 'FEATURE' }).job('c1').computes('c1', ['A'], ['X']);
    for (const r of ['R1', 'R2', 'R3']) h.job(`${r}.eval`, { kind: 'RULE_EVALUATION' }).asset(r, { kind: 'RULE' }).computes(`${r}.eval`, ['X'], [r]);
    const traffic = new Map([[h.id('R3'), 7]]);
    const full = impactOf(h.graph, { ids: [h.id('A')], mode: 'DELETE', traffic });
    expect(full.truncated).toBe(false);
    const limited = impactOf(h.graph, { ids: [h.id('A')], mode: 'DELETE', traffic, limit: 3 });
    expect(limited.truncated).toBe(true);
    expect(limited.broken).toEqual(full.broken.slice(0, 3));
    expect(limited.broken.map((n) => n.distance)).toEqual([1, 2, 3]);
    expect(limited.summary).toEqual(full.summary);
    expect(impactOf(h.graph, { ids: [h.id('A')], mode: 'DELETE', limit: 0 })).toMatchObject({ broken: [], degraded: [], truncated: true, summary: { broken: 8 } });
    expect(impactOf(h.graph, { ids: [h.id('A')], mode: 'DELETE', limit: 8 }).truncated).toBe(false);
  });
});

describe('impact in columns', () => {
  it('holds every impacted node as the report lists it, nearest first, with paths made on request', () => {
    const h = issueGraph();
    const traffic = new Map([[h.id('R'), 40_000]]);
    const analysis = impactColumns(h.graph, { ids: [h.id('B')], mode: 'DELETE', traffic });
    const report = impactOf(h.graph, { ids: [h.id('B')], mode: 'DELETE', traffic });
    const { impacted } = analysis;
    expect(h.names(impacted.ids())).toEqual(['c1', 'X', 'r1', 'R']);
    expect([...impacted.distances]).toEqual([1, 2, 3, 4]);
    expect([...impacted.broken]).toEqual([1, 0, 0, 0]);
    expect(h.names(impacted.path(3))).toEqual(['B', 'c1', 'X', 'r1', 'R']);
    expect(impacted.reason(1)).toBe('SOME_PRODUCERS_BROKEN');
    expect([...impacted.traffic].map((t) => (Number.isNaN(t) ? null : t))).toEqual([null, null, null, 40_000]);
    const listed = [...report.broken, ...report.degraded].sort((a, b) => a.distance - b.distance);
    expect(Array.from({ length: impacted.length }, (_, i) => impacted.node(i))).toEqual(listed);
    expect(analysis.report()).toEqual(report);
    expect(impacted.summary).toEqual(report.summary);
  });

  it('keeps its answer while later analyses reuse the pooled scratch', () => {
    const h = issueGraph();
    const analysis = impactColumns(h.graph, { ids: [h.id('A')], mode: 'DELETE' });
    const before = analysis.report();
    impactOf(h.graph, { ids: [h.id('B')], mode: 'DELETE' });
    impactOf(h.graph, { ids: [h.id('c2')], mode: 'CUTOFF' });
    expect(analysis.report()).toEqual(before);
    expect(h.names(analysis.impacted.path(analysis.impacted.length - 1))).toEqual(['A', expect.stringMatching(/^c[12]$/), 'X', 'r1', 'R']);
  });
});

describeEachEngine('impact with traffic from a store', (engine) => {
  const shared = useStore(engine);

  it('takes traffic from metricTotals through a loaded index', async () => {
    const store = shared.store();
    const changeset: Changeset = {
      source: 'test:impact-traffic',
      mode: 'full',
      assets: [table('events'), table('velocity', [], { kind: 'FEATURE' }), table('rules.velocity', [], { kind: 'RULE' })],
      computations: [job('features'), { ...job('evaluate'), kind: 'RULE_EVALUATION' }],
      edges: [reads('events', 'features'), writes('features', 'velocity'), reads('velocity', 'evaluate'), writes('evaluate', 'rules.velocity')],
    };
    const { version } = await store.apply(changeset);
    const rule = nodeId('ASSET', NS, 'rules.velocity');
    await store.recordMetrics('metrics:test.csv', [
      { nodeId: rule, metric: 'rule.evaluations', granularity: 'day', bucketStart: '2026-11-01T00:00:00Z', value: 1_000_000 },
      { nodeId: rule, metric: 'rule.evaluations', granularity: 'day', bucketStart: '2026-11-02T00:00:00Z', value: 2_100_000 },
    ]);
    const traffic = await store.metricTotals({ metric: 'rule.evaluations', from: '2026-11-01', to: '2026-11-03' });
    const index = await GraphIndex.load(store);
    try {
      const report = impactOf(index, { ids: [nodeId('ASSET', NS, 'events')], mode: 'CUTOFF', asOf: version, traffic, trafficUnit: 'evaluations' });
      expect(report.broken.find((n) => n.id === rule)).toMatchObject({ kind: 'RULE', traffic: 3_100_000 });
      expect(report.summary.text).toContain('1 rule broken (3.1M evaluations)');
    } finally {
      index.close();
    }
  });
});

describe('impact with input semantics and retired models', () => {
  // Two features feed a model's inference; `device` is declared optional (imputed when missing).
  // A retired model reads `amount` too; a rule reads each model.
  const graph = () =>
    new HandGraph()
      .asset('amount', { kind: 'FEATURE' })
      .asset('device', { kind: 'FEATURE' })
      .job('m.inference', { kind: 'INFERENCE', optionalInputs: ['device'] })
      .asset('m', { kind: 'MODEL' })
      .computes('m.inference', ['amount', 'device'], ['m'])
      .job('old.inference', { kind: 'INFERENCE', inactive: true })
      .asset('old', { kind: 'MODEL', inactive: true })
      .computes('old.inference', ['amount'], ['old'])
      .job('r.evaluation', { kind: 'RULE_EVALUATION' })
      .asset('r', { kind: 'RULE' })
      .computes('r.evaluation', ['m', 'old'], ['r']);

  it('degrades a model whose optional input is deleted, naming that input', () => {
    const h = graph();
    const report = impactOf(h.graph, { ids: [h.id('device')], mode: 'DELETE' });
    expect(report.broken).toEqual([]);
    expect(report.degraded.map((n) => [h.name(n.id), n.reason, n.decidedBy && h.name(n.decidedBy), n.inputSemantics])).toEqual([
      ['m.inference', 'READS_OPTIONAL_BROKEN', 'device', 'OPTIONAL'],
      ['m', 'PRODUCER_DEGRADED', 'm.inference', null],
      ['r.evaluation', 'READS_DEGRADED', 'm', 'REQUIRED'],
      ['r', 'PRODUCER_DEGRADED', 'r.evaluation', null],
    ]);
  });

  it('breaks it when a required input is deleted, and reports the retired model apart without passing its status on', () => {
    const h = graph();
    const report = impactOf(h.graph, { ids: [h.id('amount')], mode: 'DELETE' });
    expect(statuses(h, report)).toEqual({ 'm.inference': 'BROKEN', m: 'BROKEN', 'r.evaluation': 'BROKEN', r: 'BROKEN' });
    expect(report.inactive.map((n) => [h.name(n.id), n.status])).toEqual([
      ['old.inference', 'BROKEN'],
      ['old', 'BROKEN'],
    ]);
    expect(report.summary).toMatchObject({ broken: 4, inactive: 2 });
    // The rule is broken through m, never through the retired model.
    expect(report.broken.find((n) => h.name(n.id) === 'r.evaluation')!.decidedBy).toBe(h.id('m'));
  });
});
