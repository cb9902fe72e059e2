import { expect, it } from 'vitest';
import { StoreRefusedError } from '../../graph-model/errors.js';
import { NS, pipeline, table } from '../support/builders.js';
import { describeEachEngine, useStore } from '../support/engines.js';

describeEachEngine('a changeset the database refuses', (engine) => {
  const shared = useStore(engine);

  it('is a rejection carrying the statement that failed, not "current transaction is aborted", and leaves the store writable', async () => {
    const store = shared.store();
    await store.apply(pipeline());
    // A real condition of the database that validation knows nothing of.
    await store.db.exec(`ALTER TABLE node ADD CONSTRAINT test_no_poison CHECK (name NOT LIKE '%poison%')`);
    try {
      // An existing node changes too: its reads are sent while the poisoned node's insert is under way,
      // and fail with "current transaction is aborted" before that insert's own failure is awaited.
      const changeset = { ...pipeline(), mode: 'delta' as const, assets: [table('shop.public.orders', ['id', 'user_id', 'amount', 'currency']), table('risk.poison')] };
      const error = await store.apply(changeset).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StoreRefusedError);
      const refused = error as StoreRefusedError;
      expect(refused.sqlState).toBe('23514');
      expect(refused.cause.message).toContain('test_no_poison');
      expect(refused.errorId).toMatch(/^[0-9a-f]{12}$/);
      // What clients are shown names the error id, not the database's text.
      expect(refused.issues).toEqual([{ code: 'STORE_REFUSED', path: '(changeset)', message: expect.stringContaining(`error id ${refused.errorId}`) }]);
      expect(refused.issues[0]!.message).not.toContain('test_no_poison');
      expect(await store.currentVersion()).toBe(1);
      expect(await store.apply({ source: 'next', mode: 'delta', assets: [table('risk.fine')] })).toMatchObject({ changed: true, version: 2 });
      expect(await store.nodeByName('ASSET', NS, 'risk.poison')).toBeNull();
    } finally {
      await store.db.exec('ALTER TABLE node DROP CONSTRAINT test_no_poison');
    }
  });
});
