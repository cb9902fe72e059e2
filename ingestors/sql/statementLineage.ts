import type { KnownTable } from './knownSchemas.js';
import { LineageAnalyzer, type LineageNotes, type Dependency } from './lineage.js';
import type { LateralReading } from './lateralAliases.js';
import type { Write } from './queryModel.js';

export type WriteStatement = Write;

/** What one INSERT / CTAS / CREATE VIEW reads and writes, at table and column level. */
export interface StatementLineage {
  target: string;
  /** Columns of the target with their inputs, in select-list order. */
  outputs: { name: string; deps: Dependency[] }[];
  /** Inputs that shape every row of the target (joins, filters, grouping, sorting). */
  indirect: Dependency[];
  /** Tables whose unknown columns flow into the target through `*`. */
  opaque: string[];
  tablesRead: string[];
  fieldsUsed: Map<string, Set<string>>;
}

/**
 * Target column names, by position: an explicit column list (`INSERT INTO t (a, b)`, `CREATE VIEW
 * v (a, b)`) wins; a plain INSERT fills the target's known columns in order (Hive and most engines
 * insert by position, not by name); otherwise the select list's own names.
 */
function targetNames(statement: WriteStatement, selectNames: (string | undefined)[], complete: boolean, target: KnownTable): (string | undefined)[] {
  // `PARTITION (country = 'US', dt)`: the dynamic partition columns take the select list's last items.
  const partitions = statement.partitions ?? [];
  const dynamic = partitions.filter((p) => p.dynamic).map((p) => p.column);
  if (statement.columns.length > 0) return [...statement.columns, ...dynamic];
  const inPartition = new Set(partitions.map((p) => p.column));
  const known = target.fields?.map((field) => field.name).filter((name) => !inPartition.has(name));
  if (statement.mode === 'insert' && complete && known && known.length + dynamic.length === selectNames.length) return [...known, ...dynamic];
  if (dynamic.length === 0 || dynamic.length > selectNames.length) return selectNames;
  return [...selectNames.slice(0, selectNames.length - dynamic.length), ...dynamic];
}

export function statementLineage(statement: WriteStatement, known: (table: string) => KnownTable, lateral?: LateralReading, notes?: LineageNotes): StatementLineage {
  const analyzer = new LineageAnalyzer(known, lateral, notes);
  const lineage = analyzer.query(statement.query);
  const complete = lineage.opaque.length === 0;
  const names = targetNames(
    statement,
    lineage.columns.map((c) => c.name),
    complete,
    known(statement.target),
  );
  const outputs: StatementLineage['outputs'] = [];
  const seen = new Set<string>();
  lineage.columns.forEach((column, i) => {
    const name = names[i];
    // Two items of one name (`a, a`): the target has one such column, the first one fills it.
    if (name === undefined || seen.has(name)) return;
    seen.add(name);
    outputs.push({ name, deps: column.deps });
  });
  // As for a MERGE, an UPDATE or DELETE reads its target only where a value or condition uses its columns.
  const changesInPlace = statement.mode === 'update' || statement.mode === 'delete';
  const targetUsed = (analyzer.fieldsUsed.get(statement.target)?.size ?? 0) > 0;
  return {
    target: statement.target,
    outputs,
    indirect: lineage.indirect,
    opaque: lineage.opaque,
    tablesRead: [...analyzer.tablesRead].filter((table) => !changesInPlace || table !== statement.target || targetUsed),
    fieldsUsed: analyzer.fieldsUsed,
  };
}
