import type { Changeset, EdgeAssertion, FieldDef, FieldEdgeAssertion, NodeAssertion, NodeRef } from '../../graph-model/model.js';
import { WHOLE_ASSET } from '../../graph-model/model.js';
import type { KnownTable } from './knownSchemas.js';
import type { QueryReads } from './readOnlyQuery.js';
import type { StatementLineage } from './statementLineage.js';
import type { TransferField } from './transferLineage.js';

interface AssetDraft {
  kind: string;
  fields: Map<string, FieldDef>;
}

/**
 * Collects the facts of a whole run into one changeset. A table read by one statement and written by
 * another is one asset whose fields are the union of both, since the store refuses a node asserted
 * twice with different content and refuses field edges to fields an asset does not declare.
 */
export class ChangesetBuilder {
  private readonly assets = new Map<string, AssetDraft>();
  private readonly computations: NodeAssertion[] = [];
  private readonly edges = new Map<string, EdgeAssertion>();
  private readonly fieldEdges = new Map<string, FieldEdgeAssertion>();
  /** Files and buckets (COPY, UNLOAD, LOAD DATA), each in its own OpenLineage namespace. */
  private readonly files = new Map<string, { ref: NodeRef; fields: Set<string> }>();

  constructor(
    private readonly source: string,
    private readonly namespace: string,
  ) {}

  /** Declares an asset and some of its fields; a kind given later (VIEW) overrides the default. */
  asset(name: string, fields: FieldDef[] = [], kind?: string): void {
    let draft = this.assets.get(name);
    if (!draft) {
      draft = { kind: kind ?? 'TABLE', fields: new Map() };
      this.assets.set(name, draft);
    } else if (kind) draft.kind = kind;
    for (const field of fields) {
      const previous = draft.fields.get(field.name);
      // A typed declaration (from CREATE TABLE) is worth more than a bare reference.
      if (!previous || (field.type && !previous.type)) draft.fields.set(field.name, field);
    }
  }

  computation(name: string, kind: 'QUERY' | 'VIEW_DEFINITION', sql: string, properties?: Record<string, unknown>): void {
    // The same read-only SELECT twice in a file is one computation (its name is its text's hash).
    if (this.computations.some((c) => c.name === name)) return;
    const definition = { code: { language: 'sql', text: sql }, ...(properties ? { properties } : {}) };
    this.computations.push({ namespace: this.namespace, name, kind, definition });
  }

  /** Fields as other sources declare them (with their types), so that merging claims loses nothing. */
  private declare(table: string, names: Iterable<string>, known: (table: string) => KnownTable): void {
    const definitions = known(table).fields ?? [];
    const fields = [...names].map((name) => definitions.find((f) => f.name === name) ?? { name });
    this.asset(table, fields, known(table).kind);
  }

  /**
   * A read-only SELECT: a QUERY that READS its tables and writes nothing. A field edge needs an
   * output field, which a consumer has not, so its column-level reads are the fields it makes its
   * tables declare and `properties.columnsRead` (`{ table: [columns, sorted] }`) on the computation.
   */
  readOnly(name: string, sql: string, reads: QueryReads, known: (table: string) => KnownTable): void {
    const columnsRead: Record<string, string[]> = {};
    for (const table of [...reads.fieldsUsed.keys()].sort()) {
      const fields = [...reads.fieldsUsed.get(table)!].sort();
      if (fields.length > 0) columnsRead[table] = fields;
      this.declare(table, fields, known);
    }
    this.computation(name, 'QUERY', sql, Object.keys(columnsRead).length > 0 ? { columnsRead } : undefined);
    const job: NodeRef = { type: 'COMPUTATION', namespace: this.namespace, name };
    for (const table of reads.tablesRead) this.edge({ from: { type: 'ASSET', namespace: this.namespace, name: table }, to: job });
  }

  /** The table- and column-level facts of one statement, computed by `computation`. */
  lineage(computation: string, lineage: StatementLineage, known: (table: string) => KnownTable): void {
    const ns = this.namespace;
    const declare = (table: string, names: Iterable<string>) => this.declare(table, names, known);
    const job: NodeRef = { type: 'COMPUTATION', namespace: ns, name: computation };
    for (const table of lineage.tablesRead) {
      declare(table, lineage.fieldsUsed.get(table) ?? []);
      this.edge({ from: { type: 'ASSET', namespace: ns, name: table }, to: job });
    }
    // Fields used from tables reached only through CTEs that pass a `*` through are fields too.
    for (const [table, fields] of lineage.fieldsUsed) declare(table, fields);
    declare(lineage.target, lineage.outputs.map((o) => o.name));
    this.edge({ from: job, to: { type: 'ASSET', namespace: ns, name: lineage.target } });

    const fieldEdge = (table: string, field: string, output: string, t: FieldEdgeAssertion['transformation']) => {
      const assertion: FieldEdgeAssertion = {
        computation: { namespace: ns, name: computation },
        input: { namespace: ns, name: table, field },
        output: { namespace: ns, name: lineage.target, field: output },
        transformation: t,
      };
      this.fieldEdges.set(JSON.stringify(assertion), assertion);
    };
    for (const output of lineage.outputs) {
      for (const dep of output.deps) fieldEdge(dep.table, dep.field, output.name, { type: dep.type, subtype: dep.subtype, masking: dep.masking });
    }
    for (const dep of lineage.indirect) fieldEdge(dep.table, dep.field, WHOLE_ASSET, { type: dep.type, subtype: dep.subtype, masking: dep.masking });
    // `*` over a table of unknown columns: everything of it flows into the target, at dataset level.
    for (const table of lineage.opaque) fieldEdge(table, WHOLE_ASSET, WHOLE_ASSET, { type: 'DIRECT', subtype: 'IDENTITY', masking: false });
  }

  /**
   * A COPY / UNLOAD / LOAD DATA: a QUERY that reads tables (with the columns a query uses) or a
   * file, and writes a table or a file. Table level only: a file declares no columns.
   */
  transfer(
    computation: string,
    sql: string,
    reads: QueryReads,
    readsFile: NodeRef | undefined,
    writes: { table: string } | { file: NodeRef },
    fields: TransferField[],
    known: (table: string) => KnownTable,
  ): void {
    const ns = this.namespace;
    this.computation(computation, 'QUERY', sql);
    const job: NodeRef = { type: 'COMPUTATION', namespace: ns, name: computation };
    for (const table of reads.tablesRead) {
      this.declare(table, reads.fieldsUsed.get(table) ?? [], known);
      this.edge({ from: { type: 'ASSET', namespace: ns, name: table }, to: job });
    }
    // A file declares the fields the statement names for it, so that field edges can reach them.
    const file = (ref: NodeRef, names: Iterable<string>) => {
      const key = JSON.stringify([ref.namespace, ref.name]);
      const entry = this.files.get(key) ?? { ref, fields: new Set<string>() };
      for (const name of names) if (name !== WHOLE_ASSET) entry.fields.add(name);
      this.files.set(key, entry);
      return ref;
    };
    if (readsFile) this.edge({ from: file(readsFile, fields.flatMap((f) => ('file' in f.input ? [f.input.field] : []))), to: job });
    const outputs = fields.map((f) => f.output);
    let written: { namespace: string; name: string };
    if ('table' in writes) {
      this.declare(writes.table, outputs.filter((o) => o !== WHOLE_ASSET), known);
      written = { namespace: ns, name: writes.table };
      this.edge({ from: job, to: { type: 'ASSET', ...written } });
    } else {
      written = file(writes.file, outputs);
      this.edge({ from: job, to: writes.file });
    }
    for (const { input, output, flow } of fields) {
      const from = 'file' in input ? { namespace: readsFile!.namespace, name: readsFile!.name, field: input.field } : { namespace: ns, name: input.table, field: input.field };
      const assertion: FieldEdgeAssertion = {
        computation: { namespace: ns, name: computation },
        input: from,
        output: { namespace: written.namespace, name: written.name, field: output },
        transformation: flow,
      };
      this.fieldEdges.set(JSON.stringify(assertion), assertion);
    }
  }

  /** Whether a statement of the run so far read or wrote the table. */
  touches(table: string): boolean {
    const isIt = (ref: NodeRef) => ref.type === 'ASSET' && ref.namespace === this.namespace && ref.name === table;
    for (const edge of this.edges.values()) if (isIt(edge.from) || isIt(edge.to)) return true;
    return false;
  }

  /**
   * `ALTER TABLE from RENAME TO to` after statements that read or wrote `from`: the table they made
   * is now called `to`, so their edges and field edges go to `to` (merged with what `to` has).
   */
  rename(from: string, to: string): void {
    const draft = this.assets.get(from);
    if (draft) {
      this.assets.delete(from);
      this.asset(to, [...draft.fields.values()], draft.kind);
    }
    const renamed = <T extends { namespace: string; name: string }>(ref: T): T => (ref.namespace === this.namespace && ref.name === from ? { ...ref, name: to } : ref);
    const edges = [...this.edges.values()];
    this.edges.clear();
    for (const edge of edges) {
      this.edge({ from: edge.from.type === 'ASSET' ? renamed(edge.from) : edge.from, to: edge.to.type === 'ASSET' ? renamed(edge.to) : edge.to });
    }
    const fieldEdges = [...this.fieldEdges.values()];
    this.fieldEdges.clear();
    for (const fieldEdge of fieldEdges) {
      const assertion = { ...fieldEdge, input: renamed(fieldEdge.input), output: renamed(fieldEdge.output) };
      this.fieldEdges.set(JSON.stringify(assertion), assertion);
    }
  }

  /** `DROP TABLE t` of a table nothing in the run reads or writes (only created, or only declared): it is not asserted. */
  forget(table: string): void {
    if (!this.touches(table)) this.assets.delete(table);
  }

  private edge(edge: EdgeAssertion): void {
    this.edges.set(JSON.stringify(edge), edge);
  }

  build(): Changeset {
    return {
      source: this.source,
      mode: 'full',
      assets: [
        ...[...this.assets].map(([name, draft]) => ({
          namespace: this.namespace,
          name,
          kind: draft.kind,
          definition: draft.fields.size > 0 ? { fields: [...draft.fields.values()] } : {},
        })),
        ...[...this.files.values()].map(({ ref, fields }) => ({
          namespace: ref.namespace,
          name: ref.name,
          kind: 'FILE',
          definition: fields.size > 0 ? { fields: [...fields].map((name) => ({ name })) } : {},
        })),
      ],
      computations: this.computations,
      edges: [...this.edges.values()],
      fieldEdges: [...this.fieldEdges.values()],
    };
  }
}
