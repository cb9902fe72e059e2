/* The one module that reads node-sql-parser's AST, whose shapes vary by dialect and are typed loosely:
 * `any` stays here; everything it returns is the typed model of queryModel.ts. */
import { rotationQuery, type Rotation } from './pivot.js';
import type { FieldDef } from '../../graph-model/model.js';
import { likeTable, type Cte, type Expr, type Relation, type Select, type SelectItem, type Statement } from './queryModel.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AstNode = any;

/** Functions that aggregate although some dialects parse them as plain function calls. */
export const AGGREGATES = new Set([
  'sum', 'count', 'avg', 'min', 'max', 'collect_set', 'collect_list', 'array_agg', 'string_agg', 'group_concat',
  'approx_count_distinct', 'count_distinct', 'stddev', 'stddev_pop', 'stddev_samp', 'variance', 'var_pop', 'var_samp',
  'percentile', 'percentile_approx', 'median', 'any_value', 'first_value', 'last_value', 'bool_and', 'bool_or', 'listagg',
]);

/** An identifier as the parser gives it: a string, `{ type, value }`, or `{ expr: { type, value } }`. */
function ident(node: AstNode): string | undefined {
  if (node === null || node === undefined) return undefined;
  if (typeof node === 'string') return node;
  if (typeof node === 'object') {
    if (node.expr !== undefined) return ident(node.expr);
    if (typeof node.value === 'string') return node.value;
  }
  return undefined;
}

function lowerIdent(node: AstNode): string | undefined {
  return ident(node)?.toLowerCase();
}

/** `db.schema.table` from a table reference, with the parts it was written with. */
function qualifiedName(node: AstNode, nameKey: 'table' | 'view' = 'table'): string | undefined {
  const table = lowerIdent(node?.[nameKey]);
  if (!table) return undefined;
  return [lowerIdent(node.db), lowerIdent(node.schema), table].filter((part) => part).join('.');
}

function isSelect(node: AstNode): boolean {
  return !!node && typeof node === 'object' && (node.type === 'select' || node.ast?.type === 'select');
}

/**
 * T-SQL's `SELECT heading = expr`: the item's name and value. Only an unqualified name on the left
 * (`@v = expr` assigns a variable; `t.c = expr` is not an alias).
 */
function assignment(item: AstNode): { alias: string; value: AstNode } | undefined {
  const e = item?.expr;
  if (item?.as || e?.type !== 'binary_expr' || e.operator !== '=' || e.left?.type !== 'column_ref' || e.left.table) return undefined;
  const name = ident(e.left.column);
  return name && !name.startsWith('@') && name !== '*' ? { alias: name.toLowerCase(), value: e.right } : undefined;
}

export class AstReader {
  /** Every table name met, so their known columns can be fetched before the analysis. */
  readonly tables = new Set<string>();
  /** The CTE names in scope, innermost last: a relation named like one is not a table. */
  private readonly cteScopes: Set<string>[] = [];

  /**
   * @param defaultSchema what an unqualified table name resolves in, after `USE db` or `SET
   *   search_path` earlier in the script (session.ts); unset, names stay as written.
   * @param naturalJoins the statement held a NATURAL JOIN, which syntaxRewrites.ts made a join
   *   without ON or USING: such a join is natural (standardClauses.ts).
   * @param assignmentAliases T-SQL: a select item `name = expr` is `expr AS name` (its assignment
   *   operator), not a comparison.
   */
  constructor(
    private readonly defaultSchema?: string,
    private readonly naturalJoins = false,
    private readonly assignmentAliases = false,
  ) {}

  /** A table name as the session resolves it: an unqualified one, not a CTE's, in the default schema. */
  qualify(name: string): string {
    if (!this.defaultSchema || name.includes('.') || this.cteScopes.some((scope) => scope.has(name))) return name;
    return `${this.defaultSchema}.${name}`;
  }

  private tableName(node: AstNode, nameKey: 'table' | 'view' = 'table'): string | undefined {
    const name = qualifiedName(node, nameKey);
    return name === undefined ? undefined : this.qualify(name);
  }

  statement(ast: AstNode): Statement {
    const type = String(ast?.type ?? 'unknown').toLowerCase();
    if (type === 'insert' || type === 'replace') {
      const target = this.tableName(ast.table?.[0]);
      const values = ast.values?.type === 'values' ? this.valueRows(ast.values.values) : undefined;
      if (!target || (!isSelect(ast.values) && !values)) return { kind: 'ignored', type: `${type} values` };
      this.tables.add(target);
      const columns = (ast.columns ?? []).map(lowerIdent).filter((c: string | undefined) => c);
      return { kind: 'write', mode: 'insert', target, columns, query: values ?? this.select(ast.values) };
    }
    if (type === 'create') {
      const keyword = String(ast.keyword ?? '').toLowerCase();
      if (keyword === 'view') {
        const target = ast.view ? this.tableName(ast.view, 'view') : this.tableName(ast.table?.[0] ?? ast.table);
        if (!target || !isSelect(ast.select)) return { kind: 'unsupported', type: 'create view' };
        this.tables.add(target);
        const columns = (ast.columns ?? []).map(lowerIdent).filter((c: string | undefined) => c);
        return { kind: 'write', mode: 'view', target, columns, query: this.select(ast.select) };
      }
      if (keyword === 'table') {
        const target = this.tableName(ast.table?.[0]);
        if (!target) return { kind: 'unsupported', type: 'create table' };
        this.tables.add(target);
        if (isSelect(ast.query_expr)) return { kind: 'write', mode: 'ctas', target, columns: [], query: this.select(ast.query_expr) };
        // `CREATE TABLE t LIKE s` (MySQL): made from s's definition; s is read, no value flows (tableDefinitions.ts).
        const like = ast.like?.table?.[0] ? this.tableName(ast.like.table[0]) : undefined;
        if (like) {
          this.tables.add(like);
          return likeTable(target, like);
        }
        return { kind: 'ddl', target, fields: this.columnDefinitions(ast.create_definitions) };
      }
      return { kind: 'ignored', type: `create ${keyword}` };
    }
    if (type === 'select') {
      // SELECT ... INTO writes a table: not modelled yet, and not a read-only consumer either.
      if (ast.into?.expr) return { kind: 'ignored', type: 'select into' };
      return { kind: 'read', query: this.select(ast) };
    }
    if (type === 'update' || type === 'delete') return this.updateOrDelete(type, ast);
    // TRUNCATE empties its target: a DELETE without a condition, which writes it and reads nothing.
    if (type === 'truncate') {
      const target = this.tableName(ast.name?.[0]);
      if (!target) return { kind: 'unsupported', type };
      this.tables.add(target);
      return { kind: 'write', mode: 'delete', target, columns: [], query: { ctes: [], items: [], from: [], groupBy: [], orderBy: [] } };
    }
    // Statements that write data from other tables, which this ingestor does not analyse yet.
    if (type === 'merge') return { kind: 'unsupported', type };
    return { kind: 'ignored', type };
  }

  /**
   * UPDATE / DELETE as a query over the target and what it is joined to. The dialects spell the
   * other tables differently: PostgreSQL and Snowflake `UPDATE t SET ... FROM o`, MySQL `UPDATE t JOIN
   * o ON ... SET` (all in \`table\`), T-SQL `UPDATE a SET ... FROM t a JOIN o` and MySQL `DELETE a FROM
   * t a JOIN o` (the target named by its alias in FROM). The first table named is the target.
   */
  private updateOrDelete(type: 'update' | 'delete', ast: AstNode): Statement {
    // `WITH c AS (...) UPDATE t ... FROM c`: the CTEs are in scope for the whole statement.
    this.cteScopes.push(new Set<string>((ast.with ?? []).map((w: AstNode) => lowerIdent(w.name) ?? '')));
    try {
      return this.updateOrDeleteIn(type, ast);
    } finally {
      this.cteScopes.pop();
    }
  }

  private updateOrDeleteIn(type: 'update' | 'delete', ast: AstNode): Statement {
    const ctes = this.ctes(ast);
    const named = this.relations(ast.table);
    const from = this.relations(ast.from);
    // `DELETE FROM t, o` (PostgreSQL's `DELETE FROM t USING o`, rewritten): the first of FROM is the target.
    if (type === 'delete' && named.length === 0 && from.length > 0) named.push(from.shift()!);
    const first = named[0];
    if (!first || first.kind !== 'table') return { kind: 'unsupported', type };
    // The target written as a name or alias of a FROM relation is that relation (T-SQL, MySQL DELETE, PostgreSQL DELETE).
    const inFrom = from.find((r) => r.kind === 'table' && !first.alias && (r.alias === first.name || r.name === first.name));
    const target = inFrom?.kind === 'table' ? inFrom.name : first.name;
    const relations = inFrom ? [...named.slice(1), ...from] : [...named, ...from];
    const columns: string[] = [];
    const items: SelectItem[] = [];
    for (const set of ast.set ?? []) {
      const column = lowerIdent(set.column);
      if (!column) continue;
      columns.push(column);
      items.push({ expr: this.expr(set.value) });
    }
    const query: Select = { ctes, items, from: relations, groupBy: [], orderBy: [] };
    if (ast.where) query.where = this.expr(ast.where);
    return { kind: 'write', mode: type, target, columns, query };
  }

  private columnDefinitions(definitions: AstNode): FieldDef[] {
    const fields: FieldDef[] = [];
    for (const definition of definitions ?? []) {
      if (definition?.resource !== 'column') continue;
      const name = lowerIdent(definition.column?.column ?? definition.column);
      if (!name) continue;
      const dataType = definition.definition?.dataType;
      fields.push(typeof dataType === 'string' ? { name, type: dataType.toLowerCase() } : { name });
    }
    return fields;
  }

  /**
   * `VALUES (...), (...)` as a query without FROM, one branch per row: the columns its literals
   * fill read nothing, a subquery among them reads its tables.
   */
  private valueRows(rows: AstNode): Select | undefined {
    if (!Array.isArray(rows) || rows.length === 0) return undefined;
    let next: Select | undefined;
    for (const row of [...rows].reverse()) {
      const values: AstNode[] = row?.type === 'expr_list' ? (row.value ?? []) : [row];
      const select: Select = { ctes: [], items: values.map((v) => ({ expr: this.expr(v) })), from: [], groupBy: [], orderBy: [] };
      if (next) select.next = next;
      next = select;
    }
    return next;
  }

  select(node: AstNode): Select {
    const s = node?.ast ?? node;
    const scope = new Set<string>((s.with ?? []).map((w: AstNode) => lowerIdent(w.name) ?? ''));
    this.cteScopes.push(scope);
    try {
      return this.selectIn(s);
    } finally {
      this.cteScopes.pop();
    }
  }

  private ctes(s: AstNode): Cte[] {
    return (s.with ?? []).map((w: AstNode) => ({
      name: lowerIdent(w.name) ?? '',
      columns: (w.columns ?? []).map(lowerIdent).filter((c: string | undefined) => c),
      query: this.select(w.stmt),
    }));
  }

  private selectIn(s: AstNode): Select {
    const ctes = this.ctes(s);
    const items: SelectItem[] =
      s.columns === '*'
        ? [{ expr: { kind: 'star' } }]
        : (s.columns ?? []).map((item: AstNode) => {
            const star = this.starWithExceptions(item);
            if (star) return { expr: star };
            const assigned = this.assignmentAliases ? assignment(item) : undefined;
            if (assigned) return { expr: this.expr(assigned.value, true), alias: assigned.alias };
            // Redshift's grammar puts the alias of `x::type AS a` on the cast.
            const alias = lowerIdent(item.as) ?? (item.expr?.type === 'cast' ? lowerIdent(item.expr.as) : undefined);
            return alias ? { expr: this.expr(item.expr, true), alias } : { expr: this.expr(item.expr, true) };
          });
    const from = this.relations(s.from);
    const groupBy = Array.isArray(s.groupby) ? s.groupby : (s.groupby?.columns ?? []);
    const select: Select = {
      ctes,
      items,
      from,
      groupBy: groupBy.map((g: AstNode) => this.expr(g)),
      orderBy: (s.orderby ?? []).map((o: AstNode) => this.expr(o?.expr ?? o)),
    };
    if (s.where) select.where = this.expr(s.where);
    if (s.having) select.having = this.expr(s.having);
    if (s._next && isSelect(s._next)) select.next = this.select(s._next);
    return select;
  }

  /**
   * `* EXCEPT (a, b)` (BigQuery: the item is typed `except`, the names in its `expr_list`) and
   * `* EXCLUDE (a, b)` / `* EXCLUDE a` (Snowflake: a `suffix` call named `exclude` on the `*`),
   * also qualified (`t.* EXCEPT (a)`): the star without those columns. The grammars parse both but
   * keep the names where the reader did not look, so the left-out columns were lineage too.
   * BigQuery's `* REPLACE (expr AS c)` (typed `replace`): column `c` of the expansion is `expr`.
   * A REPLACE item without AS is a column left out: starModifiers.ts writes `* EXCEPT (a)
   * REPLACE (e AS c)` so for the grammar, which reads the two only one at a time.
   */
  private starWithExceptions(item: AstNode): Expr | undefined {
    const star = item?.expr;
    if (star?.type !== 'column_ref' || ident(star.column) !== '*') return undefined;
    const replacing = item.type === 'replace' ? ((item.expr_list ?? []) as AstNode[]) : [];
    const listed: AstNode[] | undefined =
      item.type === 'except'
        ? (item.expr_list ?? []).map((e: AstNode) => e?.expr)
        : item.type === 'replace'
          ? replacing.filter((e) => !e?.as).map((e) => e?.expr)
          : star.suffix?.type === 'function' && this.functionName(star.suffix.name) === 'exclude'
            ? (star.suffix.args?.value ?? [])
            : undefined;
    if (!listed) return undefined;
    const except = listed.map((e) => (e?.type === 'column_ref' ? ident(e.column)?.toLowerCase() : undefined)).filter((c): c is string => c !== undefined);
    const replace = replacing
      .filter((e) => e?.as)
      .map((e) => ({ column: lowerIdent(e.as) ?? '', expr: this.expr(e.expr, true) }))
      .filter((r) => r.column !== '');
    const table = lowerIdent(star.table);
    return { kind: 'star', ...(table ? { table } : {}), except, ...(replace.length > 0 ? { replace } : {}) };
  }

  /**
   * A FROM list's relations. A parenthesised join, `FROM (a JOIN b ON ...)` or `FROM (a)`, which
   * the grammars give as a list inside the item, is its relations in place: joining `(a JOIN b)`
   * to `x` reads what joining `a` and `b` to `x` reads. Its own ON / USING goes to its last
   * relation (its columns resolve in the same scope).
   */
  private relations(nodes: AstNode): Relation[] {
    const list: AstNode[] = Array.isArray(nodes) ? nodes : [];
    const out: Relation[] = [];
    list.forEach((f, i) => {
      if (!Array.isArray(f?.expr?.expr) || isSelect(f.expr)) {
        const relation = this.relation(f, list[i - 1]);
        if (relation) out.push(relation);
        return;
      }
      const inner = this.relations(f.expr.expr);
      const last = inner[inner.length - 1];
      if (last && f.on) {
        const on = this.expr(f.on);
        last.join = last.join ? { kind: 'other', children: [last.join, on] } : on;
      }
      if (last) last.using = [...last.using, ...(f.using ?? []).map(lowerIdent).filter((c: string | undefined) => c)];
      out.push(...inner);
    });
    return out;
  }

  private relation(f: AstNode, previous?: AstNode): Relation | undefined {
    const rotation = f.operator?.type === 'pivot' || f.operator?.type === 'unpivot' ? this.rotation(f.operator) : undefined;
    const written = lowerIdent(rotation ? (f.operator.as ?? f.as) : f.as);
    // The grammars take the CROSS of `t CROSS JOIN o` (and the NATURAL of `t NATURAL JOIN o`) for t's alias; both are reserved words.
    const alias = written === 'cross' || written === 'natural' ? undefined : written;
    const using: string[] = (f.using ?? []).map(lowerIdent).filter((c: string | undefined) => c);
    const before = lowerIdent(previous?.as);
    const natural = before === 'natural' || (this.naturalJoins && before !== 'cross' && !!f.join && !/cross/i.test(String(f.join)) && !f.on && using.length === 0);
    const common = { using, ...(alias ? { alias } : {}), ...(f.on ? { join: this.expr(f.on) } : {}), ...(natural ? { natural } : {}) };
    let relation: Relation;
    const unnested = this.unnest(f);
    if (unnested) return { ...common, ...unnested };
    if (f.expr && isSelect(f.expr)) relation = { kind: 'subquery', query: this.select(f.expr), ...common };
    // A function yielding rows (`numbers(10)`, `generate_series(1, 9)`): it reads no table, but its join condition is still the query's.
    else if (f.type === 'expr' && f.expr?.type === 'function') relation = { kind: 'subquery', query: { ctes: [], items: [], from: [], groupBy: [], orderBy: [] }, ...common };
    else {
      const name = this.tableName(f);
      if (!name) return undefined;
      this.tables.add(name);
      relation = { kind: 'table', name, ...common };
    }
    if (!rotation) return relation;
    // The rotated relation is a derived table; its own alias (T-SQL `(...) s PIVOT (...) p`) names nothing outside.
    const { alias: _inner, join: _join, ...inner } = relation;
    return { kind: 'subquery', query: rotationQuery(inner as Relation, rotation), ...common };
  }

  /**
   * `UNNEST(x) [AS] u` (BigQuery: `u` is the element), `UNNEST(x, y) AS u (a, b)` (Trino, Athena,
   * PostgreSQL; its WITH ORDINALITY blanked before): a derived table whose columns, the listed
   * ones or else the alias (PostgreSQL and BigQuery name the column so), are each a
   * TRANSFORMATION of the unnested columns, as on the Flink path: which output comes from which
   * array is not followed. It sees the relations before it, as a lateral subquery does.
   */
  private unnest(f: AstNode): Extract<Relation, { kind: 'subquery' }> | undefined {
    const call = f?.type === 'expr' && f.expr?.type === 'function' && this.functionName(f.expr.name) === 'unnest' ? f.expr : undefined;
    if (f?.type !== 'unnest' && !call) return undefined;
    const args: AstNode[] = call ? (call.args?.value ?? []) : [f.expr];
    const written = typeof f.as === 'string' ? /^\s*([^\s(]+)\s*(?:\((.*)\))?\s*$/s.exec(f.as) : undefined;
    const alias = written ? lowerIdent(written[1]) : lowerIdent(f.as);
    const listed = (written?.[2] ?? '').split(',').map((c) => lowerIdent(c.trim())).filter((c): c is string => !!c);
    const columns = listed.length > 0 ? listed : [alias ?? 'unnest'];
    const expr: Expr = { kind: 'call', name: 'unnest', aggregate: false, args: args.map((arg) => this.expr(arg)), window: [] };
    const query: Select = { ctes: [], items: columns.map((column) => ({ expr, alias: column })), from: [], groupBy: [], orderBy: [] };
    return { kind: 'subquery', query, using: [], ...(alias ? { alias } : {}) };
  }

  /** PIVOT / UNPIVOT (T-SQL, Snowflake, BigQuery): its parts; undefined when they are not as expected. */
  private rotation(op: AstNode): Rotation | undefined {
    const listed: AstNode[] = op.in_expr?.right?.value ?? [];
    const nameOf = (node: AstNode): string | undefined => (node?.type === 'column_ref' ? ident(node.column)?.toLowerCase() : typeof node?.value === 'string' || typeof node?.value === 'number' ? String(node.value).toLowerCase() : undefined);
    const names = listed.map(nameOf);
    if (names.length === 0 || names.some((n) => n === undefined)) return undefined;
    if (op.type === 'unpivot') {
      const value = nameOf(op.expr);
      const name = nameOf(op.column);
      return value && name ? { kind: 'unpivot', value, name, columns: names as string[] } : undefined;
    }
    // BigQuery lists the aggregates (one is read; several would name columns `<alias>_<value>`).
    const aggregateNode = op.expr?.type === 'expr_list' ? op.expr.value?.[0] : op.expr;
    const aggregate = this.expr(aggregateNode);
    if (aggregate.kind !== 'call') return undefined;
    return { kind: 'pivot', aggregate, column: this.expr(op.column), values: names as string[] };
  }

  expr(node: AstNode, selectItem = false): Expr {
    if (node === null || node === undefined || typeof node !== 'object') return { kind: 'literal' };
    if (Array.isArray(node)) return { kind: 'other', children: node.map((child) => this.expr(child)) };
    if (isSelect(node)) return { kind: 'subquery', query: this.select(node) };
    switch (node.type) {
      case 'column_ref': {
        const column = ident(node.column);
        const table = lowerIdent(node.table);
        // T-SQL variables (`@d`) come as columns.
        if (column === undefined || column.startsWith('@')) return { kind: 'literal' };
        if (column === '*') return selectItem ? (table ? { kind: 'star', table } : { kind: 'star' }) : { kind: 'literal' };
        const read: Expr = table ? { kind: 'column', table, column: column.toLowerCase() } : { kind: 'column', column: column.toLowerCase() };
        // PostgreSQL's grammar reads `col AT TIME ZONE z` itself, as the column with `z` in its
        // options: the value is computed from both (a TRANSFORMATION), as the `x + z` rewrite of
        // the grammars that refuse it reads it (syntaxRewrites.ts), not the column as it is.
        const options: AstNode[] = node.options?.type === 'expr_list' ? (node.options.value ?? []) : [];
        if (options.some((option) => option?.type === 'origin' && String(option.value).toLowerCase() === 'at time zone')) {
          return { kind: 'other', children: [read, ...options.filter((option) => option?.type !== 'origin').map((option) => this.expr(option))] };
        }
        return read;
      }
      case 'star':
        return selectItem ? { kind: 'star' } : { kind: 'literal' };
      case 'aggr_func':
      // Ranking and offset functions (`ROW_NUMBER() OVER (...)`, `LAG(x) OVER (...)`) come as window_func.
      case 'window_func':
      case 'function': {
        const name = this.functionName(node.name);
        const args = node.args?.type === 'expr_list' ? (node.args.value ?? []) : node.args?.expr !== undefined ? [node.args.expr] : node.args ? [node.args] : [];
        return {
          kind: 'call',
          name,
          aggregate: node.type === 'aggr_func' || AGGREGATES.has(name),
          args: args.map((arg: AstNode) => this.expr(arg)),
          window: node.over ? [this.expr(node.over)] : [],
        };
      }
      case 'case': {
        const conditions: Expr[] = node.expr ? [this.expr(node.expr)] : [];
        const results: Expr[] = [];
        for (const branch of node.args ?? []) {
          if (branch.cond) conditions.push(this.expr(branch.cond));
          results.push(this.expr(branch.result));
        }
        return { kind: 'case', conditions, results };
      }
      default:
        return { kind: 'other', children: this.children(node) };
    }
  }

  /** Every nested object of an operator, cast, list or window node, read as expressions. */
  private children(node: AstNode): Expr[] {
    const children: Expr[] = [];
    for (const [key, value] of Object.entries(node)) {
      if (key === 'loc' || value === null || typeof value !== 'object') continue;
      children.push(this.expr(value));
    }
    return children;
  }

  private functionName(name: AstNode): string {
    if (typeof name === 'string') return name.toLowerCase();
    const parts: AstNode[] = Array.isArray(name?.name) ? name.name : [];
    const text = parts.map(ident).filter((p) => p).join('.') || ident(name?.schema) || ident(name) || '';
    return text.toLowerCase();
  }
}
