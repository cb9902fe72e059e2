/**
 * The head of a write that node-sql-parser refuses or cannot model, recognised over the shallow
 * scanner, so that only its query goes to the parser:
 * - `SELECT ... INTO t FROM ...` (T-SQL, PostgreSQL, Snowflake, Redshift): a new table from the query;
 * - `WITH ... INSERT [INTO|OVERWRITE] [TABLE] t [(cols)] SELECT ...` (a CTE before the insert);
 * - `CREATE [OR REPLACE | OR ALTER] [TEMP | TRANSIENT | SECURE ...] [MATERIALIZED] VIEW | TABLE
 *   [IF NOT EXISTS] t [(cols)] [options] AS query`, for the dialects whose grammar lacks the form
 *   (materialised views everywhere, CTAS in T-SQL and Redshift, T-SQL views), and Teradata's
 *   `REPLACE VIEW v AS query`;
 * The query is handed on as the statement's text with the head blanked out (spaces, newlines
 * kept), so the parser's error positions stay those of the script.
 */
import { isWord, qualifiedNameAt, scanSql, SqlScanError, identifierName, type SqlToken } from './sqlTokens.js';

export interface WriteHeader {
  mode: 'insert' | 'ctas' | 'view';
  materialized: boolean;
  target: string;
  columns: string[];
  /** The statement with everything but the query blanked. */
  query: string;
}

const CREATE_MODIFIERS = new Set(['or', 'replace', 'alter', 'temp', 'temporary', 'transient', 'volatile', 'global', 'local', 'secure', 'recursive', 'unlogged', 'multiset', 'set']);

/** A possibly qualified name from `tokens[i]`: its parts joined by `.`, and the index after it. */
function nameAt(tokens: SqlToken[], i: number): { name: string; next: number } | undefined {
  // T-SQL temporary tables: `#t`, `##t`.
  let prefix = '';
  let j = i;
  while (tokens[j]?.text === '#') {
    prefix += '#';
    j++;
  }
  const name = qualifiedNameAt(tokens, j);
  return name && { name: prefix + name.name, next: name.next };
}

/** The names of a column list `(a, b)`, or of column definitions `(a INT, b TEXT)` (the first word of each). */
function columnNames(text: string, group: SqlToken): string[] {
  const tokens = scanSql(text, group.start + 1, group.end - 1);
  const names: string[] = [];
  let expectName = true;
  for (const token of tokens) {
    if (token.text === ',') expectName = true;
    else if (expectName && (token.kind === 'word' || token.kind === 'quoted')) {
      names.push(identifierName(token));
      expectName = false;
    } else expectName = false;
  }
  return names;
}

function blankExcept(text: string, keep: [number, number][]): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    out += ch === '\n' || keep.some(([s, e]) => i >= s && i < e) ? ch : ' ';
  }
  return out;
}

function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + text.slice(start, end).replace(/[^\n]/g, ' ') + text.slice(end);
}

function isQueryStart(text: string, token: SqlToken | undefined): boolean {
  if (isWord(token, 'select', 'with', 'values')) return true;
  return token?.kind === 'group' && isWord(scanSql(text, token.start + 1, token.end - 1)[0], 'select', 'with');
}

function createHeader(text: string, tokens: SqlToken[]): WriteHeader | undefined {
  let i = 1;
  while (isWord(tokens[i], ...CREATE_MODIFIERS)) i++;
  const materialized = isWord(tokens[i], 'materialized', 'materialised');
  if (materialized) i++;
  const kind = tokens[i]?.text.toLowerCase();
  if (kind !== 'view' && kind !== 'table') return undefined;
  i++;
  if (isWord(tokens[i], 'if')) i += isWord(tokens[i + 1], 'not') ? 3 : 2;
  const named = nameAt(tokens, i);
  if (!named) return undefined;
  i = named.next;
  let columns: string[] = [];
  if (tokens[i]?.kind === 'group' && !isQueryStart(text, tokens[i])) {
    columns = columnNames(text, tokens[i]!);
    i++;
  }
  // Options before AS (Redshift DISTKEY(...), BigQuery OPTIONS(...), Snowflake COMMENT = '...').
  while (i < tokens.length && !(isWord(tokens[i], 'as') && isQueryStart(text, tokens[i + 1]))) i++;
  const query = tokens[i + 1];
  if (!query) return undefined;
  return {
    mode: kind === 'view' ? 'view' : 'ctas',
    materialized,
    target: named.name,
    // A CTAS with column definitions names its columns as the query's by position, like a view's list.
    columns,
    query: blankExcept(text, [[query.start, text.length]]),
  };
}

function withInsertHeader(text: string, tokens: SqlToken[]): WriteHeader | undefined {
  const insert = tokens.findIndex((t) => isWord(t, 'insert'));
  if (insert < 0) return undefined;
  let i = insert + 1;
  while (isWord(tokens[i], 'into', 'overwrite', 'table')) i++;
  const named = nameAt(tokens, i);
  if (!named) return undefined;
  i = named.next;
  let columns: string[] = [];
  if (tokens[i]?.kind === 'group' && !isQueryStart(text, tokens[i])) {
    columns = columnNames(text, tokens[i]!);
    i++;
  }
  if (!isQueryStart(text, tokens[i])) return undefined;
  return { mode: 'insert', materialized: false, target: named.name, columns, query: blank(text, tokens[insert]!.start, tokens[i]!.start) };
}

function selectIntoHeader(text: string, tokens: SqlToken[]): WriteHeader | undefined {
  const into = tokens.findIndex((t) => isWord(t, 'into'));
  if (into < 0) return undefined;
  // MySQL `INTO @var` / `INTO OUTFILE 'f'` write no table.
  if (isWord(tokens[into + 1], 'outfile', 'dumpfile') || tokens[into + 1]?.text === '@') return undefined;
  let i = into + 1;
  while (isWord(tokens[i], 'temp', 'temporary', 'unlogged', 'table')) i++;
  const named = nameAt(tokens, i);
  if (!named) return undefined;
  return { mode: 'ctas', materialized: false, target: named.name, columns: [], query: blank(text, tokens[into]!.start, tokens[named.next - 1]!.end) };
}

/** The write head of a statement the parser refused or cannot model, if it has one of the forms above. */
export function recognizeWriteHeader(text: string): WriteHeader | undefined {
  try {
    const tokens = scanSql(text);
    // Teradata's `REPLACE VIEW v AS ...` (CREATE or replace, without CREATE).
    if (isWord(tokens[0], 'create') || (isWord(tokens[0], 'replace') && isWord(tokens[1], 'view'))) return createHeader(text, tokens);
    if (isWord(tokens[0], 'with')) return withInsertHeader(text, tokens) ?? selectIntoHeader(text, tokens);
    if (isWord(tokens[0], 'select')) return selectIntoHeader(text, tokens);
    return undefined;
  } catch (error) {
    if (error instanceof SqlScanError) return undefined;
    throw error;
  }
}
