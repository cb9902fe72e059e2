import type { Cte, Expr, Relation, Select, SelectItem, Statement } from '../queryModel.js';
import { AGGREGATES } from '../readAst.js';
import type { AssetLocation } from './assetLocations.js';
import { findAll, isToken, kids, nameParts, named, rule, tokens, type TreeNode } from './parseTree.js';

/** What a grammar's select item holds: its expression, or a star, and its alias. */
export interface ItemParts {
  expr?: TreeNode;
  star?: { table?: string };
  alias?: string;
}

/** A relation of a FROM clause as a grammar's reader recognises it. */
export type RelationParts =
  | { kind: 'table'; name: string; alias?: string; join?: TreeNode }
  | { kind: 'subquery'; query: TreeNode; alias?: string }
  /**
   * `LATERAL VIEW explode(x) t AS a, b`, Flink `LATERAL TABLE(udtf(x)) AS t(a, b)` and `CROSS JOIN
   * UNNEST(x) AS t(a)`: the aliases stand for the generator's result; without a column list every
   * `t.<column>` does.
   */
  | { kind: 'lateral'; name: string; args: TreeNode[]; tableAlias?: string; columns: string[] }
  /** A Flink window TVF over a table: window_start/window_end/window_time derive from its time column. */
  | { kind: 'window'; name: string; timeColumns: TreeNode[] }
  | { kind: 'on'; condition: TreeNode }
  | { kind: 'using'; columns: string[] };

const LITERAL_WORDS = new Set(['true', 'false', 'null', 'unknown']);

/**
 * Reads one statement's dt-sql-parser parse tree into the typed lineage model of queryModel.ts,
 * the model the node-sql-parser path produces, so both are analysed by the same code
 * (lineage.ts). The tree walking is shared; each grammar (Flink, Spark, Hive) says in a subclass
 * which rules are its SELECT blocks, select items, clauses, relations, column references and calls.
 */
export abstract class TreeReader {
  /** Every table met, so that their known columns can be fetched before the analysis. */
  readonly tables = new Set<string>();
  /** Tables that are not tables of the script's namespace (a Kafka topic, a directory). */
  readonly locations = new Map<string, AssetLocation>();
  /** Names that stand for an expression in the SELECT being read (lateral view and window TVF columns). */
  private readonly substitutions: Map<string, Expr>[] = [];
  /**
   * Qualifiers that name rows of the one input rather than a relation (MATCH_RECOGNIZE's pattern
   * variables, `A.amount`): a column under one is the input's column.
   */
  protected readonly rowVariables = new Set<string>();

  abstract statement(root: TreeNode): Statement;

  /** SELECT blocks. */
  protected abstract readonly specRules: string[];
  /** Nodes that hold a whole query where an expression or relation may be. */
  protected abstract readonly queryRules: string[];
  protected abstract readonly cteRules: string[];
  protected abstract readonly itemRules: string[];
  protected abstract readonly clauseRules: { select: string; from: string; where: string; groupBy: string[]; having: string; orderBy: string[] };
  protected abstract cte(node: TreeNode): { name: string; columns: string[]; query: TreeNode };
  protected abstract item(node: TreeNode): ItemParts;
  /** A node of a FROM clause that is a relation (or join condition), or undefined to look inside it. */
  protected abstract relation(node: TreeNode): RelationParts | undefined;
  /** A column reference as its name parts, or undefined when the node is not one. */
  protected abstract columnRef(node: TreeNode): string[] | undefined;
  protected abstract call(node: TreeNode): { name: string; args: TreeNode[]; window: TreeNode[] } | undefined;

  protected table(parts: string[]): string {
    const name = parts.join('.');
    this.tables.add(name);
    return name;
  }

  /** A query: its CTEs, its SELECT blocks (set operations chained as `next`) and its ORDER BY. */
  query(node: TreeNode): Select {
    const isSpec = named(...this.specRules);
    const isCte = named(...this.cteRules);
    const ctes: Cte[] = findAll(node, isCte, isSpec).map((c) => {
      const { name, columns, query } = this.cte(c);
      return { name, columns, query: this.query(query) };
    });
    const specs = rule(node) && isSpec(node) ? [node] : findAll(node, isSpec, isCte);
    const selects = specs.map((spec) => this.spec(spec));
    const first = selects[0] ?? { ctes: [], items: [], from: [], groupBy: [], orderBy: [] };
    first.ctes = ctes;
    // ORDER BY (Spark SORT/DISTRIBUTE/CLUSTER BY too) after the blocks sorts the whole result.
    const isOrder = named(...this.clauseRules.orderBy);
    for (const order of findAll(node, isOrder, (n) => isSpec(n) || isCte(n))) first.orderBy.push(this.expr(order));
    for (let i = 0; i + 1 < selects.length; i++) selects[i]!.next = selects[i + 1]!;
    return first;
  }

  /**
   * Hooks for what a grammar has beside a SELECT's usual clauses: relations that replace the FROM
   * clause's (Flink's MATCH_RECOGNIZE reads them and is the relation the select list sees), and a
   * select list in another form (Spark's `SELECT TRANSFORM (...) USING`).
   */
  protected wrapFrom(_spec: TreeNode, from: Relation[]): Relation[] {
    return from;
  }

  protected otherItems(_spec: TreeNode): SelectItem[] | undefined {
    return undefined;
  }

  /**
   * One body of a multi-insert (`FROM t INSERT ... SELECT ... INSERT ... SELECT ...`): a SELECT
   * block whose FROM clause is the statement's shared one.
   */
  protected sharedFromSelect(body: TreeNode, from: TreeNode): Select {
    return this.spec(body, from);
  }

  /** The FROM clause a SELECT block reads when it is not among its children (Spark's `FROM t SELECT ...`). */
  protected outerFrom(_spec: TreeNode): TreeNode | undefined {
    return undefined;
  }

  private spec(spec: TreeNode, shared?: TreeNode): Select {
    const sharedFrom = shared ?? this.outerFrom(spec);
    const clauses = this.clauseRules;
    const direct = (name: string) => kids(spec).filter((c) => rule(c) === name);
    this.substitutions.push(new Map());
    try {
      let from: Relation[] = [];
      for (const clause of sharedFrom ? [sharedFrom] : direct(clauses.from)) this.relations(clause, from);
      // Spark puts LATERAL VIEW beside FROM, not inside it.
      for (const c of kids(spec)) if (rule(c) !== clauses.from && rule(c) !== clauses.select) {
        const parts = this.relation(c);
        if (parts?.kind === 'lateral') this.addRelation(parts, from);
      }
      from = this.wrapFrom(spec, from);
      const isSpec = named(...this.specRules);
      const selectClause = direct(clauses.select)[0];
      const items: SelectItem[] = this.otherItems(spec) ?? [];
      if (selectClause) {
        for (const item of findAll(selectClause, named(...this.itemRules), isSpec)) {
          const parts = this.item(item);
          if (parts.star) items.push({ expr: parts.star.table ? { kind: 'star', table: parts.star.table } : { kind: 'star' } });
          else if (parts.expr) {
            // A bare column keeps its name when it stands for an expression (a lateral view or window TVF column).
            const alias = parts.alias ?? this.bareColumn(parts.expr)?.pop();
            items.push(alias ? { expr: this.expr(parts.expr), alias } : { expr: this.expr(parts.expr) });
          }
        }
      }
      const select: Select = { ctes: [], items, from, groupBy: [], orderBy: [] };
      const where = direct(clauses.where)[0];
      if (where) select.where = this.expr(where);
      for (const name of clauses.groupBy) for (const g of direct(name)) select.groupBy.push(this.expr(g));
      const having = direct(clauses.having)[0];
      if (having) select.having = this.expr(having);
      for (const name of clauses.orderBy) for (const o of direct(name)) select.orderBy.push(this.expr(o));
      return select;
    } finally {
      this.substitutions.pop();
    }
  }

  private relations(node: TreeNode, into: Relation[]): void {
    const children = kids(node);
    for (const [i, c] of children.entries()) {
      // `JOIN t ON <condition>` in every grammar: the condition is the rule after the ON token.
      const previous = children[i - 1];
      if (c.children && previous && isToken(previous, 'ON')) {
        this.addRelation({ kind: 'on', condition: c }, into);
        continue;
      }
      const parts = this.relation(c);
      if (parts) this.addRelation(parts, into);
      else if (!named(...this.specRules)(c)) this.relations(c, into);
    }
  }

  private addRelation(parts: RelationParts, into: Relation[]): void {
    const last = into[into.length - 1];
    const alias = (a: string | undefined) => (a ? { alias: a } : {});
    switch (parts.kind) {
      case 'table':
        into.push({ kind: 'table', name: parts.name, ...alias(parts.alias), ...(parts.join ? { join: this.expr(parts.join) } : {}), using: [] });
        return;
      case 'subquery':
        into.push({ kind: 'subquery', query: this.query(parts.query), ...alias(parts.alias), using: [] });
        return;
      case 'window': {
        into.push({ kind: 'table', name: parts.name, using: [] });
        const qualifier = parts.name.split('.').pop()!;
        const time = parts.timeColumns.map((c): Expr => ({ kind: 'column', table: qualifier, column: nameParts(c).pop()! }));
        const derived: Expr = { kind: 'call', name: 'window', aggregate: false, args: time, window: [] };
        for (const column of ['window_start', 'window_end', 'window_time']) this.substitute([column], derived);
        return;
      }
      case 'lateral': {
        const generated: Expr = { kind: 'call', name: parts.name, aggregate: false, args: parts.args.map((a) => this.expr(a)), window: [] };
        for (const column of parts.columns) {
          this.substitute([column], generated);
          if (parts.tableAlias) this.substitute([parts.tableAlias, column], generated);
        }
        if (parts.columns.length === 0 && parts.tableAlias) this.substitute([parts.tableAlias, '*'], generated);
        return;
      }
      case 'on':
        if (last) last.join = last.join ? { kind: 'other', children: [last.join, this.expr(parts.condition)] } : this.expr(parts.condition);
        return;
      case 'using':
        if (last) last.using.push(...parts.columns);
        return;
    }
  }

  private bareColumn(node: TreeNode): string[] | undefined {
    let at = node;
    while (!this.columnRef(at) && kids(at).length === 1 && kids(at)[0]!.children) at = kids(at)[0]!;
    const parts = this.columnRef(at);
    return parts && this.column(parts).kind !== 'literal' ? parts : undefined;
  }

  private substitute(key: string[], expr: Expr): void {
    this.substitutions[this.substitutions.length - 1]?.set(key.join('.'), expr);
  }

  private substituted(parts: string[]): Expr | undefined {
    const key = parts.join('.');
    const anyColumn = parts.length > 1 ? [...parts.slice(0, -1), '*'].join('.') : undefined;
    for (let i = this.substitutions.length - 1; i >= 0; i--) {
      const expr = this.substitutions[i]!.get(key) ?? (anyColumn ? this.substitutions[i]!.get(anyColumn) : undefined);
      if (expr) return expr;
    }
    return undefined;
  }

  expr(node: TreeNode): Expr {
    if (!node.children) return { kind: 'literal' };
    if (named(...this.queryRules, ...this.specRules)(node)) return { kind: 'subquery', query: this.query(node) };
    // A rule that only wraps another (most of an expression's precedence levels) is that other.
    const only = kids(node);
    if (only.length === 1 && only[0]!.children && !this.columnRef(node) && !this.call(node)) return this.expr(only[0]!);
    const column = this.columnRef(node);
    if (column) return this.column(column);
    const call = this.call(node);
    if (call) {
      return {
        kind: 'call',
        name: call.name,
        aggregate: AGGREGATES.has(call.name),
        args: call.args.map((a) => this.expr(a)),
        window: call.window.map((w) => this.expr(w)),
      };
    }
    const first = kids(node)[0];
    if (first && isToken(first, 'CASE')) return this.caseExpr(node);
    return { kind: 'other', children: kids(node).filter((c) => c.children).map((c) => this.expr(c)) };
  }

  private column(parts: string[]): Expr {
    const substituted = this.substituted(parts);
    if (substituted) return substituted;
    const column = parts[parts.length - 1]!;
    // Some grammars read a bare literal in a select list as a column name.
    if (parts.length === 1 && (/^[0-9.]+$/.test(column) || LITERAL_WORDS.has(column) || /^['"]/.test(column))) return { kind: 'literal' };
    const table = parts[parts.length - 2];
    return table && !(parts.length === 2 && this.rowVariables.has(table)) ? { kind: 'column', table, column } : { kind: 'column', column };
  }

  /**
   * CASE in any grammar's shape: WHEN clauses as child rules or as flat tokens. What follows CASE
   * (a simple CASE's operand) and WHEN is a condition, what follows THEN and ELSE a result.
   */
  private caseExpr(node: TreeNode): Expr {
    const conditions: Expr[] = [];
    const results: Expr[] = [];
    let into = conditions;
    const walk = (parts: TreeNode[]) => {
      for (const part of parts) {
        if (!part.children) {
          const word = part.getText().toUpperCase();
          if (word === 'CASE' || word === 'WHEN') into = conditions;
          else if (word === 'THEN' || word === 'ELSE') into = results;
          continue;
        }
        if (/^WhenClause|^WhenExpression$/.test(rule(part)) && part.children[0] && isToken(part.children[0], 'WHEN')) walk(part.children);
        else into.push(this.expr(part));
      }
    };
    walk(kids(node));
    return { kind: 'case', conditions, results };
  }

  /** A function name as written, lower-cased (`ReservedKeywordsUsedAsFuncName` and all). */
  protected functionName(node: TreeNode): string {
    return tokens(node).join('').toLowerCase().replace(/`/g, '');
  }
}
