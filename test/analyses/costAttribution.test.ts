import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { costAttribution, type CostAttributionReport } from '../../graph-model/analyses/costAttribution.js';
import { decommissionCandidates } from '../../graph-model/analyses/decommissionCandidates.js';
import { nodeId } from '../../graph-model/ids.js';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import { VersionedGraph } from '../../graph-model/index/versionedGraph.js';
import type { Changeset } from '../../graph-model/model.js';
import type { MetricPoint } from '../../graph-model/store/operations/recordMetrics.js';
import { A, C, JOBS, NS, job, reads, table, writes } from '../support/builders.js';
import { describeEachEngine, useStore } from '../support/engines.js';
import { HandGraph } from './handGraph.js';

/** Attributed cost by node name, terminals of both lists. */
const byName = (h: HandGraph, report: CostAttributionReport) =>
  Object.fromEntries([...report.attributed, ...report.unattributed].map((t) => [h.name(t.id), t.attributedCost]));

const costs = (h: HandGraph, entries: Record<string, number>) => new Map(Object.entries(entries).map(([name, cost]) => [h.id(name), cost]));

/** Source S (cost 90) read by three jobs, each writing a feature evaluated by its own rule. */
function fanOut(): HandGraph {
  const h = new HandGraph().asset('S');
  for (const i of [1, 2, 3]) {
    h.job(`j${i}`).asset(`F${i}`, { kind: 'FEATURE' }).job(`e${i}`, { kind: 'RULE_EVALUATION' }).asset(`R${i}`, { kind: 'RULE' });
    h.computes(`j${i}`, ['S'], [`F${i}`]).computes(`e${i}`, [`F${i}`], [`R${i}`]);
  }
  return h;
}

describe('cost attribution on a hand-built index', () => {
  it('splits a source equally among its readers, down to the rules', () => {
    const h = fanOut();
    const report = costAttribution(h.graph, { cost: costs(h, { S: 90 }), split: 'EQUAL' });
    expect(byName(h, report)).toEqual({ R1: 30, R2: 30, R3: 30 });
    expect(report).toMatchObject({ totalCost: 90, attributedTotal: 90, unattributedTotal: 0, unattributed: [], ignored: [], version: 1 });
    expect(report.attributed[0]).toMatchObject({ kind: 'RULE', namespace: 'hive://hand', ownCost: 0 });
  });

  it('splits by consumer traffic, and equally when no consumer has traffic', () => {
    const h = fanOut();
    const traffic = costs(h, { j1: 1, j2: 2, j3: 3 });
    expect(byName(h, costAttribution(h.graph, { cost: costs(h, { S: 90 }), split: 'TRAFFIC', traffic }))).toEqual({ R1: 15, R2: 30, R3: 45 });
    // Known zero traffic for one reader: it gets nothing; unknown for all: equal.
    const some = costs(h, { j1: 0, j2: 1 });
    expect(byName(h, costAttribution(h.graph, { cost: costs(h, { S: 90 }), split: 'TRAFFIC', traffic: some }))).toEqual({ R1: 0, R2: 90, R3: 0 });
    expect(byName(h, costAttribution(h.graph, { cost: costs(h, { S: 90 }), split: 'TRAFFIC', traffic: new Map() }))).toEqual({ R1: 30, R2: 30, R3: 30 });
    expect(() => costAttribution(h.graph, { cost: new Map(), split: 'TRAFFIC' })).toThrow(RangeError);
  });

  it('gives rule cost per 1000 evaluations and a breakdown of contributors', () => {
    const h = fanOut();
    const report = costAttribution(h.graph, {
      cost: costs(h, { S: 90, j1: 6, R1: 4 }),
      split: 'EQUAL',
      evaluations: costs(h, { R1: 20_000 }),
      breakdownTop: 2,
    });
    const r1 = report.attributed.find((t) => h.name(t.id) === 'R1')!;
    expect(r1).toMatchObject({ attributedCost: 40, ownCost: 4, evaluations: 20_000, costPer1000Evaluations: 2 });
    expect(r1.breakdown!.map((c) => [h.name(c.id), c.cost])).toEqual([['S', 30], ['j1', 6]]);
    expect(report.attributed.find((t) => h.name(t.id) === 'R2')).toMatchObject({ evaluations: 0, costPer1000Evaluations: null });
    expect(report.attributed[0]!.id).toBe(h.id('R1'));
  });

  it('keeps cost that reaches no rule as unattributed, at the sinks', () => {
    const h = fanOut().job('dump').asset('archive').computes('dump', ['S'], ['archive']);
    const report = costAttribution(h.graph, { cost: costs(h, { S: 100, dump: 5, archive: 1 }), split: 'EQUAL' });
    expect(byName(h, report)).toEqual({ R1: 25, R2: 25, R3: 25, archive: 31 });
    expect(report.unattributed.map((t) => h.name(t.id))).toEqual(['archive']);
    expect(report).toMatchObject({ totalCost: 106, attributedTotal: 75, unattributedTotal: 31 });
  });

  it('lets a rule absorb its cost even when something reads it', () => {
    const h = fanOut().job('report').asset('rule_stats').computes('report', ['R1'], ['rule_stats']);
    const report = costAttribution(h.graph, { cost: costs(h, { S: 90, report: 2 }), split: 'EQUAL' });
    expect(byName(h, report)).toMatchObject({ R1: 30, rule_stats: 2 });
  });

  it('treats a cycle as one unit forwarding its combined cost, and a dead cycle as terminals', () => {
    // upsert reads and writes T; T also feeds the rule; loop reads and writes U and nothing reads U.
    const h = new HandGraph()
      .asset('in').asset('T').asset('U').asset('R', { kind: 'RULE' })
      .job('upsert').job('eval', { kind: 'RULE_EVALUATION' }).job('loop')
      .computes('upsert', ['in', 'T'], ['T'])
      .computes('eval', ['T'], ['R'])
      .computes('loop', ['T', 'U'], ['U']);
    const report = costAttribution(h.graph, { cost: costs(h, { in: 4, T: 10, upsert: 20, U: 3, loop: 1 }), split: 'EQUAL' });
    // {T, upsert} gathers 4 + 10 + 20 and splits it between eval and loop; {U, loop} keeps it where it entered (loop).
    expect(byName(h, report)).toEqual({ R: 17, loop: 18, U: 3 });
    expect(report.totalCost).toBe(38);
    expect(report.attributedTotal + report.unattributedTotal).toBeCloseTo(38, 9);
  });

  it('ignores nodes and edges not valid at asOf, with their cost', () => {
    const h = fanOut().asset('old', { from: 1, to: 2 }).job('j4', { from: 1, to: 2 });
    h.edge('old', 'j1').edge('S', 'j4').edge('j4', 'F1');
    h.graph.version = 3;
    const cost = costs(h, { S: 90, old: 50, j4: 7 });
    const now = costAttribution(h.graph, { cost, split: 'EQUAL', asOf: 3 });
    expect(byName(h, now)).toEqual({ R1: 30, R2: 30, R3: 30 });
    expect(now.totalCost).toBe(90);
    expect(h.names(now.ignored).sort()).toEqual(['j4', 'old']);
    const then = costAttribution(h.graph, { cost, split: 'EQUAL', asOf: 1 });
    // At version 1, S has four readers and old feeds j1: R1 gets 22.5 + 50 + 7 + 22.5.
    expect(byName(h, then)).toEqual({ R1: 102, R2: 22.5, R3: 22.5 });
  });

  it('rejects negative and non-finite costs', () => {
    const h = fanOut();
    expect(() => costAttribution(h.graph, { cost: costs(h, { S: -1 }), split: 'EQUAL' })).toThrow(RangeError);
    expect(() => costAttribution(h.graph, { cost: costs(h, { S: Number.NaN }), split: 'EQUAL' })).toThrow(RangeError);
  });
});

interface RandomGraph {
  assets: { kind: string; from: number; to?: number }[];
  jobs: { from: number; to?: number }[];
  edges: { asset: number; job: number; reads: boolean; from: number; to?: number }[];
  costs: number[];
  traffic: number[];
}

const KINDS = ['TABLE', 'TABLE', 'TABLE', 'FEATURE', 'RULE', 'MODEL', 'SERVICE'];
const interval = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }))
  .map(([from, span]) => ({ from, to: span === undefined ? undefined : from + span }));

const randomGraph: fc.Arbitrary<RandomGraph> = fc.record({ assetCount: fc.integer({ min: 1, max: 14 }), jobCount: fc.integer({ min: 1, max: 10 }) }).chain(({ assetCount, jobCount }) =>
  fc.record({
    assets: fc.array(fc.record({ kind: fc.constantFrom(...KINDS), validity: interval }).map(({ kind, validity }) => ({ kind, ...validity })), { minLength: assetCount, maxLength: assetCount }),
    jobs: fc.array(interval, { minLength: jobCount, maxLength: jobCount }),
    edges: fc.array(
      fc.record({ asset: fc.nat(assetCount - 1), job: fc.nat(jobCount - 1), reads: fc.boolean(), validity: interval }).map(({ validity, ...e }) => ({ ...e, ...validity })),
      { maxLength: 40 },
    ),
    costs: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true })), { minLength: assetCount + jobCount, maxLength: assetCount + jobCount }),
    traffic: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1000 })), { minLength: assetCount + jobCount, maxLength: assetCount + jobCount }),
  }),
);

/** Fills a VersionedGraph directly, as the index's loader would, at graph version 4. */
function buildRandomGraph(spec: RandomGraph): { graph: VersionedGraph; ids: string[] } {
  const graph = new VersionedGraph();
  graph.version = 4;
  const ids: string[] = [];
  spec.assets.forEach((a, i) => {
    const id = nodeId('ASSET', 'prop', `a${i}`);
    graph.addNodeVersion(graph.addNode(id, 'ASSET', 'prop', `a${i}`), { fromVersion: a.from, toVersion: a.to, kind: a.kind });
    ids.push(id);
  });
  spec.jobs.forEach((j, i) => {
    const id = nodeId('COMPUTATION', 'prop', `j${i}`);
    graph.addNodeVersion(graph.addNode(id, 'COMPUTATION', 'prop', `j${i}`), { fromVersion: j.from, toVersion: j.to, kind: 'BATCH_JOB' });
    ids.push(id);
  });
  const assetCount = spec.assets.length;
  for (const e of spec.edges) {
    const a = graph.nodes.indexOf(ids[e.asset]!)!;
    const j = graph.nodes.indexOf(ids[assetCount + e.job]!)!;
    if (e.reads) graph.addEdge(a, j, e.from, e.to);
    else graph.addEdge(j, a, e.from, e.to);
  }
  return { graph, ids };
}

describe('cost attribution properties', () => {
  it('conserves cost over random graphs (cycles, validity, both splits), with no negative share', () => {
    fc.assert(
      fc.property(randomGraph, fc.integer({ min: 1, max: 4 }), fc.constantFrom('EQUAL' as const, 'TRAFFIC' as const), (spec, asOf, split) => {
        const { graph, ids } = buildRandomGraph(spec);
        const cost = new Map(ids.map((id, i) => [id, spec.costs[i]!]));
        const traffic = new Map(ids.map((id, i) => [id, spec.traffic[i]!]));
        const report = costAttribution(graph, { cost, split, traffic, asOf, breakdownTop: 3 });
        const validCost = ids.reduce((sum, id, i) => sum + (graph.nodeAt(id, asOf) === undefined ? 0 : spec.costs[i]!), 0);
        const terminals = [...report.attributed, ...report.unattributed];
        const tolerance = 1e-6 * Math.max(1, validCost);
        expect(Math.abs(report.totalCost - validCost)).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(terminals.reduce((sum, t) => sum + t.attributedCost, 0) - validCost)).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(report.attributedTotal + report.unattributedTotal - report.totalCost)).toBeLessThanOrEqual(tolerance);
        for (const t of terminals) {
          expect(t.attributedCost).toBeGreaterThanOrEqual(0);
          expect(t.attributedCost).toBeGreaterThanOrEqual(t.ownCost - tolerance);
          for (const c of t.breakdown ?? []) expect(c.cost).toBeGreaterThanOrEqual(0);
        }
        for (const t of report.attributed) expect(['RULE', 'MODEL', 'SERVICE']).toContain(t.kind);
        for (const t of report.unattributed) expect(['RULE', 'MODEL', 'SERVICE']).not.toContain(t.kind);
        // Every node a terminal is listed once, and every unattributed sink is a decommission candidate.
        expect(new Set(terminals.map((t) => t.id)).size).toBe(terminals.length);
        const decommission = decommissionCandidates(graph, { asOf, cost });
        const listed = new Set(decommission.candidates.flatMap((c) => [c.id, ...(c.cycle ?? []), ...c.upstream]));
        for (const t of report.unattributed) expect(listed.has(t.id)).toBe(true);
        // Each unused node counts in exactly one candidate's savings.
        expect(listed.size).toBe(decommission.candidates.reduce((n, c) => n + 1 + (c.cycle?.length ?? 0) + c.upstream.length, 0));
        expect(Math.abs(decommission.candidates.reduce((sum, c) => sum + c.savings, 0) - decommission.totalSavings)).toBeLessThanOrEqual(tolerance);
        for (const c of decommission.candidates) expect(c.savings).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });
});

describeEachEngine('cost attribution from a store', (engine) => {
  const shared = useStore(engine);

  it('reads costs and evaluations from metricTotals and attributes them through a loaded index', async () => {
    const store = shared.store();
    const changeset: Changeset = {
      source: 'test:cost',
      mode: 'full',
      assets: [table('orders'), table('user_features'), table('unused_copy'), table('rules.velocity', [], { kind: 'RULE' })],
      computations: [job('features'), job('copy'), { ...job('evaluate'), kind: 'RULE_EVALUATION' }],
      edges: [reads('orders', 'features'), writes('features', 'user_features'), reads('orders', 'copy'), writes('copy', 'unused_copy'), reads('user_features', 'evaluate'), writes('evaluate', 'rules.velocity')],
    };
    const { version } = await store.apply(changeset);
    const id = (ref: { type: 'ASSET' | 'COMPUTATION'; namespace: string; name: string }) => nodeId(ref.type, ref.namespace, ref.name);
    const point = (ref: Parameters<typeof id>[0], metric: string, date: string, value: number): MetricPoint => ({ nodeId: id(ref), metric, granularity: 'day', bucketStart: `${date}T00:00:00Z`, value });
    await store.recordMetrics('metrics:test.csv', [
      point(A('orders'), 'cost.storage', '2026-11-01', 30),
      point(A('orders'), 'cost.storage', '2026-11-02', 30),
      point(C('features'), 'cost.compute', '2026-11-01', 12),
      point(C('copy'), 'cost.compute', '2026-11-02', 8),
      point(C('evaluate'), 'cost.compute', '2026-11-02', 2),
      point(C('evaluate'), 'cost.compute', '2026-12-01', 1000),
      point(A('rules.velocity'), 'rule.evaluations', '2026-11-01', 40_000),
      point(A('rules.velocity'), 'rule.evaluations', '2026-11-02', 4_000),
    ]);
    const window = { from: '2026-11-01', to: '2026-12-01' };
    const cost = new Map<string, number>();
    for (const metric of ['cost.compute', 'cost.storage']) {
      for (const [nodeIdValue, total] of await store.metricTotals({ metric, ...window })) cost.set(nodeIdValue, (cost.get(nodeIdValue) ?? 0) + total);
    }
    const evaluations = await store.metricTotals({ metric: 'rule.evaluations', ...window });
    const index = await GraphIndex.load(store);
    try {
      const report = costAttribution(index, { cost, split: 'EQUAL', evaluations, asOf: version });
      // orders 60 splits 30/30: the rule gets 30 + 12 + 2, unused_copy 30 + 8.
      expect(report.attributed).toEqual([
        expect.objectContaining({ id: id(A('rules.velocity')), kind: 'RULE', namespace: NS, attributedCost: 44, evaluations: 44_000, costPer1000Evaluations: 1 }),
      ]);
      expect(report.unattributed).toEqual([expect.objectContaining({ id: id(A('unused_copy')), attributedCost: 38 })]);
      expect(report).toMatchObject({ totalCost: 82, attributedTotal: 44, unattributedTotal: 38 });
      const decommission = decommissionCandidates(index, { cost, traffic: evaluations, asOf: version });
      expect(decommission.candidates).toEqual([
        expect.objectContaining({ id: id(A('unused_copy')), reason: 'NO_CONSUMER', savings: 8, upstream: [nodeId('COMPUTATION', JOBS, 'copy')] }),
      ]);
    } finally {
      index.close();
    }
  });
});
