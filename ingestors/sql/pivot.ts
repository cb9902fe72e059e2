import type { Expr, Relation, Select, SelectItem } from './queryModel.js';

/** A PIVOT or UNPIVOT as the parser reads it, its parts already read as expressions. */
export type Rotation =
  /** `PIVOT (agg(args) FOR column IN (v1, v2...))`: `values` are the output column names. */
  | { kind: 'pivot'; aggregate: Extract<Expr, { kind: 'call' }>; column: Expr; values: string[] }
  /** `UNPIVOT (value FOR name IN (c1, c2...))`. */
  | { kind: 'unpivot'; value: string; name: string; columns: string[] };

const column = (name: string): Expr => ({ kind: 'column', column: name });

/**
 * The columns a rotation passes through unchanged: those of a subquery's select list that it does
 * not consume; over a table (whose columns the reader does not know) `*` without the consumed
 * columns, expanded where the table's columns are known, grouping by what it expands to.
 */
function passThrough(inner: Relation, consumed: Set<string>): SelectItem[] {
  if (inner.kind === 'subquery' && inner.query.items.every((item) => item.expr.kind !== 'star') && !inner.query.next) {
    const names = inner.query.items.map((item) => item.alias ?? (item.expr.kind === 'column' ? item.expr.column : undefined));
    if (names.every((name) => name !== undefined)) return names.filter((name) => !consumed.has(name!)).map((name) => ({ expr: column(name!) }));
  }
  return [{ expr: { kind: 'star', except: [...consumed] } }];
}

function columnsOf(expr: Expr): string[] {
  if (expr.kind === 'column') return [expr.column];
  if (expr.kind === 'call') return expr.args.flatMap(columnsOf);
  if (expr.kind === 'case') return [...expr.conditions, ...expr.results].flatMap(columnsOf);
  if (expr.kind === 'other') return expr.children.flatMap(columnsOf);
  return [];
}

/**
 * A PIVOT or UNPIVOT over `inner` as the query it stands for, so that the usual analysis derives
 * its columns: PIVOT is `SELECT <passed through>, agg(CASE WHEN column = v THEN args END) AS v, ...
 * GROUP BY <passed through>` (each value column an AGGREGATION of the aggregated column, the FOR
 * column INDIRECT/CONDITIONAL to it, the passed-through columns GROUP_BY); UNPIVOT is the UNION ALL
 * of `SELECT <passed through>, 'c' AS name, c AS value` per listed column (the value an IDENTITY of
 * each listed column).
 */
export function rotationQuery(inner: Relation, rotation: Rotation): Select {
  const from: Relation[] = [{ ...inner, using: [] }];
  if (rotation.kind === 'pivot') {
    const consumed = new Set([...columnsOf(rotation.aggregate), ...columnsOf(rotation.column)]);
    const kept = passThrough(inner, consumed);
    const values = rotation.values.map((value) => ({
      expr: { ...rotation.aggregate, args: [{ kind: 'case', conditions: [rotation.column], results: rotation.aggregate.args } satisfies Expr] },
      alias: value,
    }));
    const groupBy = kept.filter((item) => item.expr.kind === 'column').map((item) => item.expr);
    const byStar = kept.some((item) => item.expr.kind === 'star');
    return { ctes: [], items: [...kept, ...values], from, groupBy, orderBy: [], ...(byStar ? { groupByStar: true } : {}) };
  }
  return unpivotQuery(inner, [rotation.value], rotation.name, rotation.columns.map((c) => [c]));
}

/**
 * `UNPIVOT ((v1, v2) FOR name IN ((a1, a2), (b1, b2)))` (Spark SQL's multi-column form; one value
 * column is the usual form): the UNION ALL of `SELECT <passed through>, 'a' AS name, a1 AS v1, a2
 * AS v2`, one branch per column set, so each value column is an IDENTITY of the set's column in
 * its place and the name column reads nothing.
 */
export function unpivotQuery(inner: Relation, values: string[], name: string, sets: string[][]): Select {
  const from: Relation[] = [{ ...inner, using: [] }];
  const kept = passThrough(inner, new Set(sets.flat()));
  let next: Select | undefined;
  for (const set of [...sets].reverse()) {
    const items: SelectItem[] = [...kept, { expr: { kind: 'literal' }, alias: name }, ...values.map((value, i) => ({ expr: column(set[i] ?? set[0]!), alias: value }))];
    next = { ctes: [], items, from, groupBy: [], orderBy: [], ...(next ? { next } : {}) };
  }
  return next ?? { ctes: [], items: kept, from, groupBy: [], orderBy: [] };
}

/**
 * PIVOT with several aggregates (Oracle, Spark SQL: `SUM(x) AS s, COUNT(y) AS n FOR c IN (...)`):
 * `values` are the output names in order, per value one per aggregate (`<value>_<alias>`); the
 * kept columns are those no aggregate and not the FOR column consume, and each value column is
 * its own aggregate's reading.
 */
export function pivotQuery(inner: Relation, aggregates: Extract<Expr, { kind: 'call' }>[], forColumn: Expr, values: string[]): Select {
  const count = aggregates.length;
  if (count === 1) return rotationQuery(inner, { kind: 'pivot', aggregate: aggregates[0]!, column: forColumn, values });
  const all: Extract<Expr, { kind: 'call' }> = { kind: 'call', name: 'pivot', aggregate: true, args: aggregates.flatMap((a) => a.args), window: [] };
  const shape = rotationQuery(inner, { kind: 'pivot', aggregate: all, column: forColumn, values: [] });
  const items = values.map((_, v) => {
    const own = values.filter((_, w) => w % count === v % count);
    const query = rotationQuery(inner, { kind: 'pivot', aggregate: aggregates[v % count]!, column: forColumn, values: own });
    return query.items[query.items.length - own.length + Math.floor(v / count)]!;
  });
  return { ...shape, items: [...shape.items, ...items] };
}
