import { afterEach, beforeEach, expect, it } from 'vitest';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { pipeline, table } from '../support/builders.js';
import { createTestDatabase, describeEachEngine, ENGINES, type TestDatabase } from '../support/engines.js';

describeEachEngine('change feed', (engine) => {
  let database: TestDatabase;
  let writer: GraphStore;
  beforeEach(async () => {
    database = await createTestDatabase(engine);
    writer = await database.open();
  });
  afterEach(async () => database.dispose());

  it('tells this process of each new version once, in order, and not of no-op applies', async () => {
    const seen: number[] = [];
    const unsubscribe = writer.feed.subscribe((v) => seen.push(v));
    await writer.apply(pipeline());
    await writer.apply(pipeline());
    await writer.apply({ source: 'dbt:shop', mode: 'full', assets: [table('shop.public.orders')] });
    unsubscribe();
    expect(seen).toEqual([1, 2]);
    expect(writer.feed.version).toBe(2);
  });

  if (ENGINES.includes('postgres') && engine === 'postgres') {
    it('tells another process-like store of a commit through NOTIFY, without polling', async () => {
      const reader = await database.open();
      const seen: number[] = [];
      reader.feed.subscribe((v) => seen.push(v));
      const waiting = reader.feed.waitFor(1, 5000);
      await writer.apply(pipeline());
      await expect(waiting).resolves.toBe(1);
      expect(seen).toEqual([1]);
    });
  }
});
