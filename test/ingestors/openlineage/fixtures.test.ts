import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { openLineageIngestor } from '../../../ingestors/openlineage/index.js';
import { runIngestor } from '../../../ingestors/runIngestor.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { graphSnapshot } from './graphSnapshot.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/openlineage/', import.meta.url));

/** Every event file under the fixtures folder, each with its hand-checked `<name>.expected.json` beside it. */
function eventFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return eventFiles(path);
      return /\.(json|ndjson|jsonl)$/.test(entry.name) && !entry.name.endsWith('.expected.json') ? [path] : [];
    })
    .sort();
}

function expectedOf(file: string): unknown {
  return JSON.parse(readFileSync(file.replace(/\.(json|ndjson|jsonl)$/, '.expected.json'), 'utf8'));
}

describeEachEngine('OpenLineage fixtures', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(() => {
    store = shared.store();
  });

  it('has fixtures to ingest', () => {
    expect(eventFiles(FIXTURES).length).toBeGreaterThanOrEqual(13);
  });

  for (const file of eventFiles(FIXTURES)) {
    it(`ingests ${relative(FIXTURES, file)} to exactly the expected graph, and again to no new version`, async () => {
      const report = await runIngestor(store, openLineageIngestor, file);
      expect(report.errors).toEqual([]);
      expect(await graphSnapshot(store)).toEqual(expectedOf(file));
      const version = await store.currentVersion();
      const again = await runIngestor(store, openLineageIngestor, file);
      expect(again.errors).toEqual([]);
      expect(again.versions).toEqual([]);
      expect(await store.currentVersion()).toBe(version);
    });
  }
});
