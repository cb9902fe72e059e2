import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { runIngestor } from '../../../ingestors/runIngestor.js';
import { parserDatabase } from '../../../ingestors/sql/dialects.js';
import { sqlIngestor } from '../../../ingestors/sql/index.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { WAREHOUSE, readSql } from './lineageFixtures.js';
import { actualComputations, cases, folders, CORPUS, type Expected } from './corpus.js';

describeEachEngine('sql ingestor: dialect corpus', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(() => {
    store = shared.store();
  });

  it('has cases, in folders named by dialects the ingestor knows', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    // A misspelled folder would otherwise fail every case in it with a less telling error.
    for (const folder of folders) expect(() => parserDatabase(folder), folder).not.toThrow();
  });

  for (const { dialect, name } of cases) {
    it(`${dialect}/${name}: exactly the expected lineage and errors; a re-ingest makes no new version`, async () => {
      const file = path.join(CORPUS, dialect, name);
      const expected = JSON.parse(readFileSync(file.replace(/\.sql$/, '.expected.json'), 'utf8')) as Expected;
      const input = { path: file, dialect, namespace: WAREHOUSE };
      const { changeset, errors } = await readSql(input, { store });
      expect(actualComputations(changeset)).toEqual(expected.computations);
      expect(errors.map((error) => error.location)).toEqual(expected.errors.map((error) => error.location));
      errors.forEach((error, i) => expect(error.message).toContain(expected.errors[i]!.messageContains));

      const report = await runIngestor(store, sqlIngestor, input);
      expect(report.versions).toEqual(Object.keys(expected.computations).length > 0 ? [1] : []);
      expect((await runIngestor(store, sqlIngestor, input)).versions).toEqual([]);
    });
  }
});
