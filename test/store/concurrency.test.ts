import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Changeset } from '../../graph-model/model.js';
import { table } from '../support/builders.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/engines.js';
import { describe } from 'vitest';

describe.skipIf(!ENGINES.includes('postgres'))('concurrent writers [postgres]', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase('postgres');
  });
  afterEach(async () => database.dispose());

  it('never produce duplicate or missing versions', async () => {
    const [first, second] = await Promise.all([database.open(), database.open()]);
    const writes = (store: typeof first, source: string) =>
      Promise.all(
        Array.from({ length: 15 }, (_, i) => {
          const cs: Changeset = { source: `${source}-${i % 3}`, mode: 'delta', assets: [table(`${source}.t${i}`, ['id'])] };
          return store.apply(cs);
        }),
      );
    const [a, b] = await Promise.all([writes(first, 'one'), writes(second, 'two')]);
    const versions = [...a, ...b].map((r) => r.version).sort((x, y) => x - y);
    expect(versions).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const changesets = await first.changes(0, { limit: 1000 });
    expect(changesets.map((c) => c.version)).toEqual(versions);
    // Commit times never go backwards, so every timestamp maps to one version.
    const times = changesets.map((c) => Date.parse(c.committedAt));
    expect([...times].sort((x, y) => x - y)).toEqual(times);
  });
});
