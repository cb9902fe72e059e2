import type { KnownTable } from './knownSchemas.js';
import { LineageAnalyzer, type LineageNotes, dedupe, type Dependency } from './lineage.js';
import type { LateralReading } from './lateralAliases.js';
import type { Statement } from './queryModel.js';
import type { StatementLineage } from './statementLineage.js';

export type MergeStatement = Extract<Statement, { kind: 'merge' }>;

/**
 * What a MERGE reads and writes: each target column from what every WHEN clause sets it to, the ON
 * condition and the clauses' conditions as inputs of the whole target (JOIN, FILTER). The target
 * counts as read only when the ON condition, a condition or a value uses its columns (or the
 * source reads it): a MERGE that only inserts or overwrites does not depend on the target's data.
 */
export function mergeLineage(statement: MergeStatement, known: (table: string) => KnownTable, lateral?: LateralReading, notes?: LineageNotes): StatementLineage {
  const analyzer = new LineageAnalyzer(known, lateral, notes);
  const outputs = new Map<string, Dependency[]>();
  const indirect: Dependency[] = [];
  const opaque = new Set<string>();
  for (const branch of statement.branches) {
    const lineage = analyzer.query(branch.query);
    indirect.push(...lineage.indirect);
    for (const table of lineage.opaque) opaque.add(table);
    const targetFields = known(statement.target).fields?.map((field) => field.name);
    const names =
      branch.targets === 'names'
        ? lineage.columns.map((column) => column.name)
        : branch.targets === 'position'
          ? targetFields?.length === lineage.columns.length
            ? targetFields
            : []
          : branch.targets;
    lineage.columns.forEach((column, i) => {
      const name = names[i];
      // An INSERT without a column list into a target of unknown columns: nothing honest to name.
      if (name === undefined) return;
      outputs.set(name, [...(outputs.get(name) ?? []), ...column.deps]);
    });
  }
  const targetUsed = (analyzer.fieldsUsed.get(statement.target)?.size ?? 0) > 0 || statement.sourceTables.includes(statement.target);
  return {
    target: statement.target,
    outputs: [...outputs].map(([name, deps]) => ({ name, deps: dedupe(deps) })),
    indirect: dedupe(indirect),
    opaque: [...opaque],
    tablesRead: [...analyzer.tablesRead].filter((table) => table !== statement.target || targetUsed),
    fieldsUsed: analyzer.fieldsUsed,
  };
}
