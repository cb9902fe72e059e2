import fc from 'fast-check';
import { expect, it } from 'vitest';
import { searchNodes, type SearchKey } from '../../graph-model/analyses/searchNodes.js';
import { VersionedGraph } from '../../graph-model/index/versionedGraph.js';

const names = ['orders', 'Orders_Daily', 'users', 'card_bin', 'risk.card_age', 'ods.orders', 'x'];
const kinds = ['TABLE', 'FEATURE', 'RULE'];

it('pages through exactly the matching nodes at a version, in (name, namespace, id) order, whatever the page size', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ name: fc.constantFrom(...names), ns: fc.constantFrom('hive://a', 'hive://B', 'kafka://c'), kind: fc.constantFrom(...kinds), from: fc.integer({ min: 1, max: 3 }), owner: fc.constantFrom('team-a', 'team-b') }), { maxLength: 40 }),
      fc.constantFrom('', 'orders', 'ORD daily', 'card', 'hive b', 'zzz'),
      fc.option(fc.constantFrom('TABLE', 'RULE'), { nil: undefined }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 3 }),
      (rows, text, kind, pageSize, version) => {
        const graph = new VersionedGraph();
        const seen = new Set<string>();
        rows.forEach((r, i) => {
          const id = `a${i}`;
          if (seen.has(`${r.ns}/${r.name}`)) return;
          seen.add(`${r.ns}/${r.name}`);
          graph.addNodeVersion(graph.addNode(id, 'ASSET', r.ns, r.name), { fromVersion: r.from, kind: r.kind, owners: [r.owner] });
        });
        graph.version = 3;
        const words = text.toLowerCase().split(/\s+/).filter(Boolean);
        const expected = rows
          .map((r, i) => ({ ...r, id: `a${i}` }))
          .filter((r) => graph.nodeAt(r.id, version) !== undefined)
          .filter((r) => (kind ? r.kind === kind : true) && r.owner === 'team-a')
          .filter((r) => words.every((w) => r.name.toLowerCase().includes(w) || r.ns.toLowerCase().includes(w)))
          .map((r) => ({ name: r.name, namespace: r.ns, id: r.id }))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.id < b.id ? -1 : 1));
        const got: SearchKey[] = [];
        let after: SearchKey | undefined;
        for (let guard = 0; guard < 100; guard++) {
          const result = searchNodes(graph, { text, kinds: kind ? [kind] : undefined, owner: 'team-a', asOf: version, limit: pageSize, after });
          expect(result.total).toBe(expected.length);
          got.push(...result.hits.map((h) => ({ name: h.name, namespace: h.namespace, id: h.id })));
          if (result.hits.length < pageSize) break;
          after = got[got.length - 1];
        }
        expect(got).toEqual(expected);
      },
    ),
    { numRuns: 300 },
  );
});
