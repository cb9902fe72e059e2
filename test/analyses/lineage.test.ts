import { describe, expect, it } from 'vitest';
import { IndexBehindError } from '../../graph-model/analyses/asOfVersion.js';
import { lineage, lineageSubgraph, MAX_DEPTH } from '../../graph-model/analyses/lineage.js';
import { HandGraph, issueGraph } from './handGraph.js';

const names = (h: HandGraph, nodes: { id: string }[]) => h.names(nodes.map((n) => n.id)).sort();

describe('lineage on a hand-built index', () => {
  it('walks the bipartite graph downstream and upstream with hop distances', () => {
    const h = issueGraph();
    const down = lineage(h.graph, { ids: [h.id('B')], direction: 'DOWNSTREAM', depth: 10 });
    expect(down.nodes.map((n) => [h.name(n.id), n.distance])).toEqual([['B', 0], ['c1', 1], ['X', 2], ['r1', 3], ['R', 4]]);
    expect(down.edges.map((e) => `${h.name(e.from)}-${e.kind}->${h.name(e.to)}`).sort()).toEqual(
      ['B-READS->c1', 'X-READS->r1', 'c1-WRITES->X', 'r1-WRITES->R'],
    );
    expect(down.truncated).toBe(false);
    expect(down.moreBeyondDepth).toBe(false);

    const up = lineage(h.graph, { ids: [h.id('X')], direction: 'UPSTREAM', depth: 2 });
    expect(names(h, up.nodes)).toEqual(['A', 'B', 'C', 'X', 'c1', 'c2']);
    // Upstream from X through c1 and c2 says "A+B => X via c1, A+C => X via c2", not "A+B+C => X".
    expect(up.edges.filter((e) => e.kind === 'READS').map((e) => `${h.name(e.from)}>${h.name(e.to)}`).sort()).toEqual(['A>c1', 'A>c2', 'B>c1', 'C>c2']);
  });

  it('BOTH is the union of the upstream and downstream walks, not the undirected component', () => {
    const h = issueGraph();
    const both = lineage(h.graph, { ids: [h.id('c1')], direction: 'BOTH', depth: 10 });
    // c2 shares A and X with c1 but is neither upstream nor downstream of it.
    expect(names(h, both.nodes)).toEqual(['A', 'B', 'R', 'X', 'c1', 'r1']);
  });

  it('terminates on cycles: a job reading and writing the same table', () => {
    const h = new HandGraph().asset('T').asset('U').job('loop').computes('loop', ['T'], ['T', 'U']).job('back').computes('back', ['U'], ['T']);
    for (const direction of ['UPSTREAM', 'DOWNSTREAM', 'BOTH'] as const) {
      const result = lineage(h.graph, { ids: [h.id('T')], direction, depth: MAX_DEPTH });
      expect(names(h, result.nodes)).toEqual(['T', 'U', 'back', 'loop']);
      expect(result.truncated).toBe(false);
    }
  });

  it('says when the requested depth stopped the walk, and truncates at the depth cap', () => {
    const h = new HandGraph();
    const length = 40; // 40 jobs in a chain: 80 hops
    h.asset('t0');
    for (let i = 0; i < length; i++) h.job(`j${i}`).asset(`t${i + 1}`).computes(`j${i}`, [`t${i}`], [`t${i + 1}`]);
    const shallow = lineage(h.graph, { ids: [h.id('t0')], direction: 'DOWNSTREAM', depth: 3 });
    expect(names(h, shallow.nodes)).toEqual(['j0', 'j1', 't0', 't1']);
    expect(shallow).toMatchObject({ truncated: false, moreBeyondDepth: true });

    const deep = lineage(h.graph, { ids: [h.id('t0')], direction: 'DOWNSTREAM', depth: 1000 });
    expect(deep.nodes).toHaveLength(MAX_DEPTH + 1);
    expect(deep).toMatchObject({ truncated: true, truncatedReason: 'DEPTH_CAP' });
    expect(Math.max(...deep.nodes.map((n) => n.distance))).toBe(MAX_DEPTH);

    const exact = lineage(h.graph, { ids: [h.id('t30')], direction: 'DOWNSTREAM', depth: 1000 });
    expect(exact).toMatchObject({ truncated: false, moreBeyondDepth: false });
  });

  it('truncates at maxNodes instead of cutting silently', () => {
    const h = new HandGraph().asset('hub').asset('out');
    for (let i = 0; i < 30; i++) h.job(`j${i}`).computes(`j${i}`, ['hub'], ['out']);
    const result = lineage(h.graph, { ids: [h.id('hub')], direction: 'DOWNSTREAM', depth: 5, maxNodes: 10 });
    expect(result.nodes).toHaveLength(10);
    expect(result).toMatchObject({ truncated: true, truncatedReason: 'MAX_NODES' });
    // Every returned edge joins two returned nodes.
    const ids = new Set(result.nodes.map((n) => n.id));
    for (const e of result.edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
  });

  it('keeps an answer intact while later walks reuse the walk buffers', () => {
    // 1,500 jobs off one hub: past the walk buffers' initial 1,024 entries, so they grow, and the
    // next walk receives them grown.
    const h = new HandGraph().asset('hub').asset('side');
    for (let i = 0; i < 1500; i++) h.job(`j${i}`).asset(`o${i}`).computes(`j${i}`, ['hub'], [`o${i}`]);
    h.job('s').computes('s', ['side'], ['o0']);
    const first = lineageSubgraph(h.graph, { ids: [h.id('hub')], direction: 'DOWNSTREAM', depth: 2, maxNodes: 10_000 });
    const firstIds = first.ids();
    const firstEdges = [...first.edges];
    const second = lineageSubgraph(h.graph, { ids: [h.id('side')], direction: 'DOWNSTREAM', depth: 2, maxNodes: 10_000 });
    expect(h.names(second.ids())).toEqual(['side', 's', 'o0']);
    expect(first.ids()).toEqual(firstIds);
    expect([...first.edges]).toEqual(firstEdges);
    expect(firstIds).toHaveLength(3001);
    expect(firstEdges).toHaveLength(3000);
  });

  it('filters result kinds but walks through the others', () => {
    const h = new HandGraph()
      .asset('events', { kind: 'STREAM' })
      .asset('f_velocity', { kind: 'FEATURE' })
      .asset('rule', { kind: 'RULE' })
      .job('pipeline', { kind: 'FEATURE_PIPELINE' })
      .job('evaluate', { kind: 'RULE_EVALUATION' })
      .computes('pipeline', ['events'], ['f_velocity'])
      .computes('evaluate', ['f_velocity', 'events'], ['rule']);
    const features = lineage(h.graph, { ids: [h.id('rule')], direction: 'UPSTREAM', depth: 10, kinds: ['FEATURE'] });
    expect(features.nodes.map((n) => [h.name(n.id), n.kind, n.distance])).toEqual([['rule', 'RULE', 0], ['f_velocity', 'FEATURE', 2]]);
    expect(features.edges).toEqual([]);
  });

  it('reads the graph as it was at asOf', () => {
    const h = new HandGraph(3)
      .asset('A')
      .asset('B')
      .asset('Late', { from: 3 })
      .asset('Gone', { to: 2 })
      .job('c');
    h.edge('A', 'c', 1).edge('c', 'B', 1).edge('c', 'Late', 3).edge('c', 'Gone', 1, 2);
    const at = (v: number) => names(h, lineage(h.graph, { ids: [h.id('A')], direction: 'DOWNSTREAM', depth: 5, asOf: v }).nodes);
    expect(at(1)).toEqual(['A', 'B', 'Gone', 'c']);
    expect(at(2)).toEqual(['A', 'B', 'c']);
    expect(at(3)).toEqual(['A', 'B', 'Late', 'c']);
    expect(lineage(h.graph, { ids: [h.id('Late')], direction: 'UPSTREAM', asOf: 2 }).notFound).toEqual([h.id('Late')]);
    expect(() => lineage(h.graph, { ids: [h.id('A')], direction: 'DOWNSTREAM', asOf: 4 })).toThrow(IndexBehindError);
  });

  it('at field level follows only the fields reached, with whole-asset edges from any field', () => {
    const h = new HandGraph()
      .asset('orders', { fields: ['id', 'amount', 'address', 'address.city'] })
      .asset('users', { fields: ['id', 'phone'] })
      .asset('mart', { fields: ['id', 'amount', 'phone', 'city', 'n'] })
      .asset('report', { fields: ['total'] })
      .job('enrich')
      .job('agg')
      .computes('enrich', ['orders', 'users'], ['mart'])
      .computes('agg', ['mart'], ['report'])
      .field('enrich', ['orders', 'id'], ['mart', 'id'])
      .field('enrich', ['orders', 'amount'], ['mart', 'amount'])
      .field('enrich', ['orders', 'address.city'], ['mart', 'city'])
      .field('enrich', ['users', 'phone'], ['mart', 'phone'])
      .field('enrich', ['users', ''], ['mart', 'n'])
      .field('agg', ['mart', 'amount'], ['report', 'total']);
    const fromAmount = lineage(h.graph, { ids: [], fields: [{ id: h.id('orders'), field: 'amount' }], direction: 'DOWNSTREAM', depth: 10, fieldLevel: true });
    expect(fromAmount.fields!.map((f) => `${h.name(f.id)}.${f.field}@${f.distance}`)).toEqual(['orders.amount@0', 'mart.amount@2', 'report.total@4']);
    expect(names(h, fromAmount.nodes)).toEqual(['agg', 'enrich', 'mart', 'orders', 'report']);
    expect(fromAmount.fieldEdges).toHaveLength(2);
    expect(fromAmount.edges.map((e) => `${h.name(e.from)}>${h.name(e.to)}`).sort()).toEqual(['agg>report', 'enrich>mart', 'mart>agg', 'orders>enrich']);

    // A struct reaches edges from its members; the whole-asset edge users.'' -> mart.n is followed from any users field.
    const fromAddress = lineage(h.graph, { ids: [], fields: [{ id: h.id('orders'), field: 'address' }], direction: 'DOWNSTREAM', depth: 10, fieldLevel: true });
    expect(fromAddress.fields!.map((f) => `${h.name(f.id)}.${f.field}`)).toEqual(['orders.address', 'mart.city']);
    const fromPhone = lineage(h.graph, { ids: [], fields: [{ id: h.id('users'), field: 'phone' }], direction: 'DOWNSTREAM', depth: 10, fieldLevel: true });
    expect(fromPhone.fields!.map((f) => `${h.name(f.id)}.${f.field}`).sort()).toEqual(['mart.n', 'mart.phone', 'users.phone']);

    // Upstream of report.total: mart.amount, then orders.amount (not orders.id).
    const up = lineage(h.graph, { ids: [], fields: [{ id: h.id('report'), field: 'total' }], direction: 'UPSTREAM', depth: 10, fieldLevel: true });
    expect(up.fields!.map((f) => `${h.name(f.id)}.${f.field}`)).toEqual(['report.total', 'mart.amount', 'orders.amount']);
    // A whole asset start follows all of its field edges.
    const whole = lineage(h.graph, { ids: [h.id('users')], direction: 'DOWNSTREAM', depth: 2, fieldLevel: true });
    expect(whole.fields!.map((f) => `${h.name(f.id)}.${f.field}`).sort()).toEqual(['mart.n', 'mart.phone', 'users.']);
  });
});
