import { describe, expect, it } from 'vitest';
import { impactOf, type ImpactReport } from '../../graph-model/analyses/impact.js';
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
    expect(report.summary.byKind).toContainEqual({ status: 'BROKEN', kind: 'RULE', count: 1 });
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
});
