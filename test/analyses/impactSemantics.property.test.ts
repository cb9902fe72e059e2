import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { impactOf, type ImpactReport } from '../../graph-model/analyses/impact.js';
import { nodeId } from '../../graph-model/ids.js';
import { VersionedGraph } from '../../graph-model/index/versionedGraph.js';

/**
 * Invariants of impact over random small graphs: assets 0..5 (fields a, b, c), jobs 0..4, reads
 * and writes between them, field edges for some reads, and some reads declared optional.
 */
const FIELDS = ['a', 'b', 'c'];
const spec = fc.record({
  reads: fc.array(fc.record({ asset: fc.nat(5), job: fc.nat(4), optional: fc.boolean() }), { maxLength: 14 }),
  writes: fc.array(fc.record({ job: fc.nat(4), asset: fc.nat(5) }), { maxLength: 10 }),
  fieldReads: fc.array(fc.record({ job: fc.nat(4), asset: fc.nat(5), field: fc.constantFrom(...FIELDS, '') }), { maxLength: 12 }),
  root: fc.nat(5),
  field: fc.constantFrom(...FIELDS),
});
type Spec = typeof spec extends fc.Arbitrary<infer T> ? T : never;

const assetId = (i: number) => nodeId('ASSET', 'prop', `t${i}`);

function build(s: Spec, optionalFrom?: number): VersionedGraph {
  const graph = new VersionedGraph();
  graph.version = 1;
  const assets = [0, 1, 2, 3, 4, 5].map((i) => {
    const n = graph.addNode(assetId(i), 'ASSET', 'prop', `t${i}`);
    graph.addNodeVersion(n, { fromVersion: 1, kind: 'TABLE', fields: FIELDS });
    return n;
  });
  const reads = new Set(s.reads.map((r) => `${r.asset}>${r.job}`));
  for (const f of s.fieldReads) reads.add(`${f.asset}>${f.job}`);
  const optionalReads = new Set(s.reads.filter((r) => r.optional).map((r) => `${r.asset}>${r.job}`));
  const optional = (job: number) =>
    [...reads]
      .map((key) => key.split('>').map(Number) as [number, number])
      .filter(([a, j]) => j === job && (optionalFrom === undefined ? optionalReads.has(`${a}>${j}`) : a === optionalFrom))
      .map(([a]) => assetId(a));
  const jobs = [0, 1, 2, 3, 4].map((j) => {
    const n = graph.addNode(nodeId('COMPUTATION', 'prop', `j${j}`), 'COMPUTATION', 'prop', `j${j}`);
    graph.addNodeVersion(n, { fromVersion: 1, kind: 'BATCH_JOB', optionalInputs: optional(j) });
    return n;
  });
  for (const key of reads) {
    const [a, j] = key.split('>').map(Number);
    graph.addEdge(assets[a!]!, jobs[j!]!, 1);
  }
  for (const w of new Set(s.writes.map((x) => `${x.job}>${x.asset}`))) {
    const [j, a] = w.split('>').map(Number);
    graph.addEdge(jobs[j!]!, assets[a!]!, 1);
  }
  for (const f of s.fieldReads) {
    graph.addFieldEdge({ computation: jobs[f.job]!, input: assets[f.asset]!, inputField: f.field, output: assets[(f.asset + 1) % 6]!, outputField: '', fromVersion: 1 });
  }
  return graph;
}

const RANK = { BROKEN: 2, DEGRADED: 1 } as const;
function statuses(report: ImpactReport): Map<string, number> {
  return new Map([...report.broken, ...report.degraded].map((n) => [n.id, RANK[n.status]]));
}

describe('impact invariants', () => {
  it('impact at field level is a subset of impact at asset level, no node worse', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const graph = build(s);
        const fieldLevel = statuses(impactOf(graph, { mode: 'SCHEMA_CHANGE', fields: [{ id: assetId(s.root), field: s.field }] }));
        const assetLevel = statuses(impactOf(graph, { mode: 'DELETE', ids: [assetId(s.root)] }));
        // A changed root broken back through a cycle is listed; a deleted one is the root itself.
        assetLevel.set(assetId(s.root), RANK.BROKEN);
        for (const [id, status] of fieldLevel) {
          expect(assetLevel.has(id)).toBe(true);
          expect(status).toBeLessThanOrEqual(assetLevel.get(id)!);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("an optional input's failure never makes a node BROKEN by itself", () => {
    fc.assert(
      fc.property(spec, fc.constantFrom<'DELETE' | 'CUTOFF' | 'SCHEMA_CHANGE'>('DELETE', 'CUTOFF', 'SCHEMA_CHANGE'), (s, mode) => {
        // Every read of the root is optional, and the root is all that fails.
        const graph = build(s, s.root);
        const report =
          mode === 'SCHEMA_CHANGE'
            ? impactOf(graph, { mode, fields: [{ id: assetId(s.root), field: s.field }] })
            : impactOf(graph, { mode, ids: [assetId(s.root)] });
        expect(report.broken).toEqual([]);
        for (const n of report.degraded) if (n.type === 'COMPUTATION' && n.decidedBy === assetId(s.root)) expect(n.inputSemantics).toBe('OPTIONAL');
      }),
      { numRuns: 300 },
    );
  });
});
