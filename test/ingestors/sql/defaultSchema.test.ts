import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { WAREHOUSE, edgesOf, readSql } from './lineageFixtures.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sql-default-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachEngine('sql ingestor: a default schema for unqualified names', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(() => {
    store = shared.store();
  });

  it('puts unqualified tables in the given schema until the script says otherwise; qualified names and CTEs stay as written', async () => {
    const file = path.join(dir, 'load.sql');
    writeFileSync(
      file,
      [
        'INSERT INTO target_tab WITH c AS (SELECT user_id FROM source_tab) SELECT user_id FROM c JOIN crm.users u USING (user_id);',
        'SET search_path TO mart;',
        'INSERT INTO daily SELECT user_id FROM target_tab;',
      ].join('\n'),
    );
    const { changeset, errors } = await readSql({ path: file, dialect: 'postgresql', namespace: WAREHOUSE, defaultSchema: 'ODS' }, { store });
    expect(errors).toEqual([]);
    expect(edgesOf(changeset, 'load.sql#1')).toEqual(['reads crm.users', 'reads ods.source_tab', 'writes ods.target_tab']);
    expect(edgesOf(changeset, 'load.sql#3')).toEqual(['reads mart.target_tab', 'writes mart.daily']);
  });
});
