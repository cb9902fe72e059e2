import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

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
