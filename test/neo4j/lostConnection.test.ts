import { expect, it } from 'vitest';
import { Neo4jProjection } from '../../graph-model/neo4j/neo4jProjection.js';
import type { Queryable } from '../../graph-model/store/db.js';
import { describeEachEngine, useStore } from '../support/engines.js';
import { neo4jSnapshotAt, storeSnapshotAt } from '../support/neo4jSnapshot.js';
import { describeWithNeo4j, emptyNeo4j, testDriver, useNeo4j } from '../support/neo4jSuite.js';
import { startTcpProxy } from '../support/tcpProxy.js';
import { fourVersions } from './platform.js';

describeWithNeo4j('the sync when the driver loses its connection to Neo4j mid-changeset', () => {
  const neo4j = useNeo4j();

  describeEachEngine('from the changeset log', (engine) => {
    const shared = useStore(engine);

    it('retries the version whose transaction lost its connection, and projects every version once, the store unchanged', { timeout: 600_000 }, async () => {
      await emptyNeo4j(neo4j.driver());
      const store = shared.store();
      for (const changeset of fourVersions()) await store.apply(changeset);
      const storeBefore = await Promise.all([0, 1, 2, 3, 4].map((v) => storeSnapshotAt(store, v)));

      const proxy = await startTcpProxy('127.0.0.1', neo4j.server().port);
      const viaProxy = testDriver(proxy.url('bolt://127.0.0.1:1'));
      try {
        // The third read of version 3's rows from the store happens inside its Neo4j transaction,
        // after its nodes and edges were sent: the connection carrying that transaction is reset then.
        let readsOfVersion3 = 0;
        let dropped: number[] = [];
        const readsOf3 = new Map<string, number>();
        const db = store.db;
        const dropping: Queryable = {
          query: async (sql, params) => {
            if (params?.[0] === 3) readsOf3.set(sql + JSON.stringify(params), (readsOf3.get(sql + JSON.stringify(params)) ?? 0) + 1);
            if (params?.[0] === 3 && sql.includes('LIMIT $4') && ++readsOfVersion3 === 3) {
              dropped = proxy.upstreamPorts();
              proxy.dropAll();
            }
            return db.query(sql, params);
          },
          bulkInsert: db.bulkInsert.bind(db),
          exec: db.exec.bind(db),
        };
        const applied = await new Neo4jProjection(viaProxy, dropping, undefined).catchUp({ retry: { minMs: 10, maxMs: 50, attempts: 5 } });
        // Version 3 was read again: its transaction was run again after the reset (by the driver's
        // managed-transaction retry, which sees a lost connection first, or by the catch-up's).
        expect([...readsOf3.values()].some((times) => times > 1)).toBe(true);
        expect(proxy.upstreamPorts().some((port) => !dropped.includes(port))).toBe(true);
        // Each version applied once: the one that lost its connection rolled back, then applied whole.
        expect(applied.filter((a) => a.applied).map((a) => a.version)).toEqual([1, 2, 3, 4]);
      } finally {
        await viaProxy.close();
        await proxy.close();
      }
      for (let v = 0; v <= 4; v++) expect(await neo4jSnapshotAt(neo4j.driver(), v)).toEqual(storeBefore[v]);
      expect(await Promise.all([0, 1, 2, 3, 4].map((v) => storeSnapshotAt(store, v)))).toEqual(storeBefore);
    });
  });
});
