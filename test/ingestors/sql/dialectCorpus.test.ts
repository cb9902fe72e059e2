import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import type { Changeset } from '../../../graph-model/model.js';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { runIngestor } from '../../../ingestors/runIngestor.js';
import { parserDatabase } from '../../../ingestors/sql/dialects.js';
import { sqlIngestor } from '../../../ingestors/sql/index.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { FIXTURES, WAREHOUSE, edgesOf, fieldEdgesOf, readSql } from './lineageFixtures.js';

/**
 * The measurement corpus: `<dialect>/<case>.sql` beside its hand-derived
 * `<case>.expected.json`. A write is keyed by its name (`<case>.sql#<n>`); a read-only SELECT,
 * whose name is a hash, by `select: <its text, whitespace collapsed>`.
 */
interface ExpectedComputation {
  kind: string;
  edges: string[];
  fieldEdges: string[];
  /** For read-only SELECTs: `properties.columnsRead`. */
  columnsRead?: Record<string, string[]>;
}
interface Expected {
  computations: Record<string, ExpectedComputation>;
  errors: { location: string; messageContains: string }[];
}

/** Fixture folders older than the corpus, each with its own test; every other folder is a dialect. */
const NOT_DIALECTS = new Set(['hive_dw', 'merge', 'pg_mart']);
const CORPUS = FIXTURES;
const folders = readdirSync(CORPUS).filter((name) => statSync(path.join(CORPUS, name)).isDirectory() && !NOT_DIALECTS.has(name));
const cases = folders
  .flatMap((dialect) =>
    readdirSync(path.join(CORPUS, dialect))
      .filter((name) => name.endsWith('.sql'))
      .map((name) => ({ dialect, name })),
  )
  .sort((a, b) => `${a.dialect}/${a.name}`.localeCompare(`${b.dialect}/${b.name}`));

function actualComputations(changeset: Changeset): Record<string, ExpectedComputation> {
  return Object.fromEntries(
    (changeset.computations ?? []).map((c) => {
      const readOnly = c.name.includes('#select:');
      const key = readOnly ? `select: ${c.definition!.code!.text.replace(/\s+/g, ' ').trim()}` : c.name;
      const columnsRead = c.definition?.properties?.columnsRead as Record<string, string[]> | undefined;
      const entry: ExpectedComputation = { kind: c.kind, edges: edgesOf(changeset, c.name), fieldEdges: fieldEdgesOf(changeset, c.name) };
      return [key, columnsRead ? { ...entry, columnsRead } : entry];
    }),
  );
}

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
