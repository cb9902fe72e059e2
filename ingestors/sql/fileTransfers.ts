/**
 * Statements that move data between a table and files or buckets, recognised over the shallow
 * scanner: PostgreSQL/Redshift `COPY t [(cols)] FROM|TO 'location'` and `COPY (query) TO
 * 'location'`, Snowflake `COPY INTO t FROM 'location'` / `COPY INTO 'location' FROM t|(query)`,
 * Redshift `UNLOAD ('query') TO 'location'`, MySQL `LOAD DATA [LOCAL] INFILE 'f' INTO TABLE t`
 * (and Hive's `LOAD DATA [LOCAL] INPATH`), BigQuery `EXPORT DATA [WITH CONNECTION c] OPTIONS (uri =
 * '...', ...) AS query` and `LOAD DATA INTO|OVERWRITE t [(cols)] FROM FILES (uris = ['...'], ...)`,
 * Exasol `IMPORT INTO t [(cols)] FROM [LOCAL] CSV|FBV [AT 'url'] FILE 'f'` and `EXPORT t [(cols)] |
 * (query) INTO [LOCAL] CSV|FBV [AT 'url'] FILE 'f'` (the URL and the file name joined).
 * STDIN/STDOUT and PROGRAM name no dataset and are not recognised.
 *
 * A Snowflake stage (`COPY INTO @stage[/path]`, `COPY INTO t FROM @stage[/path]`) is a dataset in
 * namespace `snowflake-stage`, named by the stage as written, lower-cased, quotes removed, with the
 * path after it: `@raw.landing/txn/` is `raw.landing/txn`, a table's stage `@%t` is `%t`, the
 * user's stage `@~/x` is `~/x`. OpenLineage's naming spec has no name for stages; this keeps the
 * stage and the path, as a bucket's namespace and key are kept, so that the unload into a path and
 * the load from it meet at one asset.
 *
 * A wildcard file name (`gs://b/exports/risk/*.csv`, as EXPORT DATA requires) names its directory
 * (`exports/risk`): the files a later load reads by the same pattern are that one dataset.
 *
 * A location is a dataset named as OpenLineage's naming spec names it: `s3://bucket/key` is
 * namespace `s3://bucket`, name `key` (s3a and s3n are s3), likewise `gs://`, `abfss://`,
 * `wasbs://`; `hdfs://host:port/path` is namespace `hdfs://host:port`, name `/path`; a local path
 * (or `file:///path`) is namespace `file`, name the path.
 */
import { keepOnly } from './inPlaceText.js';
import { isWord, scanSql, SqlScanError, identifierName, stringLiteral, type SqlToken } from './sqlTokens.js';

export interface FileDataset {
  namespace: string;
  name: string;
}

export type TransferSide =
  | { kind: 'table'; name: string }
  | { kind: 'file'; file: FileDataset }
  /** A query's text with everything around it blanked (positions kept), or (UNLOAD) the unquoted string. */
  | { kind: 'query'; text: string };

export interface Transfer {
  from: TransferSide;
  to: TransferSide;
  /** The table's column list (`COPY t (a, b) FROM ...`), empty when none is written. */
  columns: string[];
}

/** The namespace of Snowflake stages (see the module comment). */
export const STAGE_NAMESPACE = 'snowflake-stage';

const OBJECT_STORES: Record<string, string> = { s3: 's3', s3a: 's3', s3n: 's3', gs: 'gs', abfs: 'abfs', abfss: 'abfss', wasb: 'wasb', wasbs: 'wasbs' };

/** `dir/*.csv` names `dir`: the files of one pattern are one dataset. */
function withoutWildcard(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 && path.slice(slash + 1).includes('*') ? path.slice(0, slash) || '/' : path;
}

/** The OpenLineage dataset of a file or bucket location. */
export function fileDataset(location: string): FileDataset {
  const url = /^([a-z][a-z0-9+]*):\/\/([^/]*)(\/.*)?$/i.exec(location);
  if (!url) return { namespace: 'file', name: location };
  const scheme = url[1]!.toLowerCase();
  const authority = url[2]!;
  const path = withoutWildcard(url[3] ?? '/');
  if (scheme === 'file') return { namespace: 'file', name: path };
  const store = OBJECT_STORES[scheme];
  if (store) return { namespace: `${store}://${authority}`, name: path.replace(/^\/+/, '') };
  return { namespace: `${scheme}://${authority}`, name: path };
}

/** An operand at `tokens[i]`: a table name, a location string, or a parenthesised query; and the index after it. */
function operand(text: string, tokens: SqlToken[], i: number): { side: TransferSide; next: number } | undefined {
  const token = tokens[i];
  if (!token) return undefined;
  if (token.kind === 'punct' && token.text === '@') return stage(text, tokens, i);
  if (token.kind === 'string') return { side: { kind: 'file', file: fileDataset(stringLiteral(token)) }, next: i + 1 };
  if (token.kind === 'group') {
    const first = scanSql(text, token.start + 1, token.end - 1)[0];
    if (!isWord(first, 'select', 'with')) return undefined;
    return { side: { kind: 'query', text: keepOnly(text, token.start + 1, token.end - 1) }, next: i + 1 };
  }
  if (token.kind !== 'word' && token.kind !== 'quoted') return undefined;
  if (isWord(token, 'stdin', 'stdout', 'program')) return undefined;
  const parts: string[] = [];
  let j = i;
  for (;;) {
    const part = tokens[j];
    if (!part || (part.kind !== 'word' && part.kind !== 'quoted')) return undefined;
    parts.push(identifierName(part));
    j++;
    if (tokens[j]?.text !== '.') break;
    j++;
  }
  return { side: { kind: 'table', name: parts.join('.') }, next: j };
}

/** `@stage[/path]`: everything up to a blank, `;` or parenthesis. */
function stage(text: string, tokens: SqlToken[], i: number): { side: TransferSide; next: number } | undefined {
  const start = tokens[i]!.end;
  const length = /^[^\s;()]*/.exec(text.slice(start))![0].length;
  const written = text.slice(start, start + length).replace(/["`]/g, '').toLowerCase().replace(/\/+$/, '');
  if (written === '') return undefined;
  let next = i + 1;
  while (tokens[next] && tokens[next]!.start < start + length) next++;
  return { side: { kind: 'file', file: { namespace: STAGE_NAMESPACE, name: written } }, next };
}

/** The names of a column list group. */
function columnList(text: string, group: SqlToken): string[] {
  return scanSql(text, group.start + 1, group.end - 1)
    .filter((t) => t.kind === 'word' || t.kind === 'quoted')
    .map(identifierName);
}

function copy(text: string, tokens: SqlToken[]): Transfer | undefined {
  let i = 1;
  if (isWord(tokens[i], 'into')) i++;
  const first = operand(text, tokens, i);
  if (!first) return undefined;
  i = first.next;
  const columns = first.side.kind === 'table' && tokens[i]?.kind === 'group' ? columnList(text, tokens[i]!) : [];
  if (tokens[i]?.kind === 'group') i++; // a column list
  const direction = tokens[i]?.text.toLowerCase();
  if (direction !== 'from' && direction !== 'to') return undefined;
  const second = operand(text, tokens, i + 1);
  if (!second) return undefined;
  const valid = (a: TransferSide, b: TransferSide) => a.kind !== b.kind && (a.kind === 'file' || b.kind === 'file');
  if (!valid(first.side, second.side)) return undefined;
  return direction === 'from' ? { from: second.side, to: first.side, columns } : { from: first.side, to: second.side, columns };
}

function unload(tokens: SqlToken[]): Transfer | undefined {
  const query = tokens[1];
  if (query?.kind !== 'group') return undefined;
  const inner = scanSql(query.text, 1, query.text.length - 1);
  const location = tokens[3];
  if (inner.length !== 1 || inner[0]!.kind !== 'string' || !isWord(tokens[2], 'to') || location?.kind !== 'string') return undefined;
  return { from: { kind: 'query', text: stringLiteral(inner[0]!) }, to: { kind: 'file', file: fileDataset(stringLiteral(location)) }, columns: [] };
}

/** The string values of `name = '...'` or `name = ['...', ...]` in an OPTIONS-like group. */
function optionStrings(text: string, group: SqlToken, name: string): string[] {
  const options = scanSql(text, group.start + 1, group.end - 1);
  const at = options.findIndex((t, k) => isWord(t, name) && options[k + 1]?.text === '=');
  const value = options[at + 2];
  if (at < 0 || !value) return [];
  if (value.kind === 'string') return [stringLiteral(value)];
  // `['a', 'b']`: the scanner takes a bracket for a T-SQL quoted name.
  if (!value.text.startsWith('[')) return [];
  return scanSql(text, value.start + 1, value.end - 1)
    .filter((t) => t.kind === 'string')
    .map(stringLiteral);
}

/** BigQuery `EXPORT DATA [WITH CONNECTION c] OPTIONS (uri = '...', ...) AS query`. */
function exportData(text: string, tokens: SqlToken[]): Transfer | undefined {
  if (!isWord(tokens[1], 'data')) return undefined;
  const options = tokens.findIndex((t) => isWord(t, 'options'));
  const group = tokens[options + 1];
  const as = tokens[options + 2];
  if (options < 0 || group?.kind !== 'group' || !isWord(as, 'as') || !tokens[options + 3]) return undefined;
  const [uri] = optionStrings(text, group, 'uri');
  if (uri === undefined) return undefined;
  const end = tokens.at(-1)!.end;
  return { from: { kind: 'query', text: keepOnly(text, tokens[options + 3]!.start, end) }, to: { kind: 'file', file: fileDataset(uri) }, columns: [] };
}

/** BigQuery `LOAD DATA INTO|OVERWRITE [TEMP] t [(cols)] ... FROM FILES (uris = ['...'], ...)`: its first URI. */
function loadFiles(text: string, tokens: SqlToken[]): Transfer | undefined {
  let i = 2;
  if (!isWord(tokens[i], 'into', 'overwrite')) return undefined;
  i++;
  if (isWord(tokens[i], 'temp', 'temporary')) i++;
  const table = operand(text, tokens, i);
  if (table?.side.kind !== 'table') return undefined;
  const group = tokens[table.next];
  const files = tokens.findIndex((t, k) => isWord(t, 'files') && isWord(tokens[k - 1], 'from'));
  const options = tokens[files + 1];
  if (files < 0 || options?.kind !== 'group') return undefined;
  const [uri] = optionStrings(text, options, 'uris');
  if (uri === undefined) return undefined;
  return { from: { kind: 'file', file: fileDataset(uri) }, to: table.side, columns: group?.kind === 'group' ? columnNames(text, group) : [] };
}

/** A column list with types (`(a INT64, b STRING)`): the first word of each item. */
function columnNames(text: string, group: SqlToken): string[] {
  const names: string[] = [];
  let expectName = true;
  for (const t of scanSql(text, group.start + 1, group.end - 1)) {
    if (t.text === ',') expectName = true;
    else if (expectName && (t.kind === 'word' || t.kind === 'quoted')) {
      names.push(identifierName(t));
      expectName = false;
    }
  }
  return names;
}

function loadData(text: string, tokens: SqlToken[]): Transfer | undefined {
  if (!isWord(tokens[1], 'data')) return undefined;
  if (isWord(tokens[2], 'into', 'overwrite')) return loadFiles(text, tokens);
  let i = 2;
  while (isWord(tokens[i], 'low_priority', 'concurrent', 'local')) i++;
  if (!isWord(tokens[i], 'infile', 'inpath') || tokens[i + 1]?.kind !== 'string') return undefined;
  const file = fileDataset(stringLiteral(tokens[i + 1]!));
  i += 2;
  while (isWord(tokens[i], 'replace', 'ignore', 'overwrite')) i++;
  if (!isWord(tokens[i], 'into') || !isWord(tokens[i + 1], 'table')) return undefined;
  const table = operand(text, tokens, i + 2);
  if (table?.side.kind !== 'table') return undefined;
  return { from: { kind: 'file', file }, to: table.side, columns: [] };
}

/** Exasol's `AT 'url'` and `FILE 'name'` joined, an AWS bucket URL as OpenLineage names the bucket (`s3://bucket/key`). */
function exasolLocation(at: string | undefined, file: string): FileDataset {
  const location = at === undefined ? file : `${at.replace(/\/+$/, '')}/${file.replace(/^\/+/, '')}`;
  const http = /^https?:\/\/([^/]+)(\/.*)?$/i.exec(location);
  const bucket = http ? awsBucket(http[1]!.toLowerCase().replace(/:\d+$/, '')) : undefined;
  return fileDataset(bucket ? `s3://${bucket}${http![2] ?? '/'}` : location);
}

/** The bucket a virtual-hosted AWS S3 host names (`bucket.s3[.region].amazonaws.com`; lower-cased, without its port). */
export function awsBucket(host: string): string | undefined {
  return /^(.+)\.s3[.-](?:[a-z0-9-]+\.)*amazonaws\.com$/.exec(host)?.[1];
}

/**
 * Exasol's file part after the format: `[LOCAL] CSV|FBV [AT 'url' [USER '...' IDENTIFIED BY
 * '...']] FILE 'name'`, the first FILE when several are listed; undefined for a connection named
 * by an identifier (`AT my_conn`: its URL is not in the script) or another source (`EXA`, `ORA`,
 * `JDBC ... TABLE`).
 */
function exasolFile(tokens: SqlToken[], i: number): FileDataset | undefined {
  if (isWord(tokens[i], 'local')) i++;
  if (!isWord(tokens[i], 'csv', 'fbv')) return undefined;
  i++;
  let at: string | undefined;
  if (isWord(tokens[i], 'at')) {
    if (tokens[i + 1]?.kind !== 'string') return undefined;
    at = stringLiteral(tokens[i + 1]!);
  }
  const file = tokens.findIndex((t, k) => k >= i && isWord(t, 'file') && tokens[k + 1]?.kind === 'string');
  return file < 0 ? undefined : exasolLocation(at, stringLiteral(tokens[file + 1]!));
}

/** Exasol `IMPORT INTO t [(cols)] FROM [LOCAL] CSV|FBV [AT 'url'] FILE 'f' ...`. */
function exasolImport(text: string, tokens: SqlToken[]): Transfer | undefined {
  if (!isWord(tokens[1], 'into')) return undefined;
  const table = operand(text, tokens, 2);
  if (table?.side.kind !== 'table') return undefined;
  let i = table.next;
  const columns = tokens[i]?.kind === 'group' ? columnList(text, tokens[i++]!) : [];
  if (!isWord(tokens[i], 'from')) return undefined;
  const file = exasolFile(tokens, i + 1);
  return file ? { from: { kind: 'file', file }, to: table.side, columns } : undefined;
}

/** Exasol `EXPORT t [(cols)] | (query) INTO [LOCAL] CSV|FBV [AT 'url'] FILE 'f' ...`. */
function exasolExport(text: string, tokens: SqlToken[]): Transfer | undefined {
  const source = operand(text, tokens, 1);
  if (!source || source.side.kind === 'file') return undefined;
  let i = source.next;
  const columns = source.side.kind === 'table' && tokens[i]?.kind === 'group' ? columnList(text, tokens[i++]!) : [];
  if (!isWord(tokens[i], 'into')) return undefined;
  const file = exasolFile(tokens, i + 1);
  return file ? { from: source.side, to: { kind: 'file', file }, columns } : undefined;
}

export function recognizeTransfer(text: string): Transfer | undefined {
  try {
    const tokens = scanSql(text);
    if (tokens.at(-1)?.text === ';') tokens.pop();
    if (isWord(tokens[0], 'copy')) return copy(text, tokens);
    if (isWord(tokens[0], 'unload')) return unload(tokens);
    if (isWord(tokens[0], 'load')) return loadData(text, tokens);
    if (isWord(tokens[0], 'export')) return isWord(tokens[1], 'data') ? exportData(text, tokens) : exasolExport(text, tokens);
    if (isWord(tokens[0], 'import')) return exasolImport(text, tokens);
    return undefined;
  } catch (error) {
    if (error instanceof SqlScanError) return undefined;
    throw error;
  }
}
