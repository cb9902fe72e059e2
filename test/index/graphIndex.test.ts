import { expect, it } from 'vitest';
import { impactOf } from '../../graph-model/analyses/impact.js';
import { lineage } from '../../graph-model/analyses/lineage.js';
import { nodeId } from '../../graph-model/ids.js';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import type { Changeset } from '../../graph-model/model.js';
import { A, C, fieldEdge, job, NS, JOBS, pipeline, reads, table, writes } from '../support/builders.js';
import { describeEachEngine, useStore } from '../support/engines.js';
import { indexSnapshot, storeSnapshot } from './indexSnapshot.js';

const aid = (name: string) => nodeId('ASSET', NS, name);
const cid = (name: string) => nodeId('COMPUTATION', JOBS, name);

/** The issue's bipartite case: c1 reads A and B and writes X, c2 reads A and C and writes X. */
const issueCase: Changeset = {
  source: 'test:issue',
  mode: 'full',
  assets: [table('A', ['id', 'phone']), table('B'), table('C'), table('X', ['id', 'phone'], { definition: { fields: [{ name: 'id' }, { name: 'phone' }], owners: [{ name: 'team-x' }] } })],
  computations: [job('c1'), job('c2')],
  edges: [reads('A', 'c1'), reads('B', 'c1'), writes('c1', 'X'), reads('A', 'c2'), reads('C', 'c2'), writes('c2', 'X')],
  fieldEdges: [fieldEdge('c1', ['A', 'id'], ['X', 'id']), fieldEdge('c2', ['A', 'phone'], ['X', 'phone'])],
};

describeEachEngine('the graph index', (engine) => {
  const shared = useStore(engine);

  it('loads nodes (kind, owners, field names), edges and field edges as the store has them', async () => {
    const store = shared.store();
    await store.apply(pipeline());
    const v = (await store.apply(issueCase)).version;
    const index = await GraphIndex.load(store);
    try {
      expect(index.version).toBe(v);
      for (let at = 0; at <= v; at++) expect(indexSnapshot(index, at)).toEqual(await storeSnapshot(store, at));
      expect(index.nodes.versionAt(index.nodes.indexOf(aid('X'))!, v)).toMatchObject({ kind: 'TABLE', owners: ['team-x'], fields: ['id', 'phone'] });
    } finally {
      index.close();
    }
  });

  it('answers lineage and impact for the issue case from a loaded index', async () => {
    const store = shared.store();
    await store.apply(issueCase);
    const index = await GraphIndex.load(store);
    try {
      const b = impactOf(index, { ids: [aid('B')], mode: 'DELETE' });
      expect(b.broken.map((n) => n.id)).toEqual([cid('c1')]);
      expect(b.degraded.map((n) => [n.id, n.owners])).toEqual([[aid('X'), ['team-x']]]);
      const a = impactOf(index, { ids: [aid('A')], mode: 'DELETE' });
      expect(a.broken.map((n) => n.id).sort()).toEqual([aid('X'), cid('c1'), cid('c2')].sort());
      const phone = impactOf(index, { mode: 'SCHEMA_CHANGE', fields: [{ id: aid('A'), field: 'phone' }] });
      expect(phone.broken.map((n) => n.id)).toEqual([cid('c2')]);
      expect(phone.degraded.map((n) => n.id)).toEqual([aid('X')]);
    } finally {
      index.close();
    }
  });

  it('follows the change feed: new edges after waitFor, old versions unchanged, equal to a fresh load', async () => {
    const store = shared.store();
    const v1 = (await store.apply(issueCase)).version;
    const index = await GraphIndex.load(store);
    try {
      const added: Changeset = { source: 'test:late', mode: 'delta', assets: [table('Y')], computations: [job('c3')], edges: [reads('X', 'c3'), writes('c3', 'Y')] };
      const v2 = (await store.apply(added)).version;
      // A full sync of the issue source without c2's edges retracts them.
      const v3 = (await store.apply({ ...issueCase, edges: issueCase.edges!.filter((e) => e.from.name !== 'c2' && e.to.name !== 'c2') })).version;
      expect(await index.waitFor(v3)).toBe(v3);
      const downFromX = (asOf: number) => lineage(index, { ids: [aid('X')], direction: 'DOWNSTREAM', asOf }).nodes.map((n) => n.id).sort();
      expect(downFromX(v1)).toEqual([aid('X')]);
      expect(downFromX(v2)).toEqual([aid('X'), aid('Y'), cid('c3')].sort());
      const upFromX = (asOf: number) => lineage(index, { ids: [aid('X')], direction: 'UPSTREAM', asOf }).nodes.length;
      expect([upFromX(v1), upFromX(v2), upFromX(v3)]).toEqual([6, 6, 4]);
      const fresh = await GraphIndex.load(store);
      try {
        for (let at = 0; at <= v3; at++) {
          expect(indexSnapshot(index, at)).toEqual(indexSnapshot(fresh, at));
          expect(indexSnapshot(index, at)).toEqual(await storeSnapshot(store, at));
        }
      } finally {
        fresh.close();
      }
    } finally {
      index.close();
    }
  });

  it('stops following the feed once closed', async () => {
    const store = shared.store();
    await store.apply(issueCase);
    const index = await GraphIndex.load(store);
    index.close();
    const before = index.version;
    const next = (await store.apply({ source: 'test:after', mode: 'delta', assets: [table('Z')] })).version;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(index.version).toBe(before);
    await expect(index.waitFor(next, 100)).rejects.toThrow(/closed/);
  });

  it('waitFor times out with the version it is at', async () => {
    const store = shared.store();
    const index = await GraphIndex.load(store);
    try {
      await expect(index.waitFor(5, 50)).rejects.toThrow(/did not reach version 5 .*at 0/);
    } finally {
      index.close();
    }
  });

  // PGlite is in-process: a second store would be a second database.
  it.runIf(engine === 'postgres')('catches up versions committed by another process', async () => {
    const store = shared.store();
    await store.apply(issueCase);
    const index = await GraphIndex.load(store);
    try {
      const other = await shared.database().open();
      const v = (await other.apply({ source: 'test:other', mode: 'delta', assets: [table('W')], computations: [job('cw')], edges: [{ from: A('W'), to: C('cw') }] })).version;
      // NOTIFY tells this process; waitFor also asks the store in case a notification was missed.
      expect(await index.waitFor(v, 5000)).toBe(v);
      expect(index.nodeAt(aid('W'), v)).toBeDefined();
    } finally {
      index.close();
    }
  });
});
