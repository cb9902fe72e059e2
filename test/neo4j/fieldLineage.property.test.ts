import fc from 'fast-check';
import { expect, it } from 'vitest';
import { lineage, type FieldRef, type LineageOptions, type LineageResult } from '../../graph-model/analyses/lineage.js';
import { nodeId } from '../../graph-model/ids.js';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import type { Changeset, FieldDef } from '../../graph-model/model.js';
import { Neo4jLineage } from '../../graph-model/neo4j/neo4jLineage.js';
import { Neo4jProjection } from '../../graph-model/neo4j/neo4jProjection.js';
import { changesetArb } from '../support/changesetArb.js';
import { describeEachEngine, resetStore, useStore } from '../support/engines.js';
import { describeWithNeo4j, emptyNeo4j, useNeo4j } from '../support/neo4jSuite.js';

// A real store and Neo4j per run: kept modest (FC_RUNS raises it).
const RUNS = Number(process.env.FC_RUNS ?? 8);

// changesetArb's universe: assets t0..t4 (fields id, amount, phone) and jobs job0..job2 in one namespace.
const NS = 'hive://warehouse';
const ASSETS = [0, 1, 2, 3, 4].map((i) => nodeId('ASSET', NS, `t${i}`));
const JOBS = [0, 1, 2].map((i) => nodeId('COMPUTATION', NS, `job${i}`));

/**
 * changesetArb with `phone` nested as `contact.phone` in every asset that has it, and each field
 * edge or tag on `phone` naming either `contact.phone` or its parent `contact`: field level
 * follows a parent into its children and back (fieldsOverlap), which flat fields never try.
 */
const nestedChangesetArb: fc.Arbitrary<Changeset> = fc.tuple(changesetArb, fc.array(fc.boolean(), { minLength: 12, maxLength: 12 })).map(([cs, parents]) => {
  let pick = 0;
  const nested = (field: string) => (field !== 'phone' ? field : parents[pick++ % parents.length] ? 'contact' : 'contact.phone');
  const nestFields = (fields: FieldDef[] | undefined) =>
    fields?.map((f) => (f.name === 'phone' ? { name: 'contact', fields: [{ name: 'phone' }] } : f));
  return {
    ...cs,
    assets: cs.assets?.map((a) => ({ ...a, definition: { ...a.definition, fields: nestFields(a.definition?.fields) } })),
    fieldEdges: cs.fieldEdges?.map((f) => ({ ...f, input: { ...f.input, field: nested(f.input.field) }, output: { ...f.output, field: nested(f.output.field) } })),
    tags: cs.tags?.map((t) => ({ ...t, field: t.field === undefined ? t.field : nested(t.field) })),
  };
});

const fieldRefArb: fc.Arbitrary<FieldRef> = fc.record({
  id: fc.constantFrom(...ASSETS, JOBS[0]!),
  field: fc.constantFrom('', 'id', 'amount', 'contact', 'contact.phone'),
});

const queryArb = fc.record({
  versionPick: fc.nat(20),
  // Several starts of both types: a computation's fields start at distance 1, an asset's at 0, in one queue.
  ids: fc.uniqueArray(fc.constantFrom(...ASSETS, ...JOBS), { maxLength: 3 }),
  fields: fc.array(fieldRefArb, { maxLength: 2 }),
  direction: fc.constantFrom<LineageOptions['direction']>('UPSTREAM', 'DOWNSTREAM', 'BOTH'),
  depth: fc.integer({ min: 0, max: 7 }),
  kinds: fc.option(fc.subarray(['TABLE', 'STREAM', 'BATCH_JOB', 'QUERY'], { minLength: 1 }), { nil: undefined }),
  maxNodes: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
});

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The answer with node edges and collapsed paths in one order: the index lists them by its edge
 * rows, Neo4j by ids. Nodes, distances, fields and field edges are compared in the order given.
 */
function comparable(result: LineageResult) {
  return {
    ...result,
    edges: [...result.edges].sort((a, b) => byText(a.from, b.from) || byText(a.to, b.to)),
    ...(result.collapsedEdges
      ? { collapsedEdges: result.collapsedEdges.map((c) => ({ ...c, through: [...c.through].sort(byText) })).sort((a, b) => byText(a.from, b.from) || byText(a.to, b.to)) }
      : {}),
  };
}

describeWithNeo4j('field-level lineage from Neo4j, property-tested against the index', () => {
  const neo4j = useNeo4j();

  describeEachEngine('over random changeset sequences with field edges', (engine) => {
    const shared = useStore(engine);

    it('at random versions, from random nodes and fields, up, down or both, equals the index node for node, field for field and edge for edge', { timeout: 900_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(nestedChangesetArb, { minLength: 1, maxLength: 7 }), fc.array(queryArb, { minLength: 1, maxLength: 8 }), async (changesets, queries) => {
          const store = shared.store();
          await resetStore(store);
          await emptyNeo4j(neo4j.driver());
          for (const changeset of changesets) await store.apply(changeset);
          await new Neo4jProjection(neo4j.driver(), store.db, undefined).catchUp();
          // Loaded from the store's rows, as a server starting loads it (Neo4j walks a field's edges in that order).
          const index = await GraphIndex.load(store);
          try {
            const fromNeo4j = new Neo4jLineage(neo4j.driver(), undefined);
            for (const q of queries) {
              const options: LineageOptions = {
                ids: q.ids,
                fields: q.fields,
                fieldLevel: true,
                direction: q.direction,
                depth: q.depth,
                asOf: q.versionPick % (index.version + 1),
                kinds: q.kinds,
                maxNodes: q.maxNodes,
              };
              const expected = lineage(index, options);
              const actual = await fromNeo4j.lineage(options);
              expect(comparable(actual), JSON.stringify(options)).toEqual(comparable(expected));
            }
          } finally {
            index.close();
          }
        }),
        { numRuns: RUNS },
      );
    });
  });
});
