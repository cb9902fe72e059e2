import { mergeDefinitions } from '../../graph-model/definition.js';
import { nodeId } from '../../graph-model/ids.js';
import type { FieldDef, NodeDefinition } from '../../graph-model/model.js';
import type { GraphReader } from '../../graph-model/store/graphReader.js';
import type { NodeClaim } from '../../graph-model/store/graphStore.js';
import type { LiveSchema } from './liveSchema.js';
import type { Expr } from './queryModel.js';

/** What is known about a table before a statement reads it. */
export interface KnownTable {
  /** Its columns in order (names lower-cased), when known. */
  fields?: FieldDef[];
  /** Its asset kind as another source (or an earlier statement) declared it. */
  kind?: string;
  /** Columns computed from the others on read (Flink `c AS expr`), as a CREATE TABLE of this run declared them. */
  computed?: ReadonlyMap<string, Expr>;
}

/** A table as other sources' claims (oldest first) describe it. */
function knownFrom(claims: NodeClaim[]): KnownTable {
  if (claims.length === 0) return {};
  const definition = mergeDefinitions(claims.map((claim) => claim.definition as NodeDefinition));
  const fields = definition.fields?.map((field) => ({ ...field, name: field.name.toLowerCase() }));
  return { kind: claims[claims.length - 1]!.kind, ...(fields && fields.length > 0 ? { fields } : {}) };
}

/**
 * The columns of tables, for `SELECT *` and positional INSERTs: from an earlier statement of this
 * run that created or filled the table, else from the graph, else (when the run has one) from a
 * live PostgreSQL's information_schema. From the graph we take only what
 * *other* sources assert: this source's own earlier claim lists just the columns its statements
 * referenced, and expanding `*` from it would make a re-ingest of the same files differ from the
 * first ingest (and pass off a partial column list as the whole table).
 */
export class KnownSchemas {
  private readonly fromRun = new Map<string, KnownTable>();
  private readonly fromGraph = new Map<string, KnownTable>();

  constructor(
    private readonly store: GraphReader,
    private readonly namespace: string,
    private readonly source: string,
    /** A live database (`--schema-from`) asked for the tables neither the run nor the graph describes. */
    private readonly live?: LiveSchema,
  ) {}

  /**
   * Loads what the graph knows about these tables, in one query for all of them (callers pass a
   * whole file's tables at once: a query per table was half the time of an ingest).
   */
  async prefetch(names: Iterable<string>): Promise<void> {
    const wanted = new Map<string, string>();
    for (const name of names) {
      if (this.fromGraph.has(name) || this.fromRun.has(name)) continue;
      wanted.set(nodeId('ASSET', this.namespace, name), name);
    }
    if (wanted.size === 0) return;
    // Open claims imply a live node: no need to read the node itself.
    const claims = await this.store.claims([...wanted.keys()], { excludeSource: this.source });
    const byTable = new Map<string, NodeClaim[]>();
    for (const claim of claims) {
      const name = wanted.get(claim.nodeId)!;
      byTable.set(name, [...(byTable.get(name) ?? []), claim]);
    }
    for (const name of wanted.values()) this.fromGraph.set(name, knownFrom(byTable.get(name) ?? []));
    if (!this.live) return;
    const unknown = [...wanted.values()].filter((name) => !this.fromGraph.get(name)!.fields);
    const live = await this.live.columns(unknown);
    for (const [name, fields] of live) this.fromGraph.set(name, { ...this.fromGraph.get(name), fields });
  }

  /** Records what a statement of this run made of a table; later statements see it. */
  define(name: string, table: KnownTable): void {
    const previous = this.fromRun.get(name) ?? this.fromGraph.get(name) ?? {};
    // Column types other sources declared survive a statement that names the columns without types.
    const fields = table.fields?.map((field) => (field.type ? field : (previous.fields?.find((p) => p.name === field.name) ?? field)));
    this.fromRun.set(name, { ...previous, ...table, ...(fields ? { fields } : {}) });
  }

  /** A table dropped by the script: later statements know nothing of it (a CREATE may define it anew). */
  forget(name: string): void {
    this.fromRun.set(name, {});
  }

  get(name: string): KnownTable {
    return this.fromRun.get(name) ?? this.fromGraph.get(name) ?? {};
  }
}
