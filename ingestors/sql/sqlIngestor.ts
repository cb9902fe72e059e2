import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { unreachable } from '../../graph-model/model.js';
import { TEXT_LIMITS, firstUnstorable, tooLongReason } from '../../graph-model/storableText.js';
import type { IngestBatch, IngestContext, IngestError, IngestWarning, Ingestor } from '../contract.js';
import { ChangesetBuilder } from './changesetBuilder.js';
import { parserDatabase } from './dialects.js';
import { lateralReading, type LateralReading } from './lateralAliases.js';
import { dialectRewrite, parseRewritten, type Rewritten } from './dialectRewrites.js';
import { rotateRelations } from './oraclePivot.js';
import { KnownSchemas } from './knownSchemas.js';
import { dtScriptParser, relocateAssets, type AssetLocation } from './dtsql/index.js';
import { mergeLineage } from './mergeLineage.js';
import { NESTS_TOO_DEEPLY, isStackOverflow, parseStatement, type ParseOutcome } from './parseStatement.js';
import { parseWithNamedWindows } from './namedWindows.js';
import { identifierTooLong } from './statementLimits.js';
import { listSqlFiles, type SqlFile } from './sqlFiles.js';
import { postgresSchema, type LiveSchema } from './liveSchema.js';
import { splitStatements, type ScriptStatement } from './splitStatements.js';
import { applyDelimiters } from './delimiters.js';
import { expandRoutines, type BodyNote } from './routineBodies.js';
import { skippedPartly } from './partialReads.js';
import { lineageNotes, type LineageNotes } from './lineage.js';
import { queryReads, readOnlyName } from './readOnlyQuery.js';
import { statementLineage } from './statementLineage.js';
import { sessionDefault } from './session.js';
import { recognizeLifecycle, type Lifecycle } from './tableLifecycle.js';
import { recognizeTransfer, type TransferSide } from './fileTransfers.js';
import { transferLineage } from './transferLineage.js';
import { recognizeRemoteImport, renameTables } from './remoteImports.js';
import { locationName } from './tableFunctions.js';
import { ABBREVIATED_KEYWORDS, parseWithAbbreviations } from './teradataAbbreviations.js';
import { blankLocking, LOCKING_KEYWORDS } from './teradataLocking.js';
import { parseWithArrayJoins } from './arrayJoins.js';
import { AstReader } from './readAst.js';
import type { Statement, TransferEnd, Write } from './queryModel.js';

export interface SqlInput {
  /** A `.sql` file, or a directory whose `.sql` files (recursively) are read in path order. */
  path: string;
  /** `hive`, `mysql`, `postgresql`, `flinksql`, `bigquery`, ... (see dialects.ts). */
  dialect: string;
  /** Namespace of the tables the scripts name and of the computations they define. */
  namespace: string;
  /**
   * `postgres://...`: a database whose information_schema gives the columns of tables that no
   * earlier statement and no other source describes (for `*` and positional INSERTs).
   */
  schemaFrom?: string;
  /**
   * The schema an unqualified table name is in until a script's own `USE` / `SET search_path` says
   * otherwise (the connection's default the scripts run under; node-sql-parser dialects).
   */
  defaultSchema?: string;
}

/**
 * Statements that may move data between tables. Anything else (SET, USE, DROP, TRUNCATE...)
 * carries no lineage and is skipped without parsing, so that a script's session settings, which
 * the parser often cannot read, do not show up as errors.
 */
const LINEAGE_KEYWORDS = new Set(['insert', 'create', 'with', 'merge', 'update', 'delete', 'replace', 'upsert', 'select', 'truncate', '(']);

/** Teradata statements may also start with an abbreviation or a LOCKING modifier. */
const TERADATA_KEYWORDS: ReadonlySet<string> = new Set([...ABBREVIATED_KEYWORDS, ...LOCKING_KEYWORDS]);

function sourceId(input: SqlInput): string {
  return `sql:${input.namespace}:${path.basename(path.resolve(input.path))}`;
}

/** One run: what it has built so far and the bad statements found. */
interface Run {
  database: string;
  /** `defaultSchema`: what the script's USE / SET search_path made the default (node-sql-parser dialects). */
  parse: (text: string, defaultSchema?: string) => ParseOutcome;
  /** Keywords of statements the dialect's parser analyses beyond LINEAGE_KEYWORDS. */
  keywords: ReadonlySet<string>;
  /** Tables that live outside the namespace (a Flink table over a Kafka topic), by table name. */
  locations: Map<string, AssetLocation>;
  builder: ChangesetBuilder;
  known: KnownSchemas;
  /** How a name equal to an earlier select item's alias reads in the run's dialect (lateralAliases.ts). */
  lateral: LateralReading;
  errors: IngestError[];
  /** Statements committed but read only in part (README, "Warnings"): one per statement and reason. */
  warnings: IngestWarning[];
}

/** A statement of a file, parsed (or not) before any is analysed, so the file's tables are fetched at once. */
interface ParsedStatement {
  index: number;
  statement: ScriptStatement;
  /** Absent for statements that carry no lineage and are skipped unparsed. */
  outcome?: ParseOutcome;
  /** Why a statement skipped unparsed may have carried lineage (dynamic SQL...): its warning. */
  skipped?: string;
}

/**
 * Parses one statement of a file. Whatever goes wrong is this statement's error, never the run's:
 * a statement nested deeply enough overflows the stack of the parser or of the AST reader (a
 * RangeError), and used to escape here and end the whole ingest with nothing committed.
 */
function parseScriptStatement(run: Run, index: number, statement: ScriptStatement, session: Session): ParsedStatement {
  const keyword = /^(?:[A-Za-z]+|\()/.exec(statement.text)?.[0]?.toLowerCase() ?? '';
  if (keyword === 'use' || keyword === 'set') {
    const schema = sessionDefault(statement.text);
    if (schema !== undefined) session.defaultSchema = schema;
  }
  if (keyword === 'alter' || keyword === 'rename' || keyword === 'drop') return lifecycleStatement(index, statement, session);
  if (keyword === 'copy' || keyword === 'unload' || keyword === 'load' || keyword === 'export' || keyword === 'import') return transferStatement(run.database, index, statement, session);
  if (!LINEAGE_KEYWORDS.has(keyword) && !run.keywords.has(keyword)) {
    const skipped = skippedPartly(keyword, statement.text, run.database);
    return skipped ? { index, statement, skipped } : { index, statement };
  }
  const unstorable = unstorableAt(statement.text);
  if (unstorable) return { index, statement, outcome: { ok: false, ...unstorable } };
  let outcome: ParseOutcome;
  try {
    outcome = parseWithNamedWindows((text) => run.parse(text, session.defaultSchema), statement.parseText ?? statement.text);
  } catch (error) {
    return { index, statement, outcome: { ok: false, message: cannotAnalyse(error) } };
  }
  if (outcome.ok) {
    const tooLong = identifierTooLong(outcome.statement);
    if (tooLong) return { index, statement, outcome: { ok: false, message: tooLong } };
  }
  return { index, statement, outcome };
}

/** A rename or drop (tableLifecycle.ts), names resolved as the session has them; other ALTERs and DROPs are skipped. */
function lifecycleStatement(index: number, statement: ScriptStatement, session: Session): ParsedStatement {
  const lifecycle = recognizeLifecycle(statement.text);
  if (!lifecycle) return { index, statement };
  const names = new AstReader(session.defaultSchema);
  const resolved = lifecycleModel(lifecycle, (name) => names.qualify(name));
  const tables = new Set(resolved.kind === 'rename' ? resolved.renames.flatMap((r) => [r.from, r.to]) : resolved.kind === 'drop' ? resolved.tables : []);
  const writes = resolved.kind === 'write' ? [resolved] : resolved.kind === 'multiInsert' ? resolved.writes : [];
  for (const write of writes) {
    tables.add(write.target);
    for (const relation of write.query.from) if (relation.kind === 'table') tables.add(relation.name);
  }
  return { index, statement, outcome: { ok: true, statement: resolved, tables } };
}

/**
 * A lifecycle statement as the lineage model has it. An exchanged partition is an INSERT of the
 * source's rows into the target (the partition leaving the source is not recorded as a write of it,
 * as a DELETE would be); a swap is one job writing each table from the other, as both now hold
 * the other's rows (`* -> *`, or column by column where the columns are known).
 */
function lifecycleModel(lifecycle: Lifecycle, qualify: (name: string) => string): Statement {
  const copy = (target: string, source: string): Write => ({
    kind: 'write',
    mode: 'insert',
    target,
    columns: [],
    query: { ctes: [], items: [{ expr: { kind: 'star' } }], from: [{ kind: 'table', name: source, using: [] }], groupBy: [], orderBy: [] },
  });
  switch (lifecycle.kind) {
    case 'rename':
      return { kind: 'rename', renames: lifecycle.renames.map(({ from, to }) => ({ from: qualify(from), to: qualify(to) })) };
    case 'drop':
      return { kind: 'drop', tables: lifecycle.tables.map(qualify) };
    case 'exchange':
      return copy(qualify(lifecycle.target), qualify(lifecycle.source));
    case 'swap': {
      const [a, b] = lifecycle.tables.map(qualify) as [string, string];
      return { kind: 'multiInsert', writes: [copy(a, b), copy(b, a)] };
    }
  }
}

/** A COPY / UNLOAD / LOAD DATA (fileTransfers.ts), its query parsed; other forms (stages, STDIN) are skipped. */
function transferStatement(database: string, index: number, statement: ScriptStatement, session: Session): ParsedStatement {
  const names = new AstReader(session.defaultSchema);
  // Exasol's IMPORT from another database's table (remoteImports.ts): a table outside the namespace, under a stand-in name moved there at the end of the run.
  const remote = recognizeRemoteImport(statement.text);
  if (remote) {
    const target = names.qualify(remote.target);
    if ('source' in remote) {
      const source = locationName(remote.source);
      const transfer: Statement = { kind: 'transfer', from: { kind: 'table', name: source }, to: { kind: 'table', name: target }, columns: remote.columns };
      return { index, statement, outcome: { ok: true, statement: transfer, tables: new Set([target]), locations: new Map([[source, remote.source]]) } };
    }
    // A query run in the other database: its tables are that database's (the session's default schema is not theirs), under stand-in names moved there at the end.
    const parsed = parseStatement(remote.statement, database);
    if (!parsed.ok) return { index, statement, outcome: { ok: false, message: `the STATEMENT of this IMPORT cannot be read: ${parsed.message}` } };
    if (parsed.statement.kind !== 'read') return { index, statement, outcome: { ok: false, message: 'the STATEMENT of an IMPORT must be a SELECT' } };
    const locations = new Map<string, AssetLocation>();
    const rename = new Map<string, string>();
    for (const table of parsed.tables) {
      const location = remote.locate(table);
      if (!location) continue;
      rename.set(table, locationName(location));
      locations.set(locationName(location), location);
    }
    // An INSERT of the query's rows: its columns flow into the target's as an INSERT ... SELECT's do.
    const write: Statement = { kind: 'write', mode: 'insert', target, columns: remote.columns, query: renameTables(parsed.statement.query, rename) };
    return { index, statement, outcome: { ok: true, statement: write, tables: new Set([target]), locations } };
  }
  const transfer = recognizeTransfer(statement.text);
  if (!transfer) return { index, statement };
  const tables = new Set<string>();
  const end = (side: TransferSide): TransferEnd | Extract<ParseOutcome, { ok: false }> => {
    if (side.kind === 'file') return side;
    if (side.kind === 'table') {
      const name = names.qualify(side.name);
      tables.add(name);
      return { kind: 'table', name };
    }
    const parsed = parseStatement(side.text, database, session.defaultSchema);
    if (!parsed.ok) return parsed;
    if (parsed.statement.kind !== 'read') return { ok: false, message: 'the query of a COPY or UNLOAD must be a SELECT' };
    for (const table of parsed.tables) tables.add(table);
    return { kind: 'query', query: parsed.statement.query };
  };
  const from = end(transfer.from);
  if ('ok' in from) return { index, statement, outcome: from };
  const to = end(transfer.to);
  if ('ok' in to) return { index, statement, outcome: to };
  const columns = transfer.columns;
  return { index, statement, outcome: { ok: true, statement: { kind: 'transfer', from, to, columns }, tables } };
}

/** What the session statements read so far in a file (session.ts) set. */
interface Session {
  defaultSchema?: string;
}

/** A failure of the parser or the analysis as the statement's error message. */
function cannotAnalyse(error: unknown): string {
  if (isStackOverflow(error)) return NESTS_TOO_DEEPLY;
  return `cannot analyse this statement: ${error instanceof Error ? error.message : String(error)}`;
}

/** The first character of a statement the store cannot hold, as an error at its line and column in the statement. */
function unstorableAt(text: string): { message: string; line: number; column: number } | null {
  const bad = firstUnstorable(text);
  if (!bad) return null;
  const before = text.slice(0, bad.index);
  return { message: `the statement holds ${bad.character}, ${bad.why}; it is left out`, line: before.split('\n').length, column: bad.index - before.lastIndexOf('\n') };
}

/**
 * One statement into the run; what its analysis noted as read in part becomes its warnings, once it
 * is in (a statement that fails is an error, not also a warning).
 */
function ingestStatement(run: Run, file: string, parsed: ParsedStatement): void {
  const at = `${file}:${parsed.statement.line}:${parsed.statement.column}`;
  if (parsed.skipped) {
    run.warnings.push({ location: at, message: parsed.skipped });
    return;
  }
  const notes = lineageNotes();
  analyseStatement(run, file, parsed, notes);
  if (notes.unexpanded.size > 0) {
    const tables = [...notes.unexpanded];
    run.warnings.push({
      location: at,
      message:
        `column lineage from ${tables.join(', ')} is at table level only: \`*\` reads ${tables.length > 1 ? 'them' : 'it'} whole, ` +
        `${tables.length > 1 ? 'their' : 'its'} columns not known (no CREATE earlier in the run, no other source declares them)`,
    });
  }
  if (notes.bothReadings.size > 0) {
    const names = [...notes.bothReadings].map(([name, tables]) => `\`${name}\` as an earlier select item's alias or as a column of ${[...tables].join(', ')}`);
    run.warnings.push({
      location: at,
      message:
        `read two ways, as this dialect may mean either (lateral column aliases) and the table's columns are not known: ` +
        `${names.join('; ')}; both are recorded as possible dependencies`,
    });
  }
}

function analyseStatement(run: Run, file: string, { index, statement, outcome }: ParsedStatement, notes: LineageNotes): void {
  if (!outcome) return;
  if (!outcome.ok) {
    // The parser counts from the statement's first character; the file from its own.
    const line = statement.line + (outcome.line ?? 1) - 1;
    const column = outcome.line === undefined ? statement.column : outcome.line === 1 ? statement.column + (outcome.column ?? 1) - 1 : (outcome.column ?? 1);
    run.errors.push({ location: `${file}:${line}:${column}`, message: outcome.message });
    return;
  }
  for (const [table, location] of outcome.locations ?? []) run.locations.set(table, location);
  const parsed = outcome.statement;
  const at = `${file}:${statement.line}:${statement.column}`;
  const known = (table: string) => run.known.get(table);
  switch (parsed.kind) {
    case 'ignored':
      return;
    case 'unsupported':
      run.errors.push({ location: at, message: `${parsed.type.toUpperCase()} statements are parsed but not analysed for lineage` });
      return;
    case 'ddl':
      run.known.define(parsed.target, { fields: parsed.fields, ...(parsed.computed ? { computed: parsed.computed } : {}) });
      run.builder.asset(parsed.target, parsed.fields, run.known.get(parsed.target).kind);
      return;
    case 'rename':
      for (const { from, to } of parsed.renames) {
        const before = run.known.get(from);
        if (run.builder.touches(from)) run.builder.rename(from, to);
        else {
          // A table from elsewhere renamed: its data moves from the old name to the new.
          const name = `${file}#${index}`;
          const fields = before.fields?.map((field) => field.name) ?? [];
          run.builder.computation(name, 'QUERY', statement.text);
          const outputs = fields.map((field) => ({ name: field, deps: [{ table: from, field, type: 'DIRECT', subtype: 'IDENTITY', masking: false } as const] }));
          const lineage = { target: to, outputs, indirect: [], opaque: fields.length > 0 ? [] : [from], tablesRead: [from], fieldsUsed: new Map([[from, new Set(fields)]]) };
          run.builder.lineage(name, lineage, known);
        }
        run.known.define(to, before);
        run.known.forget(from);
      }
      return;
    case 'transfer': {
      const { from, to } = parsed;
      const { reads, fields } = transferLineage(from, to, parsed.columns, known, run.lateral, notes);
      const fileRef = (file: { namespace: string; name: string }) => ({ type: 'ASSET' as const, namespace: file.namespace, name: file.name });
      const writes = to.kind === 'file' ? { file: fileRef(to.file) } : to.kind === 'table' ? { table: to.name } : undefined;
      if (!writes) return;
      run.builder.transfer(`${file}#${index}`, statement.text, reads, from.kind === 'file' ? fileRef(from.file) : undefined, writes, fields, known);
      return;
    }
    case 'drop':
      for (const table of parsed.tables) {
        run.builder.forget(table);
        run.known.forget(table);
      }
      return;
    case 'read': {
      const reads = queryReads(parsed.query, known, run.lateral, notes);
      // `SELECT 1`, `SELECT now()`: reads no table, consumes nothing worth a node.
      if (reads.tablesRead.length === 0) return;
      run.builder.readOnly(readOnlyName(file, statement.text), statement.text, reads, known);
      return;
    }
    case 'merge': {
      const name = `${file}#${index}`;
      // Analysed before anything is added, so that a failing analysis leaves no half of the statement behind.
      const lineage = mergeLineage(parsed, known, run.lateral, notes);
      run.builder.computation(name, 'QUERY', statement.text);
      // Like an INSERT, a MERGE may write only some columns: it tells nothing of the target's others.
      run.builder.lineage(name, lineage, known);
      return;
    }
    case 'multiInsert': {
      const name = `${file}#${index}`;
      const lineages = parsed.writes.map((write) => statementLineage(write, known, run.lateral, notes));
      run.builder.computation(name, 'QUERY', statement.text);
      for (const lineage of lineages) run.builder.lineage(name, lineage, known);
      return;
    }
    case 'write': {
      const lineage = statementLineage(parsed, known, run.lateral, notes);
      const name = `${file}#${index}`;
      if (parsed.mode === 'view') run.known.define(parsed.target, { kind: 'VIEW' });
      run.builder.computation(name, parsed.mode === 'view' ? 'VIEW_DEFINITION' : 'QUERY', statement.text);
      run.builder.lineage(name, lineage, known);
      // CTAS and views fix the target's columns, so later statements can expand `*` over it.
      // An INSERT may fill only some columns of its target, so it tells nothing of the rest.
      if ((parsed.mode === 'ctas' || parsed.mode === 'view') && lineage.opaque.length === 0) {
        run.known.define(parsed.target, { fields: lineage.outputs.map((o) => ({ name: o.name })) });
      }
      return;
    }
    default:
      return unreachable(parsed);
  }
}

/**
 * SQL scripts (ETL jobs, view definitions, dashboard queries) as lineage: every INSERT ... SELECT,
 * INSERT OVERWRITE, CREATE TABLE AS, CREATE VIEW, MERGE, UPDATE and DELETE becomes a computation
 * `<file>#<n>` reading its source tables and writing its target, with column-level edges; a
 * read-only SELECT a computation `<file>#select:<hash>` that only reads. The whole run is one full changeset, so a statement
 * removed from the scripts is retracted on the next ingest.
 */
export const sqlIngestor: Ingestor<SqlInput> = {
  kind: 'sql',
  sourceId,
  async *read(input: SqlInput, context: IngestContext): AsyncIterable<IngestBatch> {
    const database = parserDatabase(input.dialect);
    const source = sourceId(input);
    // Flink SQL, Hive and Spark SQL go through dt-sql-parser, whose grammar is loaded here, on first use.
    const dt = await dtScriptParser(input.dialect, database);
    const files = await listSqlFiles(input.path);
    const scripts = await Promise.all(
      files.map(async (file) => {
        const statements = splitStatements(applyDelimiters(await readFile(file.absolute, 'utf8')), { tsql: database === 'transactsql' });
        // Procedure and script bodies: their statements are the script's (routineBodies.ts); what they hold unread, its notes.
        const notes: BodyNote[] = [];
        return { file, statements: dt ? dt.statements(statements) : expandRoutines(statements, database, notes), notes };
      }),
    );
    const total = scripts.reduce((sum, script) => sum + script.statements.length, 0);
    const live = input.schemaFrom ? await postgresSchema(input.schemaFrom) : undefined;
    try {
      yield await readScripts(input, context, { database, source, dt, scripts, total, live });
    } finally {
      await live?.close();
    }
  },
};

/**
 * A parsed statement with what its rewrite left for the reading: the datasets outside the
 * namespace it named (ClickHouse table functions), the relations Oracle's PIVOT / UNPIVOT rotate.
 */
function readRewritten(outcome: ParseOutcome, rewritten: Rewritten | undefined): ParseOutcome {
  if (!outcome.ok || !rewritten) return outcome;
  const { locations, rotations } = rewritten;
  const statement = rotations ? rotateRelations(outcome.statement, rotations) : outcome.statement;
  return { ...outcome, statement, ...(locations && locations.size > 0 ? { locations: new Map([...(outcome.locations ?? []), ...locations]) } : {}) };
}

/** `file:line:column` locations of one file, by line then column. */
function byPosition(a: IngestWarning, b: IngestWarning): number {
  const at = (w: IngestWarning) => w.location.split(':').slice(-2).map(Number) as [number, number];
  const [la, ca] = at(a);
  const [lb, cb] = at(b);
  return la - lb || ca - cb;
}

/** The run over the files read: one changeset, the bad statements, and those read in part. */
async function readScripts(
  input: SqlInput,
  context: IngestContext,
  { database, source, dt, scripts, total, live }: { database: string; source: string; dt: Awaited<ReturnType<typeof dtScriptParser>>; scripts: { file: SqlFile; statements: ScriptStatement[]; notes: BodyNote[] }[]; total: number; live: LiveSchema | undefined },
): Promise<IngestBatch> {
  // Forms of a dialect read with another's grammar, rewritten in place first (dialectRewrites.ts).
  const rewrite = dialectRewrite(input.dialect);
  const parse: Run['parse'] = dt ? dt.parse : rewrite
      ? (text, defaultSchema) => parseRewritten<ParseOutcome>(rewrite, text, (rewritten, read) => readRewritten(parseStatement(rewritten, database, defaultSchema), read), (message, line, column) => ({ ok: false, message, line, column }))
      : (text, defaultSchema) => parseStatement(text, database, defaultSchema);
  // Teradata's LOCKING modifiers blanked (teradataLocking.ts), its SEL / INS / UPD / DEL written out (teradataAbbreviations.ts), before the rest.
  const teradata = input.dialect.trim().toLowerCase() === 'teradata';
  // ClickHouse's ARRAY JOIN as UNNEST derived tables (arrayJoins.ts).
  const clickhouse = input.dialect.trim().toLowerCase() === 'clickhouse';
  const run: Run = {
    database,
    parse: teradata
      ? (text, defaultSchema) => parseWithAbbreviations((expanded) => parse(expanded, defaultSchema), blankLocking(text))
      : clickhouse
        ? (text, defaultSchema) => parseWithArrayJoins((rewritten) => parse(rewritten, defaultSchema), text)
        : parse,
    keywords: teradata ? TERADATA_KEYWORDS : (dt?.keywords ?? new Set()),
    locations: new Map(),
    builder: new ChangesetBuilder(source, input.namespace),
    known: new KnownSchemas(context.store, input.namespace, source, live),
    lateral: lateralReading(input.dialect),
    errors: [],
    warnings: [],
  };
  let done = 0;
  for (const { file, statements, notes } of scripts) {
    // Its statements become computations `<file>#<n>`: a path too long for an identity costs only its file.
    const pathTooLong = tooLongReason(`${file.relative}#${statements.length}`, TEXT_LIMITS.identity);
    if (pathTooLong) {
      run.errors.push({ location: file.relative, message: `the file's path is too long to name its statements: \`<path>#<n>\` ${pathTooLong}; the file is left out` });
      done += statements.length;
      continue;
    }
    // A session lasts one script: each file starts where the connection would.
    const firstWarning = run.warnings.length;
    for (const note of notes) run.warnings.push({ location: `${file.relative}:${note.line}:${note.column}`, message: note.message });
    const session: Session = input.defaultSchema ? { defaultSchema: input.defaultSchema.trim().toLowerCase() } : {};
    const parsed = statements.map((statement, i) => parseScriptStatement(run, i + 1, statement, session));
    // One query for every table the file names, instead of one per table as statements meet them.
    const tables = new Set<string>();
    for (const { outcome } of parsed) if (outcome?.ok) for (const table of outcome.tables) tables.add(table);
    await run.known.prefetch(tables);
    for (const statement of parsed) {
      try {
        ingestStatement(run, file.relative, statement);
      } catch (error) {
        // A statement the analysis cannot follow is a bad item, not a failed run.
        const { line, column } = statement.statement;
        run.errors.push({ location: `${file.relative}:${line}:${column}`, message: cannotAnalyse(error) });
      }
      context.progress?.(++done, total);
    }
    // A body's conditions were noted before its statements were read: the file's warnings in the order they stand.
    run.warnings.splice(firstWarning, Infinity, ...run.warnings.slice(firstWarning).sort(byPosition));
  }
  return { changeset: relocateAssets(run.builder.build(), input.namespace, run.locations), errors: run.errors, ...(run.warnings.length > 0 ? { warnings: run.warnings } : {}) };
}
