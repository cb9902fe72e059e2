import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { WAREHOUSE, readSql } from './lineageFixtures.js';

const CHECK = 'SELECT user_id FROM ods.ods_blacklist WHERE reason = \'fraud\'';
// Written out by hand from the README's rule: SHA-256 of the text, whitespace runs collapsed, first 16 hex digits.
const CHECK_NAME = `check.sql#select:${createHash('sha256').update(CHECK).digest('hex').slice(0, 16)}`;

describeEachEngine('sql ingestor: read-only SELECT names', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  let dir: string;
  beforeEach(async () => {
    store = shared.store();
    dir = await mkdtemp(path.join(tmpdir(), 'sql-select-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function names(script: string): Promise<string[]> {
    const file = path.join(dir, 'check.sql');
    await writeFile(file, script);
    const { changeset } = await readSql({ path: file, dialect: 'postgresql', namespace: WAREHOUSE }, { store });
    return (changeset.computations ?? []).map((c) => c.name).sort();
  }

  it('names a SELECT by its text, so a statement added above it or a reflow does not rename it', async () => {
    expect(await names(`${CHECK};\n`)).toEqual([CHECK_NAME]);
    const reflowed = CHECK.replace(' FROM', '\n    FROM').replace(' WHERE', '\n  WHERE');
    expect(await names(`INSERT INTO dw.a SELECT id FROM ods.b;\n${reflowed};\n`)).toEqual(['check.sql#1', CHECK_NAME]);
  });

  it('makes the same SELECT written twice one computation', async () => {
    expect(await names(`${CHECK};\n${CHECK};\n`)).toEqual([CHECK_NAME]);
  });
});
