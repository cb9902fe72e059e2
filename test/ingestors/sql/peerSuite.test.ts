import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GraphStore } from '../../../graph-model/store/graphStore.js';
import { COLUMN_SUITE, PEER_NAMESPACE, columnCaseFiles, columnPairs, declareSchemas, expectedPairs, retractSchemas, runColumnCase } from './peerColumnLineage.js';

/**
 * The transcribed reata/sqllineage table tests that `npm run bench -- sql-peer` measures on: a
 * case the bench cannot read (a missing field, a dialect list left empty) would silently drop
 * out of the figures, so the shape is checked here.
 */
const SUITE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/sql-peer/sqllineage-table');
const files = readdirSync(SUITE).filter((f) => f.endsWith('.json'));

describe('sql-peer suite (test/fixtures/sql-peer)', () => {
  it('has a file per transcribed sqllineage test file, each named in SOURCES.md', () => {
    const sources = readFileSync(path.join(SUITE, '../SOURCES.md'), 'utf8');
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) expect(sources, f).toContain(`| ${f} |`);
  });

  it.each(files)('%s: every case has a unique name, dialects, SQL and table lists', (f) => {
    const cases = JSON.parse(readFileSync(path.join(SUITE, f), 'utf8')) as Record<string, unknown>[];
    expect(cases.length).toBeGreaterThan(0);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    for (const c of cases) {
      expect(typeof c.name === 'string' && typeof c.sql === 'string' && (c.sql as string).trim() !== '', `${f} ${String(c.name)}`).toBe(true);
      expect(Array.isArray(c.dialects) && c.dialects.length > 0 && c.dialects.every((d) => /^[a-z0-9]+$/.test(d)), `${f} ${String(c.name)} dialects`).toBe(true);
      for (const side of ['sources', 'targets']) expect(Array.isArray(c[side]) && (c[side] as unknown[]).every((t) => typeof t === 'string' && t !== ''), `${f} ${String(c.name)} ${side}`).toBe(true);
    }
  });
});

/**
 * The transcribed reata/sqllineage column tests (`npm run bench -- sql-peer-column`): their shape,
 * the comparison the bench makes, and, through the real ingestor, which cases give exactly the
 * peer's lineage. A case listed in sqllineage-column-known-failures.txt must still differ from the
 * peer, every other case under a dialect we read must match it.
 */
describe('sql-peer column suite (test/fixtures/sql-peer/sqllineage-column)', () => {
  const columnFiles = columnCaseFiles();

  it('has a file per transcribed sqllineage column test file, each named in SOURCES.md', () => {
    const sources = readFileSync(path.join(COLUMN_SUITE, '../SOURCES.md'), 'utf8');
    expect(columnFiles.length).toBeGreaterThan(20);
    for (const { file } of columnFiles) expect(sources, file).toContain(`| ${file} |`);
  });

  it.each(columnFiles.map((f) => [f.file, f.cases] as const))('%s: every case has a unique name, dialects, SQL and well-formed lineage', (file, cases) => {
    expect(cases.length).toBeGreaterThan(0);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    for (const c of cases) {
      const where = `${file} ${c.name}`;
      expect(typeof c.sql === 'string' && c.sql.trim() !== '', where).toBe(true);
      expect(Array.isArray(c.dialects) && c.dialects.length > 0 && c.dialects.every((d) => /^[a-z0-9]+$/.test(d)), `${where} dialects`).toBe(true);
      expect(Array.isArray(c.lineage), `${where} lineage`).toBe(true);
      for (const pair of c.lineage) {
        expect(pair.length === 4 && (pair[0] === null || typeof pair[0] === 'string') && pair.slice(1).every((p) => typeof p === 'string' && p !== ''), `${where} ${JSON.stringify(pair)}`).toBe(true);
      }
      // A renamed output must be one the peer asserts, or the mapping would silently do nothing.
      for (const peerName of Object.keys(c.ourColumnNames ?? {})) expect(c.lineage.some((p) => p[3] === peerName), `${where} ourColumnNames ${peerName}`).toBe(true);
      for (const [table, columns] of Object.entries(c.schemas ?? {})) expect(table !== '' && columns.length > 0, `${where} schemas ${table}`).toBe(true);
    }
  });

  it('compares as sqllineage does: end-to-end pairs, `*` for the whole asset, no whole-target INDIRECT edges', () => {
    const ref = (name: string, field: string) => ({ type: 'ASSET' as const, namespace: PEER_NAMESPACE, name, field });
    const edge = (from: [string, string], to: [string, string], type: 'DIRECT' | 'INDIRECT', subtype: string) => ({
      computation: { namespace: PEER_NAMESPACE, name: 'x.sql#1' },
      input: ref(...from),
      output: ref(...to),
      transformation: { type, subtype },
    });
    const changeset = {
      source: 'sql:peer:x.sql',
      mode: 'full' as const,
      fieldEdges: [
        edge(['tab1', 'col1'], ['tab2', 'col1'], 'DIRECT', 'IDENTITY'),
        edge(['tab2', 'col1'], ['tab3', 'c'], 'DIRECT', 'TRANSFORMATION'),
        edge(['tab1', 'flag'], ['tab3', 'c'], 'INDIRECT', 'CONDITIONAL'),
        edge(['tab1', 'id'], ['tab3', ''], 'INDIRECT', 'JOIN'),
        edge(['tab4', ''], ['tab5', ''], 'DIRECT', 'IDENTITY'),
      ],
    };
    expect(columnPairs(changeset as never)).toEqual(['tab1.col1 -> tab3.c', 'tab1.flag -> tab3.c', 'tab4.* -> tab5.*']);
    expect(expectedPairs({ name: 'n', dialects: ['ansi'], sql: 's', lineage: [['TAB2', 'Col1', 'tab1', 'max(col1)']], ourColumnNames: { 'max(col1)': '_c0' } })).toEqual(['tab2.col1 -> tab1._c0']);
  });

  it('gives exactly the peer lineage for every case under a dialect we read, except the known failures', async () => {
    const knownFailures = new Set(
      readFileSync(path.join(COLUMN_SUITE, '../sqllineage-column-known-failures.txt'), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '' && !l.startsWith('#')),
    );
    const dir = mkdtempSync(path.join(tmpdir(), 'peer-column-'));
    const store = await GraphStore.open({ dataDir: 'memory' });
    const wrong: string[] = [];
    const fixed: string[] = [];
    const runs = new Set<string>();
    try {
      let n = 0;
      for (const { file, cases } of columnFiles) {
        for (const c of cases) {
          for (const dialect of c.dialects) {
            if (c.schemas) await declareSchemas(store, c.schemas);
            const run = await runColumnCase(c, dialect, store, path.join(dir, `case-${n++}.sql`));
            if (c.schemas) await retractSchemas(store);
            if (!run.supported) continue;
            const key = `${file.replace(/\.json$/, '')} ${c.name} [${dialect}]`;
            runs.add(key);
            const exact = run.errors.length === 0 && JSON.stringify(run.actual) === JSON.stringify(run.expected);
            if (!exact && !knownFailures.has(key)) wrong.push(`${key}: expected ${run.expected.join(', ')}; got ${run.actual.join(', ')} ${run.errors.join('; ')}`);
            if (exact && knownFailures.has(key)) fixed.push(key);
          }
        }
      }
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(wrong, 'cases that no longer match the peer').toEqual([]);
    expect(fixed, 'known failures that now match the peer: take them off the list').toEqual([]);
    expect([...knownFailures].filter((k) => !runs.has(k)), 'known failures that name no case').toEqual([]);
  }, 180_000);
});
