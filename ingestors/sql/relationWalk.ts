/**
 * Every relation of a parsed statement, at any depth (CTEs, subqueries in FROM and in
 * expressions, UNION branches), mapped by one function: how a rewrite's reading is applied to the
 * parse (Oracle's PIVOT rotations, the stand-ins of a query run in another database, ClickHouse's
 * ARRAY JOIN names). `relation` sees each relation after its own subquery was mapped.
 */
import type { Expr, Relation, Select, Statement } from './queryModel.js';

export function mapRelations(select: Select, relation: (r: Relation) => Relation): Select {
  const expr = (e: Expr): Expr => {
    switch (e.kind) {
      case 'subquery':
        return { ...e, query: mapRelations(e.query, relation) };
      case 'call':
        return { ...e, args: e.args.map(expr), window: e.window.map(expr) };
      case 'case':
        return { ...e, conditions: e.conditions.map(expr), results: e.results.map(expr) };
      case 'other':
        return { ...e, children: e.children.map(expr) };
      default:
        return e;
    }
  };
  const each = (r: Relation): Relation => relation(r.kind === 'subquery' ? { ...r, query: mapRelations(r.query, relation) } : r);
  return {
    ...select,
    ctes: select.ctes.map((cte) => ({ ...cte, query: mapRelations(cte.query, relation) })),
    items: select.items.map((item) => ({ ...item, expr: expr(item.expr) })),
    from: select.from.map(each),
    ...(select.where ? { where: expr(select.where) } : {}),
    ...(select.having ? { having: expr(select.having) } : {}),
    ...(select.next ? { next: mapRelations(select.next, relation) } : {}),
  };
}

/** The statement's queries with `relation` applied (statements without a query as they are). */
export function mapStatementRelations(statement: Statement, relation: (r: Relation) => Relation): Statement {
  const select = (s: Select) => mapRelations(s, relation);
  switch (statement.kind) {
    case 'write':
      return { ...statement, query: select(statement.query) };
    case 'read':
      return { ...statement, query: select(statement.query) };
    case 'multiInsert':
      return { ...statement, writes: statement.writes.map((w) => ({ ...w, query: select(w.query) })) };
    case 'merge':
      return { ...statement, branches: statement.branches.map((b) => ({ ...b, query: select(b.query) })) };
    default:
      return statement;
  }
}
