import type { FieldDef } from '../../../graph-model/model.js';
import { pivotQuery, unpivotQuery } from '../pivot.js';
import { AGGREGATES } from '../readAst.js';
import { likeTable, type Expr, type PartitionColumn, type Relation, type Select, type SelectItem, type Statement, type Write } from '../queryModel.js';
import { pathLocation } from './assetLocations.js';
import { child, childrenOf, findAll, findFirst, isToken, kids, nameParts, named, rule, stringValue, tokens, type TreeNode } from './parseTree.js';
import { TreeReader, type ItemParts, type RelationParts } from './treeReader.js';

const IDENTIFIER = ['ErrorCapturingIdentifier', 'Identifier', 'StrictIdentifier'];

/** Spark SQL's parse trees (dt-sql-parser's SparkSqlParser) as the lineage model. */
/** Spark's file-based data sources, which a query may read by path (``SELECT * FROM parquet.`/data/x` ``). */
const FILE_SOURCES = new Set(['parquet', 'orc', 'json', 'csv', 'text', 'avro', 'binaryfile', 'delta']);

/** `expr` with its columns' qualifiers dropped. */
function unqualified(expr: Expr): Expr {
  switch (expr.kind) {
    case 'column':
      return { kind: 'column', column: expr.column };
    case 'call':
      return { ...expr, args: expr.args.map(unqualified), window: expr.window.map(unqualified) };
    case 'case':
      return { kind: 'case', conditions: expr.conditions.map(unqualified), results: expr.results.map(unqualified) };
    case 'other':
      return { kind: 'other', children: expr.children.map(unqualified) };
    default:
      return expr;
  }
}

export class SparkReader extends TreeReader {
  // `FROM t SELECT ...`: the body is a SELECT block reading the FROM clause beside it (outerFrom).
  protected readonly specRules = ['QuerySpecification', 'FromStatementBody'];
  protected readonly queryRules = ['QueryStatement'];
  protected readonly cteRules = ['NamedQuery'];
  protected readonly itemRules = ['NamedExpression'];
  protected readonly clauseRules = {
    select: 'SelectClause',
    from: 'FromClause',
    where: 'WhereClause',
    groupBy: ['AggregationClause'],
    having: 'HavingClause',
    orderBy: ['QueryOrganization', 'SortItem'],
  };

  statement(root: TreeNode): Statement {
    const statement = findFirst(root, named('InsertFromQuery', 'MultipleInsert', 'CreateTable', 'CreateTableLike', 'CreateView', 'CreateMaterializedView', 'CacheTable', 'TruncateTable', 'QueryStatement'), named('NamedQuery', 'Ctes'));
    if (!statement) return { kind: 'ignored', type: tokens(root).slice(0, 2).join(' ').toLowerCase() };
    const query = child(statement, 'QueryStatement');
    switch (rule(statement)) {
      case 'InsertFromQuery': {
        const into = child(statement, 'InsertInto')!;
        if (!query) return { kind: 'ignored', type: 'insert values' };
        return this.insert(into, this.withStatementCtes(root, this.query(query)));
      }
      case 'MultipleInsert': {
        // FROM t INSERT ... SELECT ... INSERT ... SELECT ...: each body reads the shared FROM.
        const from = child(statement, 'FromClause')!;
        const writes = kids(statement).flatMap((part, i) => {
          const body = kids(statement)[i + 1];
          return rule(part) === 'InsertInto' && body && rule(body) === 'FromStatementBody' ? [this.insert(part, this.sharedFromSelect(body, from))] : [];
        });
        if (writes.length === 0) return { kind: 'unsupported', type: 'insert' };
        return writes.length === 1 ? writes[0]! : { kind: 'multiInsert', writes };
      }
      case 'CreateTable': {
        const target = this.table(nameParts(child(statement, 'TableNameCreate')!));
        if (query) return { kind: 'write', mode: 'ctas', target, columns: [], query: this.withStatementCtes(root, this.query(query)) };
        return { kind: 'ddl', target, fields: this.columns(statement) };
      }
      case 'CreateTableLike':
        // Made from s's definition, s read, no value flows (as on the other path, tableDefinitions.ts).
        return likeTable(this.table(nameParts(child(statement, 'TableNameCreate')!)), this.table(nameParts(child(statement, 'TableName')!)));
      case 'TruncateTable':
        // As on the other path (readAst.ts): a DELETE without a condition, writing its target (or a partition of it) and reading nothing.
        return { kind: 'write', mode: 'delete', target: this.table(nameParts(child(statement, 'TableName')!)), columns: [], query: { ctes: [], items: [], from: [], groupBy: [], orderBy: [] } };
      // Databricks' materialised views (the grammar has them): a view, as a materialised view is on the other path.
      case 'CreateMaterializedView':
      case 'CreateView': {
        if (!query) return { kind: 'unsupported', type: 'create view' };
        const target = this.table(nameParts(child(statement, 'ViewNameCreate')!));
        const list = child(statement, 'IdentifierCommentList');
        const columns = list ? findAll(list, named('ColumnNameCreate')).map((c) => nameParts(c).pop()!) : [];
        return { kind: 'write', mode: 'view', target, columns, query: this.query(query) };
      }
      case 'CacheTable': {
        // `CACHE TABLE t` caches a table; `CACHE TABLE t AS SELECT` materialises the query as `t`.
        if (!query) return { kind: 'ignored', type: 'cache table' };
        return { kind: 'write', mode: 'ctas', target: this.table(nameParts(child(statement, 'TableName')!)), columns: [], query: this.query(query) };
      }
      default:
        return { kind: 'read', query: this.withStatementCtes(root, this.query(statement)) };
    }
  }

  /** An INSERT's target (a table, with its column list and partitions, or a directory) filled by `select`. */
  private insert(into: TreeNode, select: Select): Write {
    const directory = child(into, 'StringLit');
    if (kids(into).some((k) => isToken(k, 'DIRECTORY')) && directory) {
      const path = stringValue(tokens(directory).join(''));
      this.locations.set(path, pathLocation(path, kids(into).some((k) => isToken(k, 'LOCAL'))));
      return { kind: 'write', mode: 'insert', target: path, columns: [], query: select };
    }
    const target = this.table(nameParts(child(into, 'TableName')!));
    const list = child(into, 'IdentifierList');
    const columns = list ? findAll(list, named(...IDENTIFIER)).map((c) => nameParts(c).pop()!) : [];
    const spec = child(into, 'PartitionSpec');
    const partitions: PartitionColumn[] = spec
      ? childrenOf(spec, 'PartitionVal').map((p) => ({ column: nameParts(kids(p)[0]!).pop()!, dynamic: !kids(p).some((k) => isToken(k, '=')) }))
      : [];
    return { kind: 'write', mode: 'insert', target, columns, query: select, ...(partitions.length > 0 ? { partitions } : {}) };
  }

  /**
   * `FROM r PIVOT (agg(x) [[AS] s], ... FOR c | (c1, c2) IN (v [[AS] a], ...))` and `FROM r UNPIVOT
   * [INCLUDE|EXCLUDE NULLS] (v FOR n IN (c1 [AS a], ...))` (also `((v1, v2) FOR n IN ((a1, a2),
   * ...))`): the relation rotated as on the other path (pivot.ts), value columns named by their
   * alias, else by the value lower-cased without quotes, `<value>_<alias>` with several aggregates,
   * as Spark names them. The grammar hangs the clause on the FROM's relation or on the FROM clause
   * itself: what is rotated is a table, a subquery, or a join (`a JOIN b ON ... PIVOT (...)`
   * rotates the join's rows, read as `SELECT * FROM a JOIN b ON ...`).
   */
  protected override wrapFrom(spec: TreeNode, from: Relation[]): Relation[] {
    const clause = child(spec, 'FromClause') ?? this.outerFrom(spec);
    const relations = clause ? childrenOf(clause, 'Relation') : [];
    // On the relation (`(SELECT ...) PIVOT`, `t AS a UNPIVOT`) or, after an unaliased table or a join, on the FROM clause.
    const on = (name: string) => (relations.length === 1 ? child(relations[0]!, name) : undefined) ?? (clause ? child(clause, name) : undefined);
    const pivot = on('PivotClause');
    const unpivot = on('UnPivotClause');
    if ((!pivot && !unpivot) || from.length === 0) return from;
    const { alias: _alias, join: _join, ...first } = from[0]!;
    // A join's rows are what is rotated: the relations as one `SELECT *`.
    const inner: Relation = from.length === 1 ? ({ ...first, using: [] } as Relation) : { kind: 'subquery', query: { ctes: [], items: [{ expr: { kind: 'star' } }], from, groupBy: [], orderBy: [] }, using: [] };
    const query = pivot ? this.pivoted(pivot, inner, from.length > 1) : this.unpivoted(unpivot!, inner);
    if (!query) return from;
    const alias = unpivot ? child(unpivot, ...IDENTIFIER) : undefined;
    return [{ kind: 'subquery', query, using: [], ...(alias ? { alias: nameParts(alias).pop()! } : {}) }];
  }

  /** `overJoin`: `inner` is the join as one `SELECT *`, outside which `o.amount` is the column `amount`. */
  private pivoted(pivot: TreeNode, inner: Relation, overJoin: boolean): Select | undefined {
    const seq = child(pivot, 'NamedExpressionSeq');
    // Each aggregate: its expression and the alias after it (`SUM(x) AS s`, `SUM(x) s`).
    const parts = (seq ? childrenOf(seq, 'NamedExpression') : []).map((n) => {
      // The grammar reads an unaliased `SUM(x)` here as a column `SUM` with an identifier list `(x)`.
      const name = child(n, 'SelectLiteralColumnName');
      const list = child(n, 'IdentifierList');
      if (name && list) {
        const fn = nameParts(name).pop()!.toLowerCase();
        const args = findAll(list, named('ErrorCapturingIdentifier')).map((c): Expr => ({ kind: 'column', column: nameParts(c).pop()! }));
        return { call: { kind: 'call', name: fn, aggregate: AGGREGATES.has(fn), args, window: [] } as Expr };
      }
      const expression = findFirst(n, named('Expression'));
      const alias = child(n, ...IDENTIFIER);
      return { ...(expression ? { expr: expression } : {}), ...(alias ? { alias: nameParts(alias).pop()! } : {}) } as { expr?: TreeNode; alias?: string; call?: Expr };
    });
    const aggregates = parts.map((p) => (p.expr ? this.expr(p.expr) : p.call)).map((a) => (a && overJoin ? unqualified(a) : a));
    if (aggregates.length === 0 || !aggregates.every((a): a is Extract<Expr, { kind: 'call' }> => a?.kind === 'call')) return undefined;
    if (aggregates.length > 1 && parts.some((p) => !p.alias)) return undefined;
    const columnNode = child(pivot, 'PivotColumn');
    const columns = columnNode ? findAll(columnNode, named('Identifier')).map((c) => nameParts(c).pop()!) : [];
    if (columns.length === 0) return undefined;
    const forColumn: Expr = columns.length === 1 ? { kind: 'column', column: columns[0]! } : { kind: 'other', children: columns.map((c): Expr => ({ kind: 'column', column: c })) };
    const values: string[] = [];
    for (const value of childrenOf(pivot, 'PivotValue')) {
      const alias = child(value, ...IDENTIFIER);
      const expression = child(value, 'Expression');
      const name = alias ? nameParts(alias).pop()! : expression ? expression.getText().replace(/^'(.*)'$/s, '$1').toLowerCase() : undefined;
      if (!name) return undefined;
      for (const part of parts) values.push(aggregates.length > 1 ? `${name}_${part.alias}` : name);
    }
    return pivotQuery(inner, aggregates, forColumn, values);
  }

  private unpivoted(unpivot: TreeNode, inner: Relation): Select | undefined {
    const single = child(unpivot, 'UnPivotSingleValueColumnClause');
    const multi = child(unpivot, 'UnPivotMultiValueColumnClause');
    const last = (node: TreeNode) => nameParts(node).pop()!;
    if (single) {
      const [value, name] = childrenOf(single, 'Identifier', 'ErrorCapturingIdentifier', 'StrictIdentifier').map(last);
      const columns = childrenOf(single, 'UnPivotColumnAndAlias').map((c) => last(child(c, 'MultipartIdentifier')!));
      return value && name && columns.length > 0 ? unpivotQuery(inner, [value], name, columns.map((c) => [c])) : undefined;
    }
    if (!multi) return undefined;
    const identifiers = childrenOf(multi, 'Identifier', 'ErrorCapturingIdentifier', 'StrictIdentifier').map(last);
    const sets = childrenOf(multi, 'UnPivotColumnSet').map((set) => childrenOf(set, 'MultipartIdentifier').map(last));
    // `(v1, v2) FOR name`: the value columns, then the name column.
    const name = identifiers.pop();
    return name && identifiers.length > 0 && sets.length > 0 ? unpivotQuery(inner, identifiers, name, sets) : undefined;
  }

  protected override outerFrom(spec: TreeNode): TreeNode | undefined {
    if (rule(spec) !== 'FromStatementBody') return undefined;
    const parent = (spec as TreeNode & { parent?: TreeNode | null }).parent;
    return parent ? child(parent, 'FromClause') : undefined;
  }

  /**
   * `SELECT TRANSFORM (a, b) USING 'script' AS (x, y)`: a script maps its inputs to its outputs
   * in ways the SQL does not show, so every output is a transformation of every input; without
   * AS the outputs are Spark's `key` and `value`.
   */
  protected override otherItems(spec: TreeNode): SelectItem[] | undefined {
    const transform = child(spec, 'TransformClause');
    if (!transform) return undefined;
    const inputs = findFirst(transform, named('ExpressionSeq'));
    const args = inputs ? childrenOf(inputs, 'Expression').map((e) => this.expr(e)) : [];
    const as = kids(transform).findIndex((k) => isToken(k, 'AS'));
    const outputs = as < 0 ? [] : kids(transform).slice(as + 1).filter((k) => k.children).flatMap((k) => findAll(k, named('ErrorCapturingIdentifier', 'ColType')).map((c) => nameParts(kids(c)[0]!).pop()!));
    return (outputs.length > 0 ? outputs : ['key', 'value']).map((alias) => ({ expr: { kind: 'call', name: 'transform', aggregate: false, args, window: [] }, alias }));
  }

  /** `WITH c AS (...) INSERT ...`: Spark puts the CTEs beside the INSERT, not in its query. */
  private withStatementCtes(root: TreeNode, select: Select): Select {
    const outer = findAll(root, named('Ctes'), named('QueryStatement')).flatMap((ctes) => childrenOf(ctes, 'NamedQuery'));
    if (outer.length === 0) return select;
    return { ...select, ctes: [...outer.map((c) => { const { name, columns, query } = this.cte(c); return { name, columns, query: this.query(query) }; }), ...select.ctes] };
  }

  private columns(statement: TreeNode): FieldDef[] {
    return findAll(statement, named('CreateOrReplaceTableColType', 'ColType')).map((definition) => {
      const name = nameParts(child(definition, 'ColumnNameCreate', ...IDENTIFIER)!).pop()!;
      const type = child(definition, 'DataType');
      return type ? { name, type: tokens(type).join('').toLowerCase() } : { name };
    });
  }

  protected cte(node: TreeNode) {
    const list = child(node, 'IdentifierList');
    return {
      name: nameParts(child(node, ...IDENTIFIER)!).pop()!,
      columns: list ? findAll(list, named(...IDENTIFIER)).map((c) => nameParts(c).pop()!) : [],
      query: child(node, 'QueryStatement')!,
    };
  }

  protected item(node: TreeNode): ItemParts {
    const all = findFirst(node, named('TableAllColumns'), named('PrimaryExpression', 'FunctionArgument'));
    if (all && tokens(all).includes('*')) {
      const parts = nameParts(all).filter((p) => p !== '*');
      return parts.length > 0 ? { star: { table: parts[parts.length - 1]! } } : { star: {} };
    }
    let holder = node;
    while (kids(holder).length === 1 && /^Select\w*ColumnName$|^NamedExpression$/.test(rule(kids(holder)[0]!))) holder = kids(holder)[0]!;
    const parts = kids(holder).filter((k) => k.getText() !== '');
    const last = parts[parts.length - 1];
    const alias = parts.length > 1 && last && named(...IDENTIFIER, 'IdentifierList')(last) ? nameParts(last).pop() : undefined;
    return { ...(parts[0] ? { expr: parts[0] } : {}), ...(alias ? { alias } : {}) };
  }

  /**
   * Spark's query on files, ``parquet.`path` `` (a file-based data source, then the path in
   * backticks): the files are read, a FILE asset named as INSERT OVERWRITE DIRECTORY names one
   * (assetLocations.ts), its path's case kept. undefined for a table name.
   */
  private fileSource(identifier: TreeNode): string | undefined {
    const parts = tokens(identifier).filter((t) => t !== '.');
    if (parts.length !== 2 || !FILE_SOURCES.has(parts[0]!.toLowerCase()) || !/^`.*`$/s.test(parts[1]!)) return undefined;
    const path = parts[1]!.slice(1, -1).replace(/``/g, '`');
    this.locations.set(path, pathLocation(path));
    return path;
  }

  protected relation(node: TreeNode): RelationParts | undefined {
    switch (rule(node)) {
      case 'TableSource':
      case 'TableName': {
        const identifier = findFirst(node, named('TableIdentifier', 'MultipartIdentifier'));
        if (!identifier) return undefined;
        const aliasNode = child(node, 'TableAlias');
        const alias = aliasNode ? nameParts(aliasNode).filter((p) => p !== 'as')[0] : undefined;
        return { kind: 'table', name: this.fileSource(identifier) ?? this.table(nameParts(identifier)), ...(alias ? { alias } : {}) };
      }
      case 'SubQueryTableSource':
      case 'AliasedQuery': {
        const query = findFirst(node, named('QueryStatement'));
        if (!query) return undefined;
        const aliasNode = findFirst(node, named('TableAlias'), named('QueryStatement'));
        const alias = aliasNode ? nameParts(aliasNode).filter((p) => p !== 'as')[0] : undefined;
        return { kind: 'subquery', query, ...(alias ? { alias } : {}) };
      }
      case 'LateralView': {
        const parts = kids(node);
        const open = parts.findIndex((p) => isToken(p, '('));
        const close = parts.findIndex((p) => isToken(p, ')'));
        const names = parts.slice(close + 1).filter((p) => p.children).map((p) => nameParts(p).pop()!);
        const fn = child(node, 'QualifiedName', 'FunctionName');
        const args = parts.slice(open + 1, close).filter((p) => p.children);
        const [tableAlias, ...columns] = names;
        return { kind: 'lateral', name: fn ? this.functionName(fn) : 'lateral', args, ...(tableAlias ? { tableAlias } : {}), columns };
      }
      case 'JoinCriteria': {
        const list = child(node, 'IdentifierList');
        return list ? { kind: 'using', columns: findAll(list, named(...IDENTIFIER)).map((c) => nameParts(c).pop()!) } : undefined;
      }
      default:
        return undefined;
    }
  }

  protected columnRef(node: TreeNode): string[] | undefined {
    return rule(node) === 'ColumnNamePath' || rule(node) === 'ColumnName' ? nameParts(node) : undefined;
  }

  protected call(node: TreeNode) {
    const name = child(node, 'FunctionName');
    if (!name) return undefined;
    const args = kids(node).filter((k) => k.children && k !== name && !/^Window/.test(rule(k)));
    return { name: this.functionName(name), args, window: kids(node).filter((k) => /^Window/.test(rule(k))) };
  }
}
