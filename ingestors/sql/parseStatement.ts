import sqlParser from 'node-sql-parser';
import { parseMerge } from './mergeStatement.js';
import { AstReader } from './readAst.js';
import type { AssetLocation } from './dtsql/assetLocations.js';
import type { Statement } from './queryModel.js';

const parser = new sqlParser.Parser();

export type ParseOutcome =
  /** `locations`: tables that live outside the script's namespace (dtsql/assetLocations.ts). */
  | { ok: true; statement: Statement; tables: Set<string>; locations?: ReadonlyMap<string, AssetLocation> }
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

/**
 * Parses one statement with node-sql-parser for a parser `database`, into the lineage model; MERGE,
 * which the parser has no grammar for, through its own front end (mergeStatement.ts).
 */
export function parseStatement(text: string, database: string): ParseOutcome {
  if (/^merge\b/i.test(text)) return parseMerge(text, database);
  let ast: unknown;
  try {
    ast = parser.astify(text, { database });
  } catch (error) {
    if (isStackOverflow(error)) return { ok: false, message: NESTS_TOO_DEEPLY };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message, ...positionOf(error) };
  }
  const asts = Array.isArray(ast) ? ast : [ast];
  if (asts.length !== 1) return { ok: false, message: `expected one statement, the parser found ${asts.length}` };
  const reader = new AstReader();
  return { ok: true, statement: reader.statement(asts[0]), tables: reader.tables };
}
