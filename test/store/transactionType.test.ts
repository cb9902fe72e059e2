import { afterEach, beforeEach, expect, it } from 'vitest';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { lockWriter } from '../../graph-model/store/operations/lockWriter.js';
import { pipeline } from '../support/builders.js';
import { createTestDatabase, describeEachEngine, type TestDatabase } from '../support/engines.js';

describeEachEngine('the transaction type', (engine) => {
  let database: TestDatabase;
  let store: GraphStore;
  beforeEach(async () => {
    database = await createTestDatabase(engine);
    store = await database.open();
  });
  afterEach(async () => database.dispose());

  it('is what Db.transaction hands out, and a write-path operation takes only that', async () => {
    await store.apply(pipeline());
    // The writer lock is transaction-scoped: taken on the pool or a session it would end at once.
    // Typechecked by `tsc -p tsconfig.json` (which includes test/): a Db is not a Tx.
    // @ts-expect-error a Db is not a transaction
    const outsideTransaction = () => lockWriter(store.db);
    expect(typeof outsideTransaction).toBe('function');
    const current = await store.db.transaction((tx) => lockWriter(tx));
    expect(current).toBe(1);
  });
});
