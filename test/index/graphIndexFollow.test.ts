import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import type { IndexAdvance } from '../../graph-model/index/indexAdvance.js';
import { applyChangeset } from '../../graph-model/store/applyChangeset.js';
import { pipeline, table } from '../support/builders.js';
import { changesetArb } from '../support/changesetArb.js';
import { describeEachEngine, resetStore, useStore } from '../support/engines.js';
import { waitUntil } from '../support/waitUntil.js';
import { indexSnapshot, storeSnapshot } from './indexSnapshot.js';

const RUNS = Number(process.env.FC_RUNS ?? 15);

/** Each catch-up starts where the one before ended: no version skipped or applied twice. */
function ranges(advances: IndexAdvance[]): [number, number][] {
  return advances.map((a) => [a.since, a.upTo]);
}

function contiguous(advances: IndexAdvance[], from: number): boolean {
  return advances.every((a, i) => a.since === (i === 0 ? from : advances[i - 1]!.upTo) && a.upTo > a.since);
}

describeEachEngine('the graph index following the feed', (engine) => {
  const shared = useStore(engine);

  it('applies a version the feed announces during the first load once, not by the load and a catch-up both', async () => {
    const store = shared.store();
    // Committed without telling the feed, as by another process whose notification is on its way.
    const { version } = await applyChangeset(store.db, pipeline());
    const loading = GraphIndex.load(store);
    store.feed.publish(version);
    const index = await loading;
    try {
      await index.waitFor(version);
      // Let a catch-up started by the announcement run to its end, if one was started.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(index.version).toBe(version);
      expect(indexSnapshot(index, version)).toEqual(await storeSnapshot(store, version));
    } finally {
      index.close();
    }
  });

  it('applies every version once, in order, whatever the feed and waiters announce, and however often', async () => {
    const store = shared.store();
    type Step = { kind: 'commit'; announce: boolean } | { kind: 'publish'; back: number } | { kind: 'wait'; ahead: number };
    const stepArb: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('commit' as const), announce: fc.boolean() }),
      fc.record({ kind: fc.constant('publish' as const), back: fc.nat(3) }),
      fc.record({ kind: fc.constant('wait' as const), ahead: fc.integer({ min: -2, max: 1 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(changesetArb, { minLength: 2, maxLength: 6 }), fc.array(stepArb, { minLength: 1, maxLength: 12 }), fc.nat(3), async (changesets, steps, before) => {
        await resetStore(store);
        let committed = 0;
        const commit = async (announce: boolean) => {
          const cs = changesets[committed % changesets.length]!;
          const result = await applyChangeset(store.db, { ...cs, source: `${cs.source}:${committed}` });
          committed++;
          if (announce && result.changed) store.feed.publish(result.version);
        };
        for (let i = 0; i < Math.min(before, changesets.length); i++) await commit(false);
        // Announcements race the first load too.
        const loading = GraphIndex.load(store, { pageRows: 2 });
        store.feed.publish(await store.currentVersion());
        const index = await loading;
        const loadedAt = index.version;
        const advances: IndexAdvance[] = [];
        index.onAdvance((a) => advances.push(a));
        const waits: Promise<unknown>[] = [];
        try {
          for (const step of steps) {
            const latest = await store.currentVersion();
            if (step.kind === 'commit') await commit(step.announce);
            else if (step.kind === 'publish') store.feed.publish(latest - step.back);
            else waits.push(index.waitFor(Math.max(0, latest + step.ahead), 10_000));
          }
          // One more version, announced, for the waiters that asked one ahead.
          const { version: latest } = await applyChangeset(store.db, { source: 'test:last', mode: 'delta', assets: [table(`last${committed}`)] });
          store.feed.publish(latest);
          await index.waitFor(latest, 10_000);
          await Promise.all(waits);
          expect(contiguous(advances, loadedAt), JSON.stringify(ranges(advances))).toBe(true);
          expect(index.version).toBe(latest);
          for (let at = 0; at <= latest; at++) expect(indexSnapshot(index, at)).toEqual(await storeSnapshot(store, at));
        } finally {
          index.close();
        }
      }),
      { numRuns: RUNS },
    );
  }, 240_000);
});

// On PGlite the store has no listener: no announcement but the test's own can reach the index. (On
// PostgreSQL the commit's NOTIFY would race the break of the changeset log.)
describe('the graph index after a failed catch-up [pglite]', () => {
  const pglite = useStore('pglite');

  it('retries a failed catch-up by itself: the announcement that started it is the last one', async () => {
    const store = pglite.store();
    const v1 = (await store.apply(pipeline())).version;
    const index = await GraphIndex.load(store);
    try {
      const { version: v2 } = await applyChangeset(store.db, { source: 'test:late', mode: 'delta', assets: [table('late')] });
      // The changeset log cannot be read for a while (a restarting database fails the same way).
      await store.db.exec('ALTER TABLE changeset RENAME TO changeset_away');
      try {
        store.feed.publish(v2);
        await waitUntil('the catch-up fails', () => index.lastError !== null);
        // Behind the feed since the announcement.
        await waitUntil('the index counts the seconds it is behind', () => index.lagSeconds() > 0);
      } finally {
        await store.db.exec('ALTER TABLE changeset_away RENAME TO changeset');
      }
      expect(index.version).toBe(v1);
      // No waitFor (it would ask again) and no further commit: the index must come back on its own.
      await waitUntil(`the index reaches version ${v2}`, () => index.version === v2, 10_000);
      expect(index.lastError).toBeNull();
      expect(index.lagSeconds()).toBe(0);
      expect(indexSnapshot(index, v2)).toEqual(await storeSnapshot(store, v2));
    } finally {
      index.close();
    }
  });
});
