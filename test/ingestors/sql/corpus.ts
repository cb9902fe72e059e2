import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Changeset } from '../../../graph-model/model.js';
import { FIXTURES, edgesOf, fieldEdgesOf } from './lineageFixtures.js';

/**
 * The measurement corpus: `<dialect>/<case>.sql` beside its hand-derived
 * `<case>.expected.json`. A write is keyed by its name (`<case>.sql#<n>`); a read-only SELECT,
 * whose name is a hash, by `select: <its text, whitespace collapsed>`.
 */
export interface ExpectedComputation {
  kind: string;
  edges: string[];
  fieldEdges: string[];
  /** For read-only SELECTs: `properties.columnsRead`. */
  columnsRead?: Record<string, string[]>;
}
export interface Expected {
  computations: Record<string, ExpectedComputation>;
  errors: { location: string; messageContains: string }[];
}

/** Fixture folders older than the corpus, and live_pg (needs a PostgreSQL), each with its own test; every other folder is a dialect. */
const NOT_DIALECTS = new Set(['hive_dw', 'merge', 'pg_mart', 'live_pg']);
export const CORPUS = FIXTURES;
export const folders = readdirSync(CORPUS).filter((name) => statSync(path.join(CORPUS, name)).isDirectory() && !NOT_DIALECTS.has(name));
export const cases = folders
  .flatMap((dialect) =>
    readdirSync(path.join(CORPUS, dialect))
      .filter((name) => name.endsWith('.sql'))
      .map((name) => ({ dialect, name })),
  )
  .sort((a, b) => `${a.dialect}/${a.name}`.localeCompare(`${b.dialect}/${b.name}`));

export function actualComputations(changeset: Changeset): Record<string, ExpectedComputation> {
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

