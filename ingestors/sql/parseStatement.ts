import sqlParser from 'node-sql-parser';
import { DIRECTORY_WRITE, parseDirectoryWrite } from './directoryWrites.js';
import { parseMerge } from './mergeStatement.js';
import { MULTI_TABLE_INSERT, parseMultiTableInsert } from './multiTableInsert.js';
import { TABLE_CLONE, parseTableClone } from './tableClones.js';
import { TABLE_DEFINITION, parseTableDefinition } from './tableDefinitions.js';
import { AstReader } from './readAst.js';
import type { AssetLocation } from './dtsql/assetLocations.js';
import type { Statement } from './queryModel.js';
import { lineColumn } from './sqlTokens.js';
import { fallbackGrammar, fallbackText, firstGrammar, routedText } from './grammarRoutes.js';
import { hasNaturalJoin } from './standardClauses.js';
import { needsRewrite, rewriteForParser } from './syntaxRewrites.js';
import { recognizeWriteHeader, type WriteHeader } from './writeHeaders.js';

const parser = new sqlParser.Parser();

export type ParseOutcome =
  /** `locations`: tables that live outside the script's namespace (dtsql/assetLocations.ts). */
  | { ok: true; statement: Statement; tables: Set<string>; materialized?: boolean; locations?: ReadonlyMap<string, AssetLocation> }
  /** `line`/`column` are relative to the statement text, when the parser reported a position. */
  | { ok: false; message: string; line?: number; column?: number };

/** The parser and the AST reader recurse over the statement's nesting; deep enough, they run out of stack. */
export const NESTS_TOO_DEEPLY = 'the statement nests too deeply to analyse (the parser ran out of stack); it is left out';

export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

function positionOf(error: unknown): { line: number; column: number } | undefined {
  const start = (error as { location?: { start?: { line?: unknown; column?: unknown } } } | null)?.location?.start;
  return typeof start?.line === 'number' && typeof start.column === 'number' ? { line: start.line, column: start.column } : undefined;
}

type Astified = { ok: true; ast: unknown } | Extract<ParseOutcome, { ok: false }>;

function astify(text: string, database: string): Astified {
  let ast: unknown;
  try {
    ast = parser.astify(text, { database });
  } catch (error) {
    if (isStackOverflow(error)) return { ok: false, message: NESTS_TOO_DEEPLY };
    const message = error instanceof Error ? error.message : String(error);
    // The parser trims the text first: a query whose write head was blanked out starts with spaces.
    const leading = text.length - text.trimStart().length;
    const offset = (error as { location?: { start?: { offset?: unknown } } } | null)?.location?.start?.offset;
    if (leading > 0 && typeof offset === 'number') return { ok: false, message, ...lineColumn(text, offset + leading) };
    return { ok: false, message, ...positionOf(error) };
  }
  const asts = Array.isArray(ast) ? ast : [ast];
  if (asts.length !== 1) return { ok: false, message: `expected one statement, the parser found ${asts.length}` };
  return { ok: true, ast: asts[0] };
}

/** A write whose head writeHeaders.ts recognised: its query parsed on its own. */
function headed(header: WriteHeader, database: string, defaultSchema: string | undefined): ParseOutcome {
  const parsed = astify(header.query, database);
  if (!parsed.ok) return parsed;
  const reader = new AstReader(defaultSchema, hasNaturalJoin(header.query), database === 'transactsql');
  const query = reader.select(parsed.ast);
  const target = reader.qualify(header.target);
  reader.tables.add(target);
  const statement: Statement = { kind: 'write', mode: header.mode, target, columns: header.columns, query };
  return { ok: true, statement, tables: reader.tables, ...(header.materialized ? { materialized: true } : {}) };
}

/**
 * Parses one statement with node-sql-parser for a parser `database`, into the lineage model. What
 * the parser refuses is tried again rewritten (syntaxRewrites.ts), then as a write head around a
 * query (writeHeaders.ts); MERGE, which the parser has no grammar for, goes through its own front
 * end (mergeStatement.ts). A statement that fails every way reports the first way's error, unless
 * a later way got further (it recognised more of the statement).
 */
export function parseStatement(text: string, database: string, defaultSchema?: string): ParseOutcome {
  if (/^merge\b/i.test(text)) return parseMerge(text, database, defaultSchema);
  if (MULTI_TABLE_INSERT.test(text)) {
    const multi = parseMultiTableInsert(text, (part) => parseStatement(part, database, defaultSchema), defaultSchema);
    if (multi) return multi;
  }
  const cloned = TABLE_CLONE.test(text) ? parseTableClone(text, defaultSchema) : undefined;
  if (cloned) return cloned;
  if (DIRECTORY_WRITE.test(text)) return parseDirectoryWrite(text, (query) => parseStatement(query, database, defaultSchema));
  // Forms a dialect's grammar refuses or misreads go another way (grammarRoutes.ts).
  const routed = routedText(text, database);
  const parsed = parseIn(routed, firstGrammar(text, database), defaultSchema);
  const fallback = fallbackGrammar(text, database);
  if (parsed.ok) return parsed;
  const again = fallback ? parseIn(fallbackText(routed, database, fallback), fallback, defaultSchema) : undefined;
  if (again?.ok) return again;
  // A CREATE TABLE every grammar refused: its column types or LIKE (tableDefinitions.ts).
  const defined = TABLE_DEFINITION.test(text) ? parseTableDefinition(text, defaultSchema) : undefined;
  if (defined) return defined;
  return again && further(again, parsed) ? again : parsed;
}

function parseIn(text: string, database: string, defaultSchema: string | undefined): ParseOutcome {
  const rewritten = needsRewrite(text) ? rewriteForParser(text, database) : text;
  let parsed = astify(rewritten, database);
  let retried: string | undefined;
  if (!parsed.ok && rewritten === text) {
    retried = rewriteForParser(text, database);
    if (retried !== text) {
      const again = astify(retried, database);
      if (again.ok || further(again, parsed)) parsed = again;
    }
  }
  if (parsed.ok) {
    const reader = new AstReader(defaultSchema, hasNaturalJoin(text), database === 'transactsql');
    const statement = reader.statement(parsed.ast);
    // `SELECT ... INTO t`, which the parser reads but the reader cannot place.
    if (statement.kind === 'ignored' && statement.type === 'select into') {
      const header = recognizeWriteHeader(rewritten);
      if (header) return headed(header, database, defaultSchema);
    }
    return { ok: true, statement, tables: reader.tables };
  }
  const header = recognizeWriteHeader(retried ?? rewritten);
  if (!header) return parsed;
  const outcome = headed(header, database, defaultSchema);
  return outcome.ok || further(outcome, parsed) ? outcome : parsed;
}

/** Whether error `a` is later in the statement than error `b`. */
function further(a: { line?: number; column?: number }, b: { line?: number; column?: number }): boolean {
  return (a.line ?? 0) > (b.line ?? 0) || ((a.line ?? 0) === (b.line ?? 0) && (a.column ?? 0) > (b.column ?? 0));
}
