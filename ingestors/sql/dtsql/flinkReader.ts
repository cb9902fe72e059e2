import type { FieldDef } from '../../../graph-model/model.js';
import type { Expr, Relation, Select, SelectItem, Statement } from '../queryModel.js';
import { connectorLocation } from './assetLocations.js';
import { child, childrenOf, findAll, findFirst, isToken, kids, nameParts, named, rule, stringValue, tokens, type TreeNode } from './parseTree.js';
import { TreeReader, type ItemParts, type RelationParts } from './treeReader.js';

/** Flink SQL's parse trees (dt-sql-parser's FlinkSqlParser) as the lineage model. */
export class FlinkReader extends TreeReader {
  protected readonly specRules = ['SelectStatement'];
  protected readonly queryRules = ['QueryStatement'];
  protected readonly cteRules = ['WithItem'];
  protected readonly itemRules = ['ColumnProjectItem'];
  protected readonly clauseRules = { select: 'SelectClause', from: 'FromClause', where: 'WhereClause', groupBy: ['GroupByClause'], having: 'HavingClause', orderBy: ['OrderByClause'] };

  statement(root: TreeNode): Statement {
    const statement = findFirst(root, named('SimpleCreateTable', 'CreateTableAsSelect', 'CreateView', 'InsertSimpleStatement', 'QueryStatement', 'InsertMulStatement', 'InsertMulStatementCompatibility'), named('WithClause'));
    if (!statement) return { kind: 'ignored', type: tokens(root).slice(0, 2).join(' ').toLowerCase() };
    switch (rule(statement)) {
      case 'SimpleCreateTable':
        return { kind: 'ddl', target: this.created(statement), fields: this.columns(statement), computed: this.computed(statement) };
      case 'CreateTableAsSelect':
        return { kind: 'write', mode: 'ctas', target: this.created(statement), columns: [], query: this.query(child(statement, 'QueryStatement')!) };
      case 'CreateView': {
        const target = this.table(nameParts(child(statement, 'ViewPathCreate')!));
        const list = child(statement, 'ColumnNameList');
        const columns = list ? childrenOf(list, 'ColumnName').map((c) => nameParts(c).pop()!) : [];
        return { kind: 'write', mode: 'view', target, columns, query: this.query(child(statement, 'QueryStatement')!) };
      }
      case 'InsertSimpleStatement': {
        const target = this.table(nameParts(child(statement, 'TablePath')!));
        const list = child(statement, 'ColumnNameList');
        const columns = list ? childrenOf(list, 'ColumnName').map((c) => nameParts(c).pop()!) : [];
        const query = child(statement, 'QueryStatement');
        if (!query) return { kind: 'ignored', type: 'insert values' };
        return { kind: 'write', mode: 'insert', target, columns, query: this.query(query) };
      }
      case 'QueryStatement':
        return { kind: 'read', query: this.query(statement) };
      default:
        // A STATEMENT SET left whole (the ingestor unwraps them into their INSERTs first).
        return { kind: 'unsupported', type: 'statement set' };
    }
  }

  /** The table a CREATE TABLE names, placed where its connector options say. */
  private created(statement: TreeNode): string {
    const target = this.table(nameParts(child(statement, 'TablePathCreate')!));
    const options = new Map<string, string>();
    for (const property of findAll(statement, named('TableProperty'))) {
      const key = child(property, 'TablePropertyKey');
      const value = child(property, 'TablePropertyValue');
      if (key && value) options.set(stringValue(tokens(key).join('')).toLowerCase(), stringValue(tokens(value).join('')));
    }
    const location = connectorLocation(options);
    if (location) this.locations.set(target, location);
    return target;
  }

  /** Physical, metadata and computed columns: all are columns a query can select. */
  private columns(statement: TreeNode): FieldDef[] {
    const fields: FieldDef[] = [];
    for (const definition of findAll(statement, named('PhysicalColumnDefinition', 'MetadataColumnDefinition', 'ComputedColumnDefinition'))) {
      const name = nameParts(child(definition, 'ColumnNameCreate')!).pop()!;
      const type = child(definition, 'ColumnType');
      fields.push(type ? { name, type: tokens(type).join('').toLowerCase() } : { name });
    }
    return fields;
  }

  /** `amount_usd AS amount * fx`, `pt AS PROCTIME()`: each computed column's expression. */
  private computed(statement: TreeNode): Map<string, Expr> {
    const computed = new Map<string, Expr>();
    for (const definition of findAll(statement, named('ComputedColumnDefinition'))) {
      const expression = child(definition, 'ComputedColumnExpression');
      if (expression) computed.set(nameParts(child(definition, 'ColumnNameCreate')!).pop()!, this.expr(expression));
    }
    return computed;
  }

  protected cte(node: TreeNode) {
    const list = child(node, 'ColumnNameList');
    return {
      name: nameParts(child(node, 'WithItemName')!).pop()!,
      columns: list ? childrenOf(list, 'ColumnName').map((c) => nameParts(c).pop()!) : [],
      query: child(node, 'QueryStatement')!,
    };
  }

  protected item(node: TreeNode): ItemParts {
    const all = findFirst(node, named('TableAllColumns'));
    if (all) {
      const parts = nameParts(all).filter((p) => p !== '*');
      return parts.length > 0 ? { star: { table: parts[parts.length - 1]! } } : { star: {} };
    }
    const aliasNode = child(node, 'ColumnAlias');
    const over = findFirst(node, named('OverWindowItem'));
    let alias = aliasNode ? nameParts(aliasNode).filter((p) => p !== 'as').pop() : undefined;
    if (!alias && over) {
      const parts = kids(over);
      const as = parts.findIndex((p) => isToken(p, 'AS'));
      if (as >= 0 && parts[as + 1]) alias = nameParts(parts[as + 1]!).pop();
    }
    const expr = over ?? kids(node)[0];
    return { ...(expr ? { expr } : {}), ...(alias ? { alias } : {}) };
  }

  protected relation(node: TreeNode): RelationParts | undefined {
    switch (rule(node)) {
      case 'TableReference': {
        const primary = child(node, 'TablePrimary');
        const aliasNode = child(node, 'TableAlias');
        const alias = aliasNode ? nameParts(aliasNode).filter((p) => p !== 'as')[0] : undefined;
        const path = primary && child(primary, 'TablePath');
        if (path) {
          // FOR SYSTEM_TIME AS OF o.proc_time: a temporal (lookup) join, keyed in time by the probe side's column.
          const period = child(primary, 'SystemTimePeriod');
          return { kind: 'table', name: this.table(nameParts(path)), ...(alias ? { alias } : {}), ...(period ? { join: period } : {}) };
        }
        const query = primary && findFirst(primary, named('QueryStatement'));
        if (query) return { kind: 'subquery', query, ...(alias ? { alias } : {}) };
        // LATERAL TABLE(udtf(x)) AS t(a, b) and UNNEST(x) AS t(a): the columns are the function's result.
        const generator = primary && child(primary, 'AtomFunctionTable', 'AtomExpressionTable');
        if (generator) {
          const list = aliasNode && child(aliasNode, 'IdentifierList');
          const columns = list ? nameParts(list).filter((p) => p !== '(' && p !== ')' && p !== ',') : [];
          const call = child(generator, 'FunctionCallExpression');
          const parts = call ? this.call(call)! : { name: 'unnest', args: kids(generator).filter((k) => k.children) };
          return { kind: 'lateral', name: parts.name, args: parts.args, ...(alias ? { tableAlias: alias } : {}), columns };
        }
        return undefined;
      }
      case 'WindowTVFExpression': {
        const params = childrenOf(node, 'WindowTVFParam');
        const table = params.map((p) => child(p, 'TimeAttrColumn')).find((t) => t);
        const descriptor = params.map((p) => child(p, 'ColumnDescriptor')).find((d) => d);
        if (!table) return undefined;
        return { kind: 'window', name: this.table(nameParts(table)), timeColumns: descriptor ? childrenOf(descriptor, 'ColumnName') : [] };
      }
      case 'JoinCondition': {
        const list = child(node, 'ColumnNameList');
        // ON is read by the shared walker (the rule after the ON token).
        return list ? { kind: 'using', columns: childrenOf(list, 'ColumnName').map((c) => nameParts(c).pop()!) } : undefined;
      }
      default:
        return undefined;
    }
  }

  /**
   * `FROM t MATCH_RECOGNIZE (PARTITION BY k ORDER BY ts MEASURES e AS m ... DEFINE A AS cond)`: a
   * relation of its own, read as a query over `t`: its columns are the partition columns (ONE ROW
   * PER MATCH; all of `t`'s with ALL ROWS PER MATCH) and the measures, whose pattern variables
   * (`A.amount`) stand for rows of `t`; PARTITION BY shapes the rows as a GROUP BY does, ORDER BY
   * as a sort, and the DEFINE conditions, which decide which rows match, as a filter.
   */
  protected override wrapFrom(spec: TreeNode, from: Relation[]): Relation[] {
    const clause = child(spec, 'MatchRecognizeClause');
    if (!clause) return from;
    const variables = child(clause, 'PatternVariablesDefinition');
    for (const definition of variables ? childrenOf(variables, 'ProjectItemDefinition') : []) this.rowVariables.add(nameParts(kids(definition)[0]!).pop()!);
    const pattern = child(clause, 'PatternDefinition');
    for (const variable of pattern ? findAll(pattern, named('PatternVariable')) : []) this.rowVariables.add(nameParts(kids(variable)[0]!).pop()!);
    try {
      const partition = child(clause, 'PartitionByClause');
      const keys = partition ? childrenOf(partition, 'ColumnName').map((c) => this.expr(c)) : [];
      const order = child(clause, 'OrderByClause');
      const sorts = order ? childrenOf(order, 'OrderItemDefinition').map((o) => this.expr(o)) : [];
      const measures = child(clause, 'MeasuresClause');
      const items: SelectItem[] = [];
      const allRows = tokens(child(clause, 'OutputMode') ?? clause).join(' ').toUpperCase().startsWith('ALL ROWS');
      if (allRows) items.push({ expr: { kind: 'star' } });
      else for (const key of keys) if (key.kind === 'column') items.push({ expr: key });
      for (const measure of measures ? childrenOf(measures, 'ProjectItemDefinition') : []) {
        const parts = kids(measure);
        const as = parts.findIndex((p) => isToken(p, 'AS'));
        const alias = as >= 0 && parts[as + 1] ? nameParts(parts[as + 1]!).pop() : undefined;
        items.push({ expr: this.expr(parts[0]!), ...(alias ? { alias } : {}) });
      }
      const conditions: Expr[] = (variables ? childrenOf(variables, 'ProjectItemDefinition') : []).map((d) => this.expr(kids(d)[kids(d).length - 1]!));
      const select: Select = { ctes: [], items, from, groupBy: keys, orderBy: sorts, ...(conditions.length > 0 ? { where: { kind: 'other', children: conditions } } : {}) };
      const parts = kids(clause);
      const close = parts.map((p) => isToken(p, ')')).lastIndexOf(true);
      const aliasNode = parts.slice(close + 1).filter((p) => !isToken(p, 'AS')).pop();
      const alias = aliasNode ? nameParts(aliasNode).pop() : undefined;
      return [{ kind: 'subquery', query: select, ...(alias ? { alias } : {}), using: [] }];
    } finally {
      this.rowVariables.clear();
    }
  }

  protected columnRef(node: TreeNode): string[] | undefined {
    return rule(node) === 'ColumnReference' || rule(node) === 'ColumnName' ? nameParts(node) : undefined;
  }

  protected call(node: TreeNode): { name: string; args: TreeNode[]; window: TreeNode[] } | undefined {
    // MATCH_RECOGNIZE's FIRST(A.ts) / LAST(B.amount): a value of one of the matched rows, chosen among them.
    if (rule(node) === 'First' || rule(node) === 'Last') return { name: `${rule(node).toLowerCase()}_value`, args: childrenOf(node, 'Expression'), window: [] };
    if (rule(node) === 'OverWindowItem') {
      const inner = this.call(findFirst(node, named('FunctionCallExpression'))!);
      return inner ? { ...inner, window: childrenOf(node, 'WindowSpec') } : undefined;
    }
    if (rule(node) !== 'FunctionCallExpression') return undefined;
    const name = kids(node)[0]!;
    return { name: this.functionName(name), args: childrenOf(node, 'FunctionParam'), window: [] };
  }
}
