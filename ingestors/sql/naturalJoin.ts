/**
 * NATURAL JOIN joins on the columns of the same name in both sides, and a `*` over it shows each
 * of them once (first, in the left side's order), then the left side's other columns, then the
 * right side's. Which columns those are needs both sides' columns: from the run's CREATE TABLEs,
 * the graph or a live PostgreSQL (knownSchemas.ts), or a subquery's select list. When a side's
 * columns are unknown, so are the join columns: the join reads both tables but adds no JOIN edge,
 * and a `*` over it lists each side's known columns as they are (a shared one twice).
 */
import { dedupe, type OutputColumn } from './lineage.js';

/** The columns a relation joined by NATURAL JOIN shares with those before it; none when either side's columns are unknown. */
export function naturalColumns(before: (readonly string[] | undefined)[], joined: readonly string[] | undefined): string[] {
  if (!joined) return [];
  const left = new Set(before.flatMap((columns) => columns ?? []));
  return joined.filter((column) => left.has(column));
}

/**
 * A `*` over a FROM whose relations `shared[i]` lists the NATURAL JOIN columns of (empty or absent
 * for other joins): each shared column once, with the inputs of both sides (an outer natural join
 * coalesces them; an inner one has them equal: either way the value is read from both).
 */
export function naturalStar(expansions: { columns: OutputColumn[]; opaque: string[] }[], shared: (readonly string[] | undefined)[]): { columns: OutputColumn[]; opaque: string[] } {
  let columns: OutputColumn[] = [];
  const opaque: string[] = [];
  expansions.forEach((expansion, i) => {
    opaque.push(...expansion.opaque);
    const on = new Set(shared[i] ?? []);
    if (on.size === 0) {
      columns.push(...expansion.columns);
      return;
    }
    const isShared = (column: OutputColumn) => column.name !== undefined && on.has(column.name);
    const merged = columns.filter(isShared).map((column) => ({
      name: column.name,
      deps: dedupe([...column.deps, ...expansion.columns.filter((c) => c.name === column.name).flatMap((c) => c.deps)]),
    }));
    columns = [...merged, ...columns.filter((c) => !isShared(c)), ...expansion.columns.filter((c) => !isShared(c))];
  });
  return { columns, opaque };
}
