import { afterEach, beforeEach, expect, it } from 'vitest';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { JOBS, pipeline, table } from '../support/builders.js';
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

  it('tells of no version for runs recorded without one', async () => {
    await writer.apply(pipeline());
    const seen: number[] = [];
    const unsubscribe = writer.feed.subscribe((v) => seen.push(v));
    const run = { runId: '0176a8c2-fe01-7439-87e6-56a1a1b4029f', computation: { namespace: JOBS, name: 'enrich' }, state: 'START' as const };
    await writer.apply({ source: 'ol', mode: 'delta', runs: [run] });
    await writer.apply({ source: 'ol', mode: 'delta', assets: [table('shop.public.refunds')] });
    unsubscribe();
    expect(seen).toEqual([2]);
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

    it('sends no NOTIFY for runs recorded without a new version: the next one told is the next version', async () => {
      const reader = await database.open();
      const seen: number[] = [];
      reader.feed.subscribe((v) => seen.push(v));
      await writer.apply(pipeline());
      await reader.feed.waitFor(1, 5000);
      const run = { runId: '0176a8c2-fe01-7439-87e6-56a1a1b4029f', computation: { namespace: JOBS, name: 'enrich' }, state: 'START' as const };
      expect(await writer.apply({ source: 'ol', mode: 'delta', runs: [run] })).toMatchObject({ version: 1, changed: false });
      await writer.apply({ source: 'ol', mode: 'delta', assets: [table('shop.public.refunds')] });
      await expect(reader.feed.waitFor(2, 5000)).resolves.toBe(2);
      expect(seen).toEqual([1, 2]);
      // And the other process reads the run at version 1, where it was recorded.
      expect(await reader.run(run.runId, 1)).toMatchObject({ state: 'START', fromVersion: 1 });
    });
  }
});
