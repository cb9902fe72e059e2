import type { TransformationType } from '../../graph-model/model.js';
import type { KnownTable } from './knownSchemas.js';
import type { Expr, Select } from './queryModel.js';
import type { LateralReading } from './lateralAliases.js';
import { naturalColumns, naturalStar } from './naturalJoin.js';

/** How a value flows from an input column: OpenLineage's transformation type and subtype. */
export interface Flow {
  type: TransformationType;
  subtype: string;
  masking: boolean;
}

/** One input column an output depends on. */
export interface Dependency extends Flow {
  table: string;
  field: string;
}

export interface OutputColumn {
  /** Alias or column name; absent for an unnamed expression. */
  name?: string;
  deps: Dependency[];
}

/** The lineage of a query: its columns, what shapes all of its rows, and what flows in unexpanded. */
export interface QueryLineage {
  columns: OutputColumn[];
  /** Columns used in joins, filters, grouping and sorting: they shape the whole result. */
  indirect: Dependency[];
  /** Tables read with `*` whose columns are unknown: they flow in as a whole. */
  opaque: string[];
  /** The base tables its rows come from, as a whole (field `''`): what a COUNT(*) over it counts. */
  rows: Dependency[];
}

/**
 * Where the analysis gave a statement less (or more uncertain) lineage than its SQL says, for the
 * ingestor's warnings; the lineage itself is the same with or without a listener.
 */
export interface LineageNotes {
  /** Tables a `*` flowed in from whole, their columns unknown: column lineage from them is table level only. */
  unexpanded: Set<string>;
  /** Names read both as an earlier select item's alias and as a column of these tables of unknown columns (`both`, lateralAliases.ts). */
  bothReadings: Map<string, Set<string>>;
}

export function lineageNotes(): LineageNotes {
  return { unexpanded: new Set(), bothReadings: new Map() };
}

/** Hash and masking functions: the output no longer reveals the input (OpenLineage `masking`). */
const MASKING_FUNCTIONS = new Set([
  'md5', 'sha', 'sha1', 'sha2', 'sha256', 'sha512', 'hash', 'crc32', 'murmur_hash', 'xxhash64', 'count',
  'mask', 'mask_hash', 'mask_first_n', 'mask_last_n', 'mask_show_first_n', 'mask_show_last_n',
]);

const SUBTYPE_RANK: Record<string, number> = { IDENTITY: 0, TRANSFORMATION: 1, AGGREGATION: 2 };

export const flows = {
  identity: { type: 'DIRECT', subtype: 'IDENTITY', masking: false },
  transformation: { type: 'DIRECT', subtype: 'TRANSFORMATION', masking: false },
  aggregation: { type: 'DIRECT', subtype: 'AGGREGATION', masking: false },
  join: { type: 'INDIRECT', subtype: 'JOIN', masking: false },
  filter: { type: 'INDIRECT', subtype: 'FILTER', masking: false },
  groupBy: { type: 'INDIRECT', subtype: 'GROUP_BY', masking: false },
  sort: { type: 'INDIRECT', subtype: 'SORT', masking: false },
  window: { type: 'INDIRECT', subtype: 'WINDOW', masking: false },
  conditional: { type: 'INDIRECT', subtype: 'CONDITIONAL', masking: false },
} satisfies Record<string, Flow>;

/**
 * A flow seen through an enclosing one: an indirect use anywhere makes the whole path indirect
 * (the outermost indirect use names it); otherwise the strongest direct subtype wins, so a column
 * aggregated in a CTE and copied by the outer query is still an AGGREGATION.
 */
export function compose(outer: Flow, inner: Flow): Flow {
  // Masking describes what a direct flow reveals; a filter or join reveals no value either way.
  if (outer.type === 'INDIRECT') return { type: 'INDIRECT', subtype: outer.subtype, masking: false };
  if (inner.type === 'INDIRECT') return { type: 'INDIRECT', subtype: inner.subtype, masking: false };
  const masking = outer.masking || inner.masking;
  const subtype = (SUBTYPE_RANK[inner.subtype] ?? 1) > (SUBTYPE_RANK[outer.subtype] ?? 1) ? inner.subtype : outer.subtype;
  return { type: 'DIRECT', subtype, masking };
}

function through(flow: Flow, dep: Dependency): Dependency {
  return { table: dep.table, field: dep.field, ...compose(flow, dep) };
}

export function dedupe(deps: Dependency[]): Dependency[] {
  const seen = new Map<string, Dependency>();
  for (const dep of deps) seen.set(JSON.stringify([dep.table, dep.field, dep.type, dep.subtype, dep.masking]), dep);
  return [...seen.values()];
}

/** A relation of a FROM clause as the columns of its query see it. */
interface ScopeRelation {
  /** Names a qualified column may use for it: its alias, or its name and the name's last part. */
  names: string[];
  knows(field: string): boolean;
  /** Its columns where they are known (for NATURAL JOIN), without marking them used. */
  columnNames: readonly string[] | undefined;
  /** True when it may have columns nobody listed (a table of unknown schema, a `*` over one). */
  schemaUnknown: boolean;
  lookup(field: string): Dependency[];
  /** The columns `*` expands to, and the tables that flow in as a whole. */
  star(): { columns: OutputColumn[]; opaque: string[] };
  /** The base tables its rows come from, at dataset level. */
  rows: Dependency[];
  /** An unqualified name it knows is its own, not also the other relations' (ClickHouse's ARRAY JOIN names). */
  shadows?: boolean;
}

interface Scope {
  relations: ScopeRelation[];
  ctes: Map<string, QueryLineage>;
  /** Select-list aliases, which GROUP BY, HAVING and ORDER BY may refer to. */
  aliases?: Map<string, Dependency[]>;
  /** While its select list is read: the aliases of the items before the current one (lateral references). */
  lateral?: Map<string, Dependency[]>;
  parent?: Scope;
}

/**
 * Column-level lineage of one statement's query. Unqualified columns resolve, scope by scope from
 * the innermost, to the relations that know the column; when several do, or none does and several
 * have unknown columns, all candidates get the edge: for impact analysis a possible dependency is
 * safer than a missing one.
 */
export class LineageAnalyzer {
  /** Base tables read, in order of appearance. */
  readonly tablesRead = new Set<string>();
  /** Columns referenced per base table, in order of appearance: the fields its asset must declare. */
  readonly fieldsUsed = new Map<string, Set<string>>();

  constructor(
    private readonly known: (table: string) => KnownTable,
    /** How a name equal to an earlier select item's alias reads where no table is known to have it (lateralAliases.ts). */
    private readonly lateralReading: LateralReading = 'both',
    /** Told where the lineage is table level only or ambiguous (warnings); never changes the lineage. */
    private readonly notes?: LineageNotes,
  ) {}

  query(select: Select, outerCtes: Map<string, QueryLineage> = new Map(), parent?: Scope): QueryLineage {
    const ctes = new Map(outerCtes);
    for (const cte of select.ctes) {
      const lineage = this.query(cte.query, ctes, parent);
      ctes.set(cte.name, renamed(lineage, cte.columns));
    }
    const indirect: Dependency[] = [];
    const scope: Scope = { relations: [], ctes, ...(parent ? { parent } : {}) };
    for (const relation of select.from) {
      if (relation.kind === 'table') {
        const cte = relation.name.includes('.') ? undefined : ctes.get(relation.name);
        if (cte) {
          scope.relations.push(this.derived(cte, [relation.alias ?? relation.name]));
          indirect.push(...cte.indirect);
        } else scope.relations.push(this.base(relation.name, relation.alias));
      } else {
        // The relations before it are in scope (LATERAL: `FROM a, LATERAL (SELECT ... WHERE x.id = a.id) s`);
        // a derived table that is not lateral cannot name them, so for it nothing changes.
        const lineage = this.query(relation.query, ctes, scope);
        scope.relations.push({ ...this.derived(lineage, relation.alias ? [relation.alias] : []), ...(relation.shadows ? { shadows: true } : {}) });
        indirect.push(...lineage.indirect);
      }
    }
    // The NATURAL JOIN columns of each relation (naturalJoin.ts).
    const natural = select.from.map((relation, i) =>
      relation.natural ? naturalColumns(scope.relations.slice(0, i).map((r) => r.columnNames), scope.relations[i]!.columnNames) : undefined,
    );
    select.from.forEach((relation, i) => {
      for (const column of natural[i] ?? []) {
        for (const side of scope.relations.slice(0, i + 1).filter((r) => r.knows(column))) indirect.push(...side.lookup(column).map((d) => through(flows.join, d)));
      }
      if (relation.join) indirect.push(...this.deps(relation.join, flows.join, scope, indirect));
      for (const column of relation.using) {
        const candidates = scope.relations.slice(0, i + 1).filter((r) => r.knows(column) || r.schemaUnknown);
        for (const candidate of candidates) indirect.push(...candidate.lookup(column).map((d) => through(flows.join, d)));
      }
    });
    if (select.where) indirect.push(...this.deps(select.where, flows.filter, scope, indirect));

    const columns: OutputColumn[] = [];
    const opaque: string[] = [];
    const rows = scope.relations.flatMap((r) => r.rows);
    select.items.forEach((item, position) => {
      if (item.expr.kind === 'star') {
        const table = item.expr.table;
        const except = new Set(item.expr.except ?? []);
        const expansions = table
          ? scope.relations.filter((r) => r.names.includes(table)).map((r) => r.star())
          : [naturalStar(scope.relations.map((r) => r.star()), natural)];
        // `* REPLACE (expr AS c)`: column `c` keeps its place and is `expr`; over unknown columns it is listed after what is known.
        const replace = new Map((item.expr.replace ?? []).map((r) => [r.column, dedupe(this.deps(r.expr, flows.identity, scope, indirect))]));
        for (const expanded of expansions) {
          const kept = expanded.columns
            .filter((c) => c.name === undefined || !except.has(c.name))
            .map((c) => (c.name !== undefined && replace.has(c.name) ? { name: c.name, deps: replace.get(c.name)! } : c));
          if (expanded.opaque.length > 0) {
            for (const [name, deps] of replace) if (!kept.some((c) => c.name === name)) kept.push({ name, deps });
          }
          columns.push(...kept);
          if (select.groupByStar) for (const column of kept) indirect.push(...column.deps.map((dep) => through(flows.groupBy, dep)));
          opaque.push(...expanded.opaque);
          for (const table of expanded.opaque) this.notes?.unexpanded.add(table);
        }
        return;
      }
      const name = item.alias ?? (item.expr.kind === 'column' ? item.expr.column : unnamedColumn(position));
      scope.lateral = new Map(columns.filter((c) => c.name !== undefined).map((c) => [c.name!, c.deps]));
      const deps = dedupe(this.deps(item.expr, flows.identity, scope, indirect));
      columns.push({ name, deps });
    });
    delete scope.lateral;
    scope.aliases = new Map(columns.filter((c) => c.name !== undefined).map((c) => [c.name!, c.deps]));
    for (const expr of select.groupBy) indirect.push(...this.deps(expr, flows.groupBy, scope, indirect));
    if (select.having) indirect.push(...this.deps(select.having, flows.filter, scope, indirect));
    for (const expr of select.orderBy) indirect.push(...this.deps(expr, flows.sort, scope, indirect));

    if (select.next) {
      // A set operation: columns line up by position and take the first branch's names. The
      // first branch's WITH is the whole operation's: its CTEs are in scope in every branch.
      const next = this.query(select.next, ctes, parent);
      next.columns.forEach((column, i) => {
        if (columns[i]) columns[i] = { ...columns[i], deps: dedupe([...columns[i]!.deps, ...column.deps]) };
      });
      indirect.push(...next.indirect);
      opaque.push(...next.opaque);
      rows.push(...next.rows);
    }
    return { columns, indirect: dedupe(indirect), opaque: [...new Set(opaque)], rows: dedupe(rows) };
  }

  /** The inputs of an expression seen through `flow`; subqueries add what shapes them to `indirect`. */
  private deps(expr: Expr, flow: Flow, scope: Scope, indirect: Dependency[]): Dependency[] {
    switch (expr.kind) {
      case 'column':
        return this.resolve(expr.column, expr.table, scope).map((dep) => through(flow, dep));
      case 'star':
      case 'literal':
        return [];
      case 'call': {
        const own = expr.aggregate ? flows.aggregation : flows.transformation;
        const inner = compose(flow, { ...own, masking: MASKING_FUNCTIONS.has(expr.name) });
        // COUNT(*) / COUNT(1) reads no column but counts the rows of the tables in scope: it depends on them as a whole.
        const counted = expr.name === 'count' && expr.args.every(readsNoColumn) ? scope.relations.flatMap((r) => r.rows) : [];
        return [
          ...counted.map((dep) => through(inner, dep)),
          ...expr.args.flatMap((arg) => this.deps(arg, inner, scope, indirect)),
          ...expr.window.flatMap((w) => this.deps(w, compose(flow, flows.window), scope, indirect)),
        ];
      }
      case 'case':
        return [
          ...expr.conditions.flatMap((c) => this.deps(c, compose(flow, flows.conditional), scope, indirect)),
          ...expr.results.flatMap((r) => this.deps(r, compose(flow, flows.transformation), scope, indirect)),
        ];
      case 'subquery': {
        const lineage = this.query(expr.query, scope.ctes, scope);
        indirect.push(...lineage.indirect);
        return lineage.columns.flatMap((column) => column.deps).map((dep) => through(flow, dep));
      }
      case 'other':
        return expr.children.flatMap((child) => this.deps(child, compose(flow, flows.transformation), scope, indirect));
    }
  }

  private resolve(column: string, table: string | undefined, scope: Scope): Dependency[] {
    if (table) {
      for (let s: Scope | undefined = scope; s; s = s.parent) {
        const relation = s.relations.find((r) => r.names.includes(table));
        if (relation) return relation.lookup(column);
      }
      return [];
    }
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const known = s.relations.filter((r) => r.knows(column));
      const knowing = known.some((r) => r.shadows) ? known.filter((r) => r.shadows) : known;
      if (knowing.length > 0) return knowing.flatMap((r) => r.lookup(column));
      const alias = s.aliases?.get(column);
      if (alias) return alias;
      const unknown = s.relations.filter((r) => r.schemaUnknown);
      // A name no known table has but an earlier item of the same select list is an alias of
      // (`name AS user_name, user_name || email AS id`): as the dialect reads it (lateralAliases.ts).
      // Without lateral aliases the name is never the alias: a table's column, here or further out.
      const lateral = s === scope && this.lateralReading !== 'column' ? s.lateral?.get(column) : undefined;
      if (lateral && this.lateralReading === 'alias') return lateral;
      if (lateral) {
        const columns = unknown.flatMap((r) => r.lookup(column));
        // Ambiguous only where the alias brings what the column reading lacks (`a, a || c`: item `a` is column `a` either way).
        const differs = lateral.some((d) => !columns.some((c) => c.table === d.table && c.field === d.field));
        if (this.notes && columns.length > 0 && differs) {
          const tables = this.notes.bothReadings.get(column) ?? new Set<string>();
          for (const dep of columns) tables.add(dep.table);
          this.notes.bothReadings.set(column, tables);
        }
        return [...lateral, ...columns];
      }
      if (unknown.length > 0) return unknown.flatMap((r) => r.lookup(column));
    }
    // The only table in scope does not list the column (a stale schema): trust the SQL.
    if (scope.relations.length === 1) return scope.relations[0]!.lookup(column);
    return [];
  }

  private use(table: string, field: string): void {
    if (!this.fieldsUsed.has(table)) this.fieldsUsed.set(table, new Set());
    this.fieldsUsed.get(table)!.add(field);
  }

  private base(name: string, alias: string | undefined): ScopeRelation {
    this.tablesRead.add(name);
    if (!this.fieldsUsed.has(name)) this.fieldsUsed.set(name, new Set());
    const { fields: definitions, computed } = this.known(name);
    const fields = definitions?.map((field) => field.name);
    const computing = new Set<string>();
    const lookup = (field: string): Dependency[] => {
      // A computed column stores nothing: what flows from it is what it is computed from.
      const expr = computed?.get(field);
      if (expr && !computing.has(field)) {
        computing.add(field);
        try {
          return this.deps(expr, flows.identity, { relations: [relation], ctes: new Map() }, []);
        } finally {
          computing.delete(field);
        }
      }
      this.use(name, field);
      return [{ table: name, field, ...flows.identity }];
    };
    const relation: ScopeRelation = {
      names: alias ? [alias] : [...new Set([name, name.split('.').pop()!])],
      knows: (field) => fields?.includes(field) ?? false,
      columnNames: fields,
      schemaUnknown: fields === undefined,
      lookup,
      star: () =>
        fields ? { columns: fields.map((field) => ({ name: field, deps: lookup(field) })), opaque: [] } : { columns: [], opaque: [name] },
      rows: [{ table: name, field: '', ...flows.identity }],
    };
    return relation;
  }

  private derived(lineage: QueryLineage, names: string[]): ScopeRelation {
    const byName = new Map(lineage.columns.filter((c) => c.name !== undefined).map((c) => [c.name!, c.deps]));
    return {
      names,
      knows: (field) => byName.has(field),
      columnNames: [...byName.keys()],
      schemaUnknown: lineage.opaque.length > 0,
      // A column the derived relation does not list comes, by name, from the tables it passes through with `*`.
      lookup: (field) =>
        byName.get(field) ??
        lineage.opaque.map((table) => {
          this.use(table, field);
          return { table, field, ...flows.identity };
        }),
      star: () => ({ columns: lineage.columns, opaque: lineage.opaque }),
      rows: lineage.rows,
    };
  }
}

/** A literal, or operators over literals only (`1`, `'x'`, `-1`): an expression that reads no column. */
function readsNoColumn(expr: Expr): boolean {
  return expr.kind === 'literal' || (expr.kind === 'other' && expr.children.every(readsNoColumn));
}

/**
 * The name of an unaliased expression in a select list: `_c<position>`, counting the select list's
 * items from 0 (a `*` counts as one), as Hive and Spark SQL name it. The position in the list as
 * written, not after `*` expansion, so the name does not change when a table gains a column.
 */
export function unnamedColumn(position: number): string {
  return `_c${position}`;
}

/** A CTE's column list renames its query's columns by position. */
function renamed(lineage: QueryLineage, names: string[]): QueryLineage {
  if (names.length === 0) return lineage;
  return { ...lineage, columns: lineage.columns.map((column, i) => (names[i] ? { ...column, name: names[i] } : column)) };
}
