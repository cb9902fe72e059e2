import type { FieldDef } from '../../../graph-model/model.js';
import { likeTable, type PartitionColumn, type Select, type Statement, type Write } from '../queryModel.js';
import { pathLocation } from './assetLocations.js';
import { child, findAll, findFirst, isToken, kids, nameParts, named, rule, stringValue, tokens, type TreeNode } from './parseTree.js';
import { TreeReader, type ItemParts, type RelationParts } from './treeReader.js';

const QUERY = ['SelectStatement', 'QueryStatementExpression', 'SelectStatementWithCTE'];

/** HiveQL's parse trees (dt-sql-parser's HiveSqlParser) as the lineage model. */
export class HiveReader extends TreeReader {
  // `FROM t SELECT ...` (FROM first) is a SELECT block of its own, with its clauses as children.
  protected readonly specRules = ['AtomSelectStatement', 'FromSelectStmt'];
  protected readonly queryRules = QUERY;
  protected readonly cteRules = ['CteStatement'];
  protected readonly itemRules = ['SelectItem'];
  protected readonly clauseRules = {
    select: 'SelectClause',
    from: 'FromClause',
    where: 'WhereClause',
    groupBy: ['GroupByClause'],
    having: 'HavingClause',
    orderBy: ['OrderByClause', 'ClusterByClause', 'DistributeByClause', 'SortByClause'],
  };

  statement(root: TreeNode): Statement {
    const statement = findFirst(root, named('FromInsertStmt', 'FromSelectStmt', 'InsertStmt', 'SelectStmt', 'CreateTableStatement', 'CreateViewStatement', 'CreateMaterializedViewStatement', 'TruncateTableStatement'), named('CteStatement'));
    if (!statement) return { kind: 'ignored', type: tokens(root).slice(0, 2).join(' ').toLowerCase() };
    const query = child(statement, ...QUERY);
    switch (rule(statement)) {
      case 'FromInsertStmt':
        return this.multiInsert(root, statement);
      case 'InsertStmt': {
        const clause = child(statement, 'InsertClause');
        if (!clause || !query) return { kind: 'ignored', type: 'insert values' };
        return this.insert(clause, this.withStatementCtes(root, this.query(query))) ?? { kind: 'unsupported', type: 'insert' };
      }
      case 'TruncateTableStatement':
        // As on the other path (readAst.ts): a DELETE without a condition, writing its target (or a partition of it) and reading nothing.
        return { kind: 'write', mode: 'delete', target: this.table(nameParts(findFirst(statement, named('TableName'))!)), columns: [], query: { ctes: [], items: [], from: [], groupBy: [], orderBy: [] } };
      case 'SelectStmt':
      case 'FromSelectStmt':
        return { kind: 'read', query: this.withStatementCtes(root, this.query(statement)) };
      case 'CreateTableStatement': {
        const target = this.table(nameParts(child(statement, 'TableNameCreate')!));
        if (query) return { kind: 'write', mode: 'ctas', target, columns: [], query: this.query(query) };
        // `CREATE TABLE t LIKE s`: made from s's definition, s read, no value flows (as on the other path, tableDefinitions.ts).
        const like = findFirst(child(statement, 'LikeTableOrFile') ?? statement, named('TableName'), named('ColumnNameTypeOrConstraintList'));
        if (child(statement, 'LikeTableOrFile') && like) return likeTable(target, this.table(nameParts(like)));
        return { kind: 'ddl', target, fields: this.columns(statement) };
      }
      default: {
        if (!query) return { kind: 'unsupported', type: 'create view' };
        const target = this.table(nameParts(child(statement, 'ViewNameCreate', 'TableName')!));
        const list = child(statement, 'ColumnNameCommentList');
        const columns = list ? findAll(list, named('ColumnNameCreate')).map((c) => nameParts(c).pop()!) : [];
        return { kind: 'write', mode: 'view', target, columns, query: this.query(query) };
      }
    }
  }

  /** An INSERT's target (a table, with its column list and partitions, or a directory) filled by `select`. */
  private insert(clause: TreeNode, select: Select): Write | undefined {
    const destination = child(clause, 'Destination');
    const path = destination && kids(destination).find((k) => /^['"]/.test(k.getText()));
    if (destination && path) {
      const location = stringValue(path.getText());
      this.locations.set(location, pathLocation(location, kids(destination).some((k) => isToken(k, 'LOCAL'))));
      return { kind: 'write', mode: 'insert', target: location, columns: [], query: select };
    }
    const table = findFirst(clause, named('TableName'));
    if (!table) return undefined;
    const list = child(clause, 'ColumnNameList');
    const columns = list ? findAll(list, named('ColumnName')).map((c) => nameParts(c).pop()!) : [];
    const spec = findFirst(clause, named('PartitionSpec'));
    const partitions: PartitionColumn[] = spec
      ? findAll(spec, named('PartitionVal')).map((p) => ({ column: nameParts(kids(p)[0]!).pop()!, dynamic: !kids(p).some((k) => isToken(k, '=')) }))
      : [];
    return { kind: 'write', mode: 'insert', target: this.table(nameParts(table)), columns, query: select, ...(partitions.length > 0 ? { partitions } : {}) };
  }

  /**
   * `FROM t INSERT ... SELECT ... [INSERT ... SELECT ...]`: the grammar takes the first INSERT with
   * the FROM and each further one as a statement of its own without FROM; they are one statement
   * (no `;` between them) whose bodies all read the shared FROM.
   */
  private multiInsert(root: TreeNode, first: TreeNode): Statement {
    const from = child(first, 'FromClause')!;
    const writes: Write[] = [];
    const add = (clause: TreeNode | undefined, body: TreeNode) => {
      const write = clause && this.insert(clause, this.sharedFromSelect(body, from));
      if (write) writes.push(write);
    };
    add(child(first, 'InsertClause'), first);
    const statements = findAll(root, named('Statement'));
    for (const statement of statements.slice(statements.findIndex((s) => findFirst(s, (n) => n === first)) + 1)) {
      const insert = findFirst(statement, named('InsertStmt'));
      const body = insert && findFirst(insert, named('AtomSelectStatement'));
      if (!insert || !body || child(body, 'FromClause')) break;
      add(child(insert, 'InsertClause'), body);
    }
    if (writes.length === 0) return { kind: 'unsupported', type: 'insert' };
    return writes.length === 1 ? writes[0]! : { kind: 'multiInsert', writes };
  }

  /** `WITH c AS (...) INSERT ...`: the CTEs sit beside the INSERT, not in its query. */
  private withStatementCtes(root: TreeNode, select: Select): Select {
    const outer = findAll(root, named('CteStatement'), named(...QUERY.filter((q) => q !== 'QueryStatementExpression')));
    const own = new Set(select.ctes.map((c) => c.name));
    const added = outer.map((c) => this.cte(c)).filter((c) => !own.has(c.name));
    if (added.length === 0) return select;
    return { ...select, ctes: [...added.map(({ name, columns, query }) => ({ name, columns, query: this.query(query) })), ...select.ctes] };
  }

  private columns(statement: TreeNode): FieldDef[] {
    return findAll(statement, named('ColumnNameTypeConstraint', 'ColumnNameType')).map((definition) => {
      const name = nameParts(child(definition, 'ColumnNameCreate')!).pop()!;
      const type = child(definition, 'ColumnType');
      return type ? { name, type: tokens(type).join('').toLowerCase() } : { name };
    });
  }

  protected cte(node: TreeNode) {
    const list = child(node, 'ColumnNameList');
    return {
      name: nameParts(kids(node)[0]!).pop()!,
      columns: list ? findAll(list, named('ColumnName')).map((c) => nameParts(c).pop()!) : [],
      query: child(node, ...QUERY)!,
    };
  }

  protected item(node: TreeNode): ItemParts {
    const all = findFirst(node, named('TableAllColumns'), named('Function_'));
    if (all && tokens(all).includes('*')) {
      const parts = nameParts(all).filter((p) => p !== '*');
      return parts.length > 0 ? { star: { table: parts[parts.length - 1]! } } : { star: {} };
    }
    let holder = node;
    while (kids(holder).length === 1 && /^Select\w*ColumnName$/.test(rule(kids(holder)[0]!))) holder = kids(holder)[0]!;
    const parts = kids(holder);
    const rest = parts.slice(1).filter((p) => !isToken(p, 'AS') && p.getText() !== '');
    const last = rest[rest.length - 1];
    const alias = last ? nameParts(last).pop() : undefined;
    return { ...(parts[0] ? { expr: parts[0] } : {}), ...(alias ? { alias } : {}) };
  }

  protected relation(node: TreeNode): RelationParts | undefined {
    switch (rule(node)) {
      case 'TableSource': {
        const table = findFirst(node, named('TableName'));
        if (!table) return undefined;
        const after = kids(node).filter((k) => !named('TableOrView', 'TableName', 'TableSample')(k) && !isToken(k, 'AS'));
        const alias = after.length > 0 ? nameParts(after[after.length - 1]!).pop() : undefined;
        return { kind: 'table', name: this.table(nameParts(table)), ...(alias ? { alias } : {}) };
      }
      case 'SubQuerySource': {
        const query = child(node, ...QUERY);
        if (!query) return undefined;
        const parts = kids(node);
        const close = parts.findIndex((p) => isToken(p, ')'));
        const aliasNode = parts.slice(close + 1).filter((p) => !isToken(p, 'AS')).pop();
        const alias = aliasNode ? nameParts(aliasNode).pop() : undefined;
        return { kind: 'subquery', query, ...(alias ? { alias } : {}) };
      }
      case 'LateralView': {
        const fn = child(node, 'Function_');
        if (!fn) return undefined;
        const call = this.call(fn)!;
        const aliasNode = child(node, 'TableAlias');
        const as = kids(node).findIndex((k) => isToken(k, 'AS'));
        const columns = as < 0 ? [] : kids(node).slice(as + 1).filter((k) => k.getText() !== ',').map((k) => nameParts(k).pop()!);
        const tableAlias = aliasNode ? nameParts(aliasNode).pop() : undefined;
        return { kind: 'lateral', name: call.name, args: call.args, ...(tableAlias ? { tableAlias } : {}), columns };
      }
      default:
        return undefined;
    }
  }

  protected columnRef(node: TreeNode): string[] | undefined {
    return rule(node) === 'ColumnNamePath' || rule(node) === 'ColumnName' ? nameParts(node) : undefined;
  }

  protected call(node: TreeNode) {
    if (rule(node) !== 'Function_') return undefined;
    const name = child(node, 'FunctionNameForInvoke');
    if (!name) return undefined;
    const window = kids(node).filter((k) => /^Window/.test(rule(k)));
    const args = kids(node).filter((k) => k.children && k !== name && !window.includes(k));
    return { name: this.functionName(name), args, window };
  }
}
