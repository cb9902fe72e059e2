import fc from 'fast-check';
import { expect, it } from 'vitest';
import { costAttribution } from '../../graph-model/analyses/costAttribution.js';
import { nodeId } from '../../graph-model/ids.js';
import { VersionedGraph } from '../../graph-model/index/versionedGraph.js';

/**
 * Risk platforms shaped as the risk catalog models them (docs/risk-catalog.md): each feature's
 * pipeline READS tables and WRITES the feature; each rule's evaluation READS its features and the
 * online store each is served from; a model's inference does the same.
 */
const platform = fc.record({ tables: fc.integer({ min: 1, max: 4 }), stores: fc.integer({ min: 1, max: 3 }), features: fc.integer({ min: 1, max: 8 }) }).chain(({ tables, stores, features }) =>
  fc.record({
    tables: fc.constant(tables),
    stores: fc.constant(stores),
    features: fc.array(fc.record({ reads: fc.uniqueArray(fc.nat(tables - 1), { minLength: 1, maxLength: tables }), store: fc.option(fc.nat(stores - 1), { nil: undefined }) }), {
      minLength: features,
      maxLength: features,
    }),
    rules: fc.array(fc.uniqueArray(fc.nat(features - 1), { maxLength: 4 }), { maxLength: 6 }),
    models: fc.array(fc.uniqueArray(fc.nat(features - 1), { minLength: 1, maxLength: 4 }), { maxLength: 2 }),
    costSeed: fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 64, maxLength: 64 }),
    traffic: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 64, maxLength: 64 }),
    split: fc.constantFrom('EQUAL' as const, 'TRAFFIC' as const),
  }),
);

type Platform = typeof platform extends fc.Arbitrary<infer T> ? T : never;

function build(p: Platform) {
  const graph = new VersionedGraph();
  graph.version = 1;
  const ids: string[] = [];
  const node = (type: 'ASSET' | 'COMPUTATION', name: string, kind: string) => {
    const id = nodeId(type, 'prop', name);
    const n = graph.addNode(id, type, 'prop', name);
    graph.addNodeVersion(n, { fromVersion: 1, kind });
    ids.push(id);
    return n;
  };
  const tables = Array.from({ length: p.tables }, (_, i) => node('ASSET', `t${i}`, 'TABLE'));
  const stores = Array.from({ length: p.stores }, (_, i) => node('ASSET', `s${i}`, 'KV_TABLE'));
  const features = p.features.map((f, i) => {
    const pipeline = node('COMPUTATION', `f${i}.pipeline`, 'FEATURE_PIPELINE');
    const feature = node('ASSET', `f${i}`, 'FEATURE');
    for (const t of f.reads) graph.addEdge(tables[t]!, pipeline, 1);
    graph.addEdge(pipeline, feature, 1);
    return { pipeline, feature, store: f.store === undefined ? undefined : stores[f.store]! };
  });
  const consumer = (name: string, kind: string, output: string, outputKind: string, inputs: number[]) => {
    const c = node('COMPUTATION', name, kind);
    const readStores = new Set<number>();
    for (const i of inputs) {
      graph.addEdge(features[i]!.feature, c, 1);
      const store = features[i]!.store;
      if (store !== undefined && !readStores.has(store)) {
        readStores.add(store);
        graph.addEdge(store, c, 1);
      }
    }
    graph.addEdge(c, node('ASSET', output, outputKind), 1);
  };
  p.rules.forEach((inputs, i) => consumer(`r${i}.evaluation`, 'RULE_EVALUATION', `r${i}`, 'RULE', inputs));
  p.models.forEach((inputs, i) => consumer(`m${i}.inference`, 'INFERENCE', `m${i}`, 'MODEL', inputs));
  const read = new Set([...p.rules.flat(), ...p.models.flat()]);
  return { graph, ids, features, read };
}

it('conserves cost with the online stores in the graph; a feature nothing reads keeps its own and its pipeline\'s cost unattributed', () => {
  fc.assert(
    fc.property(platform, (p) => {
      const { graph, ids, features, read } = build(p);
      const cost = new Map(ids.map((id, i) => [id, p.costSeed[i % 64]!]));
      const traffic = new Map(ids.map((id, i) => [id, p.traffic[i % 64]!]));
      const report = costAttribution(graph, { cost, split: p.split, traffic });
      const total = [...cost.values()].reduce((a, b) => a + b, 0);
      const tolerance = 1e-6 * Math.max(1, total);
      expect(Math.abs(report.totalCost - total)).toBeLessThanOrEqual(tolerance);
      expect(Math.abs(report.attributedTotal + report.unattributedTotal - total)).toBeLessThanOrEqual(tolerance);
      const terminals = [...report.attributed, ...report.unattributed];
      expect(Math.abs(terminals.reduce((sum, t) => sum + t.attributedCost, 0) - total)).toBeLessThanOrEqual(tolerance);
      // A store some rule or model reads passes all its cost on: it is never an unattributed terminal.
      const readStores = new Set(features.filter((_, i) => read.has(i)).map((f) => f.store).filter((s) => s !== undefined));
      for (const t of report.unattributed) {
        const n = graph.nodes.indexOf(t.id)!;
        expect(readStores.has(n)).toBe(false);
        expect(t.reason).toBe((traffic.get(t.id) ?? 0) > 0 ? 'USED_OUTSIDE_GRAPH' : 'NO_CONSUMER');
      }
      // Nothing of an unread feature's own cost and its pipeline's leaks to a rule through a store.
      features.forEach((f, i) => {
        if (read.has(i)) return;
        const terminal = report.unattributed.find((t) => t.id === graph.nodes.id(f.feature))!;
        const own = cost.get(graph.nodes.id(f.feature))! + cost.get(graph.nodes.id(f.pipeline))!;
        expect(terminal.attributedCost).toBeGreaterThanOrEqual(own - tolerance);
      });
    }),
    { numRuns: Number(process.env.FC_RUNS ?? 300) },
  );
});
