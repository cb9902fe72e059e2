import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { IngestBatch, IngestContext, IngestError, Ingestor } from '../contract.js';
import { ChangesetBuilder } from './changesetBuilder.js';
import { parserDatabase } from './dialects.js';
import { KnownSchemas } from './knownSchemas.js';
import { parseStatement } from './parseStatement.js';
import { listSqlFiles } from './sqlFiles.js';
import { splitStatements, type ScriptStatement } from './splitStatements.js';
import { statementLineage } from './statementLineage.js';

export interface SqlInput {
  /** A `.sql` file, or a directory whose `.sql` files (recursively) are read in path order. */
  path: string;
  /** `hive`, `mysql`, `postgresql`, `flinksql`, `bigquery`, ... (see dialects.ts). */
  dialect: string;
  /** Namespace of the tables the scripts name and of the computations they define. */
  namespace: string;
}

/**
 * Statements that may move data between tables. Anything else (SET, USE, DROP, SELECT, DELETE...)
 * carries no lineage and is skipped without parsing, so that a script's session settings, which
 * the parser often cannot read, do not show up as errors.
 */
const LINEAGE_KEYWORDS = new Set(['insert', 'create', 'with', 'merge', 'update', 'replace', 'upsert']);

function sourceId(input: SqlInput): string {
  return `sql:${input.namespace}:${path.basename(path.resolve(input.path))}`;
}

/** One run: what it has built so far and the bad statements found. */
interface Run {
  database: string;
  builder: ChangesetBuilder;
  known: KnownSchemas;
  errors: IngestError[];
}

async function ingestStatement(run: Run, file: string, index: number, statement: ScriptStatement): Promise<void> {
  const keyword = /^[A-Za-z]+/.exec(statement.text)?.[0]?.toLowerCase() ?? '';
  if (!LINEAGE_KEYWORDS.has(keyword)) return;
  const outcome = parseStatement(statement.text, run.database);
  if (!outcome.ok) {
    // The parser counts from the statement's first character; the file from its own.
    const line = statement.line + (outcome.line ?? 1) - 1;
    const column = outcome.line === undefined ? statement.column : outcome.line === 1 ? statement.column + (outcome.column ?? 1) - 1 : (outcome.column ?? 1);
    run.errors.push({ location: `${file}:${line}:${column}`, message: outcome.message });
    return;
  }
  const parsed = outcome.statement;
  const at = `${file}:${statement.line}:${statement.column}`;
  switch (parsed.kind) {
    case 'ignored':
      return;
    case 'unsupported':
      run.errors.push({ location: at, message: `${parsed.type.toUpperCase()} statements are parsed but not analysed for lineage` });
      return;
    case 'ddl':
      await run.known.prefetch([parsed.target]);
      run.known.define(parsed.target, { fields: parsed.fields });
      run.builder.asset(parsed.target, parsed.fields, run.known.get(parsed.target).kind);
      return;
    case 'write': {
      await run.known.prefetch(outcome.tables);
      const known = (table: string) => run.known.get(table);
      const lineage = statementLineage(parsed, known);
      const name = `${file}#${index}`;
      if (parsed.mode === 'view') run.known.define(parsed.target, { kind: 'VIEW' });
      run.builder.computation(name, parsed.mode === 'view' ? 'VIEW_DEFINITION' : 'QUERY', statement.text);
      run.builder.lineage(name, lineage, known);
      // CTAS and views fix the target's columns, so later statements can expand `*` over it.
      // An INSERT may fill only some columns of its target, so it tells nothing of the rest.
      if (parsed.mode !== 'insert' && lineage.opaque.length === 0) {
        run.known.define(parsed.target, { fields: lineage.outputs.map((o) => ({ name: o.name })) });
      }
      return;
    }
  }
}

/**
 * SQL scripts (ETL jobs, view definitions) as lineage: every INSERT ... SELECT, INSERT OVERWRITE,
 * CREATE TABLE AS and CREATE VIEW becomes a computation `<file>#<n>` reading its source tables and
 * writing its target, with column-level edges. The whole run is one full changeset, so a statement
 * removed from the scripts is retracted on the next ingest.
 */
export const sqlIngestor: Ingestor<SqlInput> = {
  kind: 'sql',
  sourceId,
  async *read(input: SqlInput, context: IngestContext): AsyncIterable<IngestBatch> {
    const database = parserDatabase(input.dialect);
    const source = sourceId(input);
    const files = await listSqlFiles(input.path);
    const scripts = await Promise.all(
      files.map(async (file) => ({ file, statements: splitStatements(await readFile(file.absolute, 'utf8')) })),
    );
    const total = scripts.reduce((sum, script) => sum + script.statements.length, 0);
    const run: Run = {
      database,
      builder: new ChangesetBuilder(source, input.namespace),
      known: new KnownSchemas(context.store, input.namespace, source),
      errors: [],
    };
    let done = 0;
    for (const { file, statements } of scripts) {
      for (const [i, statement] of statements.entries()) {
        try {
          await ingestStatement(run, file.relative, i + 1, statement);
        } catch (error) {
          // A statement the analysis cannot follow is a bad item, not a failed run.
          const message = error instanceof Error ? error.message : String(error);
          run.errors.push({ location: `${file.relative}:${statement.line}:${statement.column}`, message: `cannot analyse this statement: ${message}` });
        }
        context.progress?.(++done, total);
      }
    }
    yield { changeset: run.builder.build(), errors: run.errors };
  },
};
