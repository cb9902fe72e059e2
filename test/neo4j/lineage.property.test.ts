import fc from 'fast-check';
import { expect, it } from 'vitest';
import { lineage, type LineageOptions, type LineageResult } from '../../graph-model/analyses/lineage.js';
import { nodeId } from '../../graph-model/ids.js';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import { Neo4jLineage } from '../../graph-model/neo4j/neo4jLineage.js';
import { Neo4jProjection } from '../../graph-model/neo4j/neo4jProjection.js';
import { changesetArb } from '../support/changesetArb.js';
import { describeEachEngine, resetStore, useStore } from '../support/engines.js';
import { describeWithNeo4j, emptyNeo4j, useNeo4j } from '../support/neo4jSuite.js';

// A real store and Neo4j per run: kept modest (FC_RUNS raises it).
const RUNS = Number(process.env.FC_RUNS ?? 8);

// changesetArb's universe: assets t0..t4 and jobs job0..job2 in one namespace.
const NS = 'hive://warehouse';
const STARTS = [...[0, 1, 2, 3, 4].map((i) => nodeId('ASSET', NS, `t${i}`)), ...[0, 1, 2].map((i) => nodeId('COMPUTATION', NS, `job${i}`))];

const queryArb = fc.record({
  versionPick: fc.nat(20),
  start: fc.constantFrom(...STARTS),
  direction: fc.constantFrom<LineageOptions['direction']>('UPSTREAM', 'DOWNSTREAM', 'BOTH'),
  depth: fc.integer({ min: 0, max: 6 }),
  kinds: fc.option(fc.subarray(['TABLE', 'STREAM', 'BATCH_JOB', 'QUERY'], { minLength: 1 }), { nil: undefined }),
  maxNodes: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
});

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The answer without the order of nodes within a distance, of edges and of collapsed paths' inner nodes (node integers in the index, ids in Neo4j). */
function comparable(result: LineageResult) {
  return {
    ...result,
    nodes: [...result.nodes].sort((a, b) => a.distance - b.distance || byText(a.id, b.id)),
    edges: [...result.edges].sort((a, b) => byText(a.from, b.from) || byText(a.to, b.to)),
    ...(result.collapsedEdges
      ? { collapsedEdges: result.collapsedEdges.map((c) => ({ ...c, through: [...c.through].sort(byText) })).sort((a, b) => byText(a.from, b.from) || byText(a.to, b.to)) }
      : {}),
  };
}

const ids = (result: LineageResult) => result.nodes.map((n) => n.id).sort(byText);

/** The ids of an unfiltered answer a kinds filter keeps: the start, and nodes of those kinds. */
function keptOf(result: LineageResult, start: string, kinds: string[] | undefined): string[] {
  return result.nodes.filter((n) => !kinds || n.id === start || kinds.includes(n.kind)).map((n) => n.id).sort(byText);
}

describeWithNeo4j('lineage from Neo4j, property-tested against the index', () => {
  const neo4j = useNeo4j();

  describeEachEngine('over random changeset sequences', (engine) => {
    const shared = useStore(engine);

    it('at random versions, from random nodes, up, down or both, equals the index node for node and edge for edge', { timeout: 900_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(changesetArb, { minLength: 1, maxLength: 7 }), fc.array(queryArb, { minLength: 1, maxLength: 6 }), async (changesets, queries) => {
          const store = shared.store();
          await resetStore(store);
          await emptyNeo4j(neo4j.driver());
          for (const changeset of changesets) await store.apply(changeset);
          await new Neo4jProjection(neo4j.driver(), store.db, undefined).catchUp();
          const index = await GraphIndex.load(store);
          const fromNeo4j = new Neo4jLineage(neo4j.driver(), undefined);
          for (const q of queries) {
            const options: LineageOptions = { ids: [q.start], direction: q.direction, depth: q.depth, asOf: q.versionPick % (index.version + 1), kinds: q.kinds, maxNodes: q.maxNodes };
            const expected = lineage(index, options);
            const actual = await fromNeo4j.lineage(options);
            if (expected.truncated) {
              // A cut visits as many nodes as the index's, but which ones depends on the order each
              // walks a level in; so with a kinds filter the kept count may differ. Both must be
              // their unfiltered cut, filtered by kind, and the unfiltered cuts the same size.
              const unfiltered = { ...options, kinds: undefined };
              const expectedAll = lineage(index, unfiltered);
              const actualAll = await fromNeo4j.lineage(unfiltered);
              expect({ n: actualAll.nodes.length, truncated: actual.truncated, reason: actual.truncatedReason, version: actual.version, notFound: actual.notFound }).toEqual({
                n: expectedAll.nodes.length,
                truncated: true,
                reason: expected.truncatedReason,
                version: expected.version,
                notFound: expected.notFound,
              });
              expect(ids(actual)).toEqual(keptOf(actualAll, q.start, q.kinds));
              expect(ids(expected)).toEqual(keptOf(expectedAll, q.start, q.kinds));
            } else {
              expect(comparable(actual)).toEqual(comparable(expected));
            }
          }
        }),
        { numRuns: RUNS },
      );
    });
  });
});
