import path from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { FIXTURES, WAREHOUSE, readSql } from './lineageFixtures.js';

describeEachEngine('sql ingestor: renames and drops later in a script', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(() => {
    store = shared.store();
  });

  it('asserts a renamed table under its new name only, and no table that is created and dropped unused', async () => {
    const input = { path: path.join(FIXTURES, 'postgresql', 'lifecycle.sql'), dialect: 'postgresql', namespace: WAREHOUSE };
    const { changeset } = await readSql(input, { store });
    const assets = (changeset.assets ?? []).map((a) => a.name).sort();
    expect(assets).toEqual(['mart.txn_copy', 'ods.legacy', 'ods.legacy_old', 'ods.txn', 'stage.txn']);
    // The columns the CTAS gave the table stay with it under the new name.
    expect(changeset.assets?.find((a) => a.name === 'stage.txn')?.definition?.fields?.map((f) => f.name).sort()).toEqual(['amount', 'txn_id']);
  });
});
