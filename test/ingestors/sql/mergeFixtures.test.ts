import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { runIngestor } from '../../../ingestors/runIngestor.js';
import { sqlIngestor } from '../../../ingestors/sql/index.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { FIXTURES, WAREHOUSE, edgesOf, fieldEdgesOf, readSql } from './lineageFixtures.js';

const DIR = path.join(FIXTURES, 'merge');

/** `<name>.expected.json` beside each `<name>.sql`: checked by hand, change them together. */
interface Expected {
  dialect: string;
  computations: Record<string, { edges: string[]; fieldEdges: string[] }>;
  errors: { location: string; messageContains: string }[];
}

const scripts = readdirSync(DIR).filter((name) => name.endsWith('.sql')).sort();

describeEachEngine('sql ingestor: MERGE fixtures', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(() => {
    store = shared.store();
  });

  it('has fixtures', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(3);
  });

  for (const script of scripts) {
    it(`${script}: exactly the expected edges, field edges and errors, and the store accepts them`, async () => {
      const expected = JSON.parse(readFileSync(path.join(DIR, script.replace(/\.sql$/, '.expected.json')), 'utf8')) as Expected;
      const input = { path: path.join(DIR, script), dialect: expected.dialect, namespace: WAREHOUSE };
      const { changeset, errors } = await readSql(input, { store });
      const computations = Object.fromEntries(
        (changeset.computations ?? []).map((c) => [c.name, { edges: edgesOf(changeset, c.name), fieldEdges: fieldEdgesOf(changeset, c.name) }]),
      );
      expect(computations).toEqual(expected.computations);
      expect(errors.map((error) => error.location)).toEqual(expected.errors.map((error) => error.location));
      errors.forEach((error, i) => expect(error.message).toContain(expected.errors[i]!.messageContains));

      const report = await runIngestor(store, sqlIngestor, input);
      expect(report.versions).toEqual(Object.keys(expected.computations).length > 0 ? [1] : []);
      expect((await runIngestor(store, sqlIngestor, input)).versions).toEqual([]);
    });
  }
});
