/**
 * The column-level tests of reata/sqllineage (tests/sql/column/, MIT), transcribed as data under
 * test/fixtures/sql-peer/sqllineage-column/ (SOURCES.md there), and how one is run through our
 * ingestor and compared the way sqllineage's `assert_column_lineage_equal` compares: the set of
 * (first, last) columns of every lineage path of the whole case. Shared by `npm run bench --
 * sql-peer-column` and test/ingestors/sql/peerSuite.test.ts.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Changeset } from '../../../graph-model/model.js';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { parserDatabase, UnknownDialectError } from '../../../ingestors/sql/dialects.js';
import { splitStatements } from '../../../ingestors/sql/index.js';
import { readSql } from './lineageFixtures.js';

export const COLUMN_SUITE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/sql-peer/sqllineage-column');
export const PEER_NAMESPACE = 'peer://sqllineage';
/** The source that declares a case's `schemas` in the graph, as sqllineage's metadata provider does. */
export const PEER_METADATA_SOURCE = 'peer-metadata:sqllineage';

/** sqlfluff dialect names that are ours under another name: Databricks SQL is Spark SQL. */
export const DIALECT_ALIASES: Record<string, string> = { databricks: 'sparksql' };

export interface PeerColumnCase {
  name: string;
  dialects: string[];
  sql: string;
  /** `[source table | null, source column, target table, target column]`, as the peer asserts them. */
  lineage: [string | null, string, string, string][];
  /** The peer's metadata provider: table -> columns in order. */
  schemas?: Record<string, string[]>;
  /** Peer name of an unaliased expression output -> ours (`_c<position>`, ingestors/sql/README.md). */
  ourColumnNames?: Record<string, string>;
}

export interface ColumnRun {
  supported: boolean;
  statements: number;
  expected: string[];
  actual: string[];
  errors: string[];
}

export function columnCaseFiles(): { file: string; cases: PeerColumnCase[] }[] {
  return readdirSync(COLUMN_SUITE)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, cases: JSON.parse(readFileSync(path.join(COLUMN_SUITE, file), 'utf8')) as PeerColumnCase[] }));
}

const column = (table: string | null, name: string) => `${(table ?? '<unqualified>').toLowerCase()}.${name.toLowerCase()}`;

/** The peer's pairs with its unaliased-expression names mapped to ours. */
export function expectedPairs(c: PeerColumnCase): string[] {
  const ours = (name: string) => c.ourColumnNames?.[name] ?? name;
  return [...new Set(c.lineage.map(([st, sc, tt, tc]) => `${column(st, sc)} -> ${column(tt, ours(tc))}`))].sort();
}

/**
 * Our field edges as sqllineage's column graph: an edge to an output column (DIRECT, or INDIRECT
 * CONDITIONAL / WINDOW, which sqllineage also counts: every column of the item's expression) is a
 * column edge; the whole asset (field `''`) is `*`; INDIRECT edges to the whole target (JOIN, FILTER,
 * GROUP_BY, SORT) are not column lineage there and are left out. Then, as `get_column_lineage`, the
 * (first, last) column of every path from a column nothing writes to a column nothing reads.
 */
export function columnPairs(changeset: Changeset): string[] {
  const named = (ref: { namespace: string; name: string }) =>
    ref.namespace === PEER_NAMESPACE ? ref.name : `path:${ref.namespace}${ref.name.startsWith('/') ? '' : '/'}${ref.name}`;
  const next = new Map<string, Set<string>>();
  const hasInput = new Set<string>();
  for (const f of changeset.fieldEdges ?? []) {
    if (f.output.field === '' && f.transformation.type !== 'DIRECT') continue;
    const from = column(named(f.input), f.input.field || '*');
    const to = column(named(f.output), f.output.field || '*');
    next.set(from, (next.get(from) ?? new Set()).add(to));
    hasInput.add(to);
  }
  const pairs = new Set<string>();
  for (const start of next.keys()) {
    if (hasInput.has(start)) continue;
    const seen = new Set([start]);
    const stack = [start];
    while (stack.length > 0) {
      const at = stack.pop()!;
      const outs = next.get(at);
      if (!outs || outs.size === 0) {
        if (at !== start) pairs.add(`${start} -> ${at}`);
        continue;
      }
      for (const o of outs) if (!seen.has(o)) (seen.add(o), stack.push(o));
    }
  }
  return [...pairs].sort();
}

/** A case's schemas, declared by another source (a full changeset: it replaces the previous case's). */
export async function declareSchemas(store: GraphStore, schemas: Record<string, string[]>): Promise<void> {
  await store.apply({
    source: PEER_METADATA_SOURCE,
    mode: 'full',
    assets: Object.entries(schemas).map(([name, fields]) => ({
      namespace: PEER_NAMESPACE,
      name: name.toLowerCase(),
      kind: 'TABLE',
      definition: { fields: fields.map((f) => ({ name: f.toLowerCase() })) },
    })),
  });
}

/** Takes the declared schemas back out of the store, so the next case without schemas does not see them. */
export async function retractSchemas(store: GraphStore): Promise<void> {
  await store.apply({ source: PEER_METADATA_SOURCE, mode: 'full' });
}

export async function runColumnCase(c: PeerColumnCase, dialect: string, store: GraphStore, sqlFile: string): Promise<ColumnRun> {
  const statements = splitStatements(c.sql).length;
  const expected = expectedPairs(c);
  const ours = DIALECT_ALIASES[dialect] ?? dialect;
  try {
    parserDatabase(ours);
  } catch (error) {
    if (!(error instanceof UnknownDialectError)) throw error;
    return { supported: false, statements, expected, actual: [], errors: [`dialect "${dialect}" is not supported`] };
  }
  writeFileSync(sqlFile, c.sql);
  try {
    const { changeset, errors } = await readSql({ path: sqlFile, dialect: ours, namespace: PEER_NAMESPACE }, { store });
    return { supported: true, statements, expected, actual: columnPairs(changeset), errors: errors.map((e) => `${e.location ?? ''} ${e.message}`.trim()) };
  } catch (error) {
    return { supported: true, statements, expected, actual: [], errors: [`threw: ${(error as Error).message}`] };
  }
}
