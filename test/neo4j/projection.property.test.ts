import fc from 'fast-check';
import { expect, it } from 'vitest';
import { Neo4jProjection } from '../../graph-model/neo4j/neo4jProjection.js';
import { changesetArb } from '../support/changesetArb.js';
import { describeEachEngine, resetStore, useStore } from '../support/engines.js';
import { neo4jSnapshotAt, storeSnapshotAt } from '../support/neo4jSnapshot.js';
import { describeWithNeo4j, emptyNeo4j, useNeo4j } from '../support/neo4jSuite.js';

// A real database per run: kept modest (FC_RUNS raises it).
const RUNS = Number(process.env.FC_RUNS ?? 12);

describeWithNeo4j('the Neo4j projection, property-tested', () => {
  const neo4j = useNeo4j();

  describeEachEngine('against the store', (engine) => {
    const shared = useStore(engine);

    it('at every version, the projection read by its intervals is the store at that version, however the sync was split', { timeout: 900_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(changesetArb, { minLength: 1, maxLength: 7 }), fc.nat(7), async (changesets, split) => {
          const store = shared.store();
          await resetStore(store);
          await emptyNeo4j(neo4j.driver());
          for (const changeset of changesets) await store.apply(changeset);
          const latest = await store.currentVersion();
          const projection = new Neo4jProjection(neo4j.driver(), store.db, undefined);
          // A sync stopped at `split` and resumed later holds what one sync to the end holds.
          await projection.catchUp({ upTo: Math.min(split, latest) });
          await projection.catchUp();
          expect((await projection.state()).version).toBe(latest);
          for (let v = 0; v <= latest; v++) {
            expect(await neo4jSnapshotAt(neo4j.driver(), v)).toEqual(await storeSnapshotAt(store, v));
          }
        }),
        { numRuns: RUNS },
      );
    });
  });
});
