/**
 * `INSERT OVERWRITE [LOCAL] DIRECTORY 'path' [ROW FORMAT ...] [STORED AS ...] query` (Hive) and
 * Spark's `INSERT OVERWRITE [LOCAL] DIRECTORY ['path'] USING fmt [OPTIONS (path 'p', ...)] query`
 * in the dialects read with node-sql-parser, whose grammars have no such statement. The head is
 * recognised over the shallow scanner and blanked (the query keeps its place, so parse errors keep
 * their line and column); the directory is a FILE asset named as the dt-sql-parser path names it
 * (dtsql/assetLocations.ts: `hdfs://nn:8020` + `/p`, `s3://bucket` + key, `file` + a local path,
 * namespace `hdfs` for a path without a scheme).
 */
import { pathLocation } from './dtsql/assetLocations.js';
import type { ParseOutcome } from './parseStatement.js';
import { isWord, scanSql, SqlScanError, type SqlToken } from './sqlTokens.js';

export const DIRECTORY_WRITE = /^insert\s+overwrite\s+(?:local\s+)?directory\b/i;

function stringValue(token: SqlToken): string {
  return token.text.slice(1, -1).replace(/''/g, "'").replace(/\\(.)/g, '$1');
}

function isQueryStart(text: string, token: SqlToken | undefined): boolean {
  if (isWord(token, 'select', 'with', 'from', 'values')) return true;
  return token?.kind === 'group' && isWord(scanSql(text, token.start + 1, token.end - 1)[0], 'select', 'with');
}

/** Spark's `OPTIONS (path 's3://...', ...)` or `OPTIONS ('path' = '...')`: the path option's value. */
function optionsPath(text: string, group: SqlToken): string | undefined {
  const tokens = scanSql(text, group.start + 1, group.end - 1);
  for (let i = 0; i < tokens.length; i++) {
    const key = tokens[i]!;
    const named = key.kind === 'string' ? stringValue(key) : key.text;
    if (named.toLowerCase() !== 'path') continue;
    const value = tokens[i + 1]?.text === '=' ? tokens[i + 2] : tokens[i + 1];
    if (value?.kind === 'string') return stringValue(value);
  }
  return undefined;
}

interface DirectoryHeader {
  path: string;
  local: boolean;
  /** The statement with everything before the query blanked. */
  query: string;
}

function recognize(text: string): DirectoryHeader | undefined {
  const tokens = scanSql(text);
  let i = 2;
  const local = isWord(tokens[i], 'local');
  if (local) i++;
  if (!isWord(tokens[i], 'directory')) return undefined;
  i++;
  let path = tokens[i]?.kind === 'string' ? stringValue(tokens[i]!) : undefined;
  // ROW FORMAT ..., STORED AS ..., USING fmt, OPTIONS (...): up to the query.
  while (i < tokens.length && !isQueryStart(text, tokens[i])) {
    if (isWord(tokens[i], 'options') && tokens[i + 1]?.kind === 'group') path ??= optionsPath(text, tokens[i + 1]!);
    i++;
  }
  const query = tokens[i];
  if (path === undefined || !query) return undefined;
  return { path, local, query: text.slice(0, query.start).replace(/[^\n]/g, ' ') + text.slice(query.start) };
}

/** The statement as a write of its query into the directory's FILE asset; `parseQuery` parses the query. */
export function parseDirectoryWrite(text: string, parseQuery: (query: string) => ParseOutcome): ParseOutcome {
  let header: DirectoryHeader | undefined;
  try {
    header = recognize(text);
  } catch (error) {
    if (!(error instanceof SqlScanError)) throw error;
  }
  if (!header) return { ok: false, message: 'INSERT OVERWRITE DIRECTORY needs a path (a string, or OPTIONS (path ...)) followed by a query', line: 1, column: 1 };
  const parsed = parseQuery(header.query);
  if (!parsed.ok) return parsed;
  if (parsed.statement.kind !== 'read') return { ok: false, message: 'the query of an INSERT OVERWRITE DIRECTORY must be a SELECT', line: 1, column: 1 };
  const location = pathLocation(header.path, header.local);
  return {
    ok: true,
    statement: { kind: 'write', mode: 'insert', target: header.path, columns: [], query: parsed.statement.query },
    tables: parsed.tables,
    locations: new Map([[header.path, location]]),
  };
}
