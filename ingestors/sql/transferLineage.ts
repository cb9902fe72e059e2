import type { KnownTable } from './knownSchemas.js';
import type { LateralReading } from './lateralAliases.js';
import { LineageAnalyzer, type LineageNotes, dedupe, flows, type Flow } from './lineage.js';
import type { TransferEnd } from './queryModel.js';
import type { QueryReads } from './readOnlyQuery.js';

/** One column-level flow of a transfer: from a field of a table (in the script's namespace) or of a file, to a field of what it writes. */
export interface TransferField {
  /** `file` when the input is the file or stage read; otherwise a table of the namespace. */
  input: { file: true; field: string } | { table: string; field: string };
  /** The written table's or file's field; `''` for the whole of it. */
  output: string;
  flow: Flow;
}

export interface TransferLineage {
  reads: QueryReads;
  fields: TransferField[];
}

/**
 * What a COPY / UNLOAD / EXPORT DATA / LOAD DATA moves, column by column, where the statement says
 * which columns: a column list (`COPY t (a, b) FROM 'f'`: `f.a -> t.a`, `COPY t (a, b) TO 'f'`:
 * `t.a -> f.a`), a query's select list (`COPY (SELECT ...) TO`, `UNLOAD`, `EXPORT DATA ... AS
 * SELECT`: each output column with its inputs, joins and filters to the whole file), or, for a table
 * written out whole (`COPY t TO 'f'`), the table's known columns. A file loaded without a column
 * list names no columns (a CSV's are positional, its header unknown to the script): table level only.
 */
export function transferLineage(from: TransferEnd, to: TransferEnd, columns: string[], known: (table: string) => KnownTable, lateral?: LateralReading, notes?: LineageNotes): TransferLineage {
  if (from.kind === 'query') {
    const analyzer = new LineageAnalyzer(known, lateral, notes);
    const lineage = analyzer.query(from.query);
    const reads = { tablesRead: [...analyzer.tablesRead], fieldsUsed: analyzer.fieldsUsed };
    if (to.kind !== 'file') return { reads, fields: [] };
    const fields: TransferField[] = [];
    const seen = new Set<string>();
    for (const column of lineage.columns) {
      if (column.name === undefined || seen.has(column.name)) continue;
      seen.add(column.name);
      for (const dep of dedupe(column.deps)) fields.push({ input: { table: dep.table, field: dep.field }, output: column.name, flow: dep });
    }
    for (const dep of lineage.indirect) fields.push({ input: { table: dep.table, field: dep.field }, output: '', flow: dep });
    for (const table of lineage.opaque) fields.push({ input: { table, field: '' }, output: '', flow: flows.identity });
    return { reads, fields: fields.map(({ input, output, flow }) => ({ input, output, flow: { type: flow.type, subtype: flow.subtype, masking: flow.masking } })) };
  }
  if (from.kind === 'table') {
    const written = columns.length > 0 ? columns : (known(from.name).fields?.map((f) => f.name) ?? []);
    const reads = { tablesRead: [from.name], fieldsUsed: new Map([[from.name, new Set(written)]]) };
    return { reads, fields: written.map((field) => ({ input: { table: from.name, field }, output: field, flow: flows.identity })) };
  }
  const reads = { tablesRead: [], fieldsUsed: new Map<string, Set<string>>() };
  return { reads, fields: columns.map((field) => ({ input: { file: true, field }, output: field, flow: flows.identity })) };
}
