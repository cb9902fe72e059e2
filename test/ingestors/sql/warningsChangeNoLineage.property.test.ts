import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { KnownTable } from '../../../ingestors/sql/knownSchemas.js';
import { lineageNotes } from '../../../ingestors/sql/lineage.js';
import { parseStatement } from '../../../ingestors/sql/parseStatement.js';
import type { LateralReading } from '../../../ingestors/sql/lateralAliases.js';
import { statementLineage } from '../../../ingestors/sql/statementLineage.js';

/**
 * The warnings' listener only listens: the lineage of a statement is the same with it as without,
 * whatever mix of `*`, aliases reused later in the select list, and tables of known and unknown
 * columns the statement has; and it notes a `*` table or a second reading only where the
 * statement has one.
 */
const TABLES: Record<string, KnownTable> = {
  'ods.known': { fields: [{ name: 'a' }, { name: 'b' }] },
  'ods.unknown': {},
  'ods.other': {},
};
const known = (table: string): KnownTable => TABLES[table] ?? {};

const item = fc.oneof(
  fc.constant('*'),
  fc.constantFrom('t.*', 'u.*'),
  fc.constantFrom('a', 'b', 'c', 't.a', 'u.c'),
  fc.tuple(fc.constantFrom('a', 'b', 'c', 'x', 'y'), fc.constantFrom('x', 'y', 'z')).map(([e, alias]) => `${e} AS ${alias}`),
  fc.tuple(fc.constantFrom('x', 'y', 'a'), fc.constantFrom('c', 'b')).map(([l, r]) => `${l} || ${r} AS w`),
);
const from = fc.constantFrom('ods.known t', 'ods.unknown t', 'ods.known t JOIN ods.other u ON t.a = u.a', 'ods.unknown t JOIN ods.other u ON t.a = u.c');

it('statement lineage is the same with the warnings listener as without, and notes only what the statement has', () => {
  fc.assert(
    fc.property(fc.array(item, { minLength: 1, maxLength: 5 }), from, fc.constantFrom<LateralReading>('both', 'alias', 'column'), (items, relations, reading) => {
      const text = `INSERT INTO dw.out SELECT ${items.join(', ')} FROM ${relations}`;
      const parsed = parseStatement(text, 'postgresql');
      if (!parsed.ok || parsed.statement.kind !== 'write') return;
      const notes = lineageNotes();
      const listened = statementLineage(parsed.statement, known, reading, notes);
      const plain = statementLineage(parsed.statement, known, reading);
      expect(listened).toEqual(plain);
      expect([...notes.unexpanded].sort()).toEqual([...new Set(plain.opaque)].sort());
      if (reading !== 'both') expect(notes.bothReadings.size).toBe(0);
      // A second reading only of a name an item is aliased as (an item named by its column reads that column either way).
      for (const name of notes.bothReadings.keys()) expect(items.some((i) => i.endsWith(` AS ${name}`)), text).toBe(true);
      // Over tables of known columns only, a name either is their column or is the alias: one reading.
      if (relations === 'ods.known t') expect(notes.bothReadings.size, text).toBe(0);
    }),
    { numRuns: 300 },
  );
});
