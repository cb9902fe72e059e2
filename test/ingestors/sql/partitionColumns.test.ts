import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { Write } from '../../../ingestors/sql/queryModel.js';
import { statementLineage } from '../../../ingestors/sql/statementLineage.js';

/** `INSERT ... PARTITION (...) SELECT c0, c1, ... FROM src`, as the Hive and Spark readers build it. */
function insert(selected: number, partitions: Write['partitions'], target = 'dw.t'): Write {
  const items = Array.from({ length: selected }, (_, i) => ({ expr: { kind: 'column' as const, column: `c${i}` } }));
  return { kind: 'write', mode: 'insert', target, columns: [], query: { ctes: [], items, from: [{ kind: 'table', name: 'src', using: [] }], groupBy: [], orderBy: [] }, ...(partitions ? { partitions } : {}) };
}

it('dynamic partition columns take the select list\'s last items, in order, whatever their names (target unknown)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), (selected, dynamic, statics) => {
      fc.pre(dynamic <= selected);
      const partitions = [
        ...Array.from({ length: statics }, (_, i) => ({ column: `s${i}`, dynamic: false })),
        ...Array.from({ length: dynamic }, (_, i) => ({ column: `p${i}`, dynamic: true })),
      ];
      const lineage = statementLineage(insert(selected, partitions), () => ({}));
      const names = lineage.outputs.map((o) => o.name);
      const expected = [...Array.from({ length: selected - dynamic }, (_, i) => `c${i}`), ...Array.from({ length: dynamic }, (_, i) => `p${i}`)];
      expect(names).toEqual(expected);
      // Each output still comes from the select item at its position; a static partition gets no edge.
      lineage.outputs.forEach((o, i) => expect(o.deps.map((d) => d.field)).toEqual([`c${i}`]));
    }),
  );
});

it('with the target\'s columns known, the data columns fill by position and static partition columns are skipped', () => {
  const known = () => ({ fields: [{ name: 'user_id' }, { name: 'url' }, { name: 'country' }, { name: 'dt' }] });
  const staticCountry = statementLineage(insert(3, [{ column: 'country', dynamic: false }, { column: 'dt', dynamic: true }]), known);
  expect(staticCountry.outputs.map((o) => [o.name, o.deps[0]!.field])).toEqual([['user_id', 'c0'], ['url', 'c1'], ['dt', 'c2']]);
  const allStatic = statementLineage(insert(2, [{ column: 'country', dynamic: false }, { column: 'dt', dynamic: false }]), known);
  expect(allStatic.outputs.map((o) => [o.name, o.deps[0]!.field])).toEqual([['user_id', 'c0'], ['url', 'c1']]);
});
