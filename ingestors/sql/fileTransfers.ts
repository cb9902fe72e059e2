/**
 * Statements that move data between a table and files or buckets, recognised over the shallow
 * scanner: PostgreSQL/Redshift `COPY t [(cols)] FROM|TO 'location'` and `COPY (query) TO
 * 'location'`, Snowflake `COPY INTO t FROM 'location'` / `COPY INTO 'location' FROM t|(query)`,
 * Redshift `UNLOAD ('query') TO 'location'`, MySQL `LOAD DATA [LOCAL] INFILE 'f' INTO TABLE t`
 * (and Hive's `LOAD DATA [LOCAL] INPATH`). Stages (`@stage`), STDIN/STDOUT and PROGRAM name no
 * dataset and are not recognised.
 *
 * A location is a dataset named as OpenLineage's naming spec names it: `s3://bucket/key` is
 * namespace `s3://bucket`, name `key` (s3a and s3n are s3), likewise `gs://`, `abfss://`,
 * `wasbs://`; `hdfs://host:port/path` is namespace `hdfs://host:port`, name `/path`; a local path
 * (or `file:///path`) is namespace `file`, name the path.
 */
import { scanSql, SqlScanError, identifierName, type SqlToken } from './sqlTokens.js';

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
}

const OBJECT_STORES: Record<string, string> = { s3: 's3', s3a: 's3', s3n: 's3', gs: 'gs', abfs: 'abfs', abfss: 'abfss', wasb: 'wasb', wasbs: 'wasbs' };

/** The OpenLineage dataset of a file or bucket location. */
export function fileDataset(location: string): FileDataset {
  const url = /^([a-z][a-z0-9+]*):\/\/([^/]*)(\/.*)?$/i.exec(location);
  if (!url) return { namespace: 'file', name: location };
  const scheme = url[1]!.toLowerCase();
  const authority = url[2]!;
  const path = url[3] ?? '/';
  if (scheme === 'file') return { namespace: 'file', name: path };
  const store = OBJECT_STORES[scheme];
  if (store) return { namespace: `${store}://${authority}`, name: path.replace(/^\/+/, '') };
  return { namespace: `${scheme}://${authority}`, name: path };
}

function isWord(token: SqlToken | undefined, ...words: string[]): boolean {
  return token?.kind === 'word' && words.includes(token.text.toLowerCase());
}

function unquote(token: SqlToken): string {
  return token.text.slice(1, -1).replace(/''/g, "'");
}

function blankExcept(text: string, start: number, end: number): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += i >= start && i < end ? text[i] : text[i] === '\n' ? '\n' : ' ';
  return out;
}

/** An operand at `tokens[i]`: a table name, a location string, or a parenthesised query; and the index after it. */
function operand(text: string, tokens: SqlToken[], i: number): { side: TransferSide; next: number } | undefined {
  const token = tokens[i];
  if (!token) return undefined;
  if (token.kind === 'string') return { side: { kind: 'file', file: fileDataset(unquote(token)) }, next: i + 1 };
  if (token.kind === 'group') {
    const first = scanSql(text, token.start + 1, token.end - 1)[0];
    if (!isWord(first, 'select', 'with')) return undefined;
    return { side: { kind: 'query', text: blankExcept(text, token.start + 1, token.end - 1) }, next: i + 1 };
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

function copy(text: string, tokens: SqlToken[]): Transfer | undefined {
  let i = 1;
  if (isWord(tokens[i], 'into')) i++;
  const first = operand(text, tokens, i);
  if (!first) return undefined;
  i = first.next;
  if (tokens[i]?.kind === 'group') i++; // a column list
  const direction = tokens[i]?.text.toLowerCase();
  if (direction !== 'from' && direction !== 'to') return undefined;
  const second = operand(text, tokens, i + 1);
  if (!second) return undefined;
  const valid = (a: TransferSide, b: TransferSide) => a.kind !== b.kind && (a.kind === 'file' || b.kind === 'file');
  if (!valid(first.side, second.side)) return undefined;
  return direction === 'from' ? { from: second.side, to: first.side } : { from: first.side, to: second.side };
}

function unload(tokens: SqlToken[]): Transfer | undefined {
  const query = tokens[1];
  if (query?.kind !== 'group') return undefined;
  const inner = scanSql(query.text, 1, query.text.length - 1);
  const location = tokens[3];
  if (inner.length !== 1 || inner[0]!.kind !== 'string' || !isWord(tokens[2], 'to') || location?.kind !== 'string') return undefined;
  return { from: { kind: 'query', text: unquote(inner[0]!) }, to: { kind: 'file', file: fileDataset(unquote(location)) } };
}

function loadData(text: string, tokens: SqlToken[]): Transfer | undefined {
  if (!isWord(tokens[1], 'data')) return undefined;
  let i = 2;
  while (isWord(tokens[i], 'low_priority', 'concurrent', 'local')) i++;
  if (!isWord(tokens[i], 'infile', 'inpath') || tokens[i + 1]?.kind !== 'string') return undefined;
  const file = fileDataset(unquote(tokens[i + 1]!));
  i += 2;
  while (isWord(tokens[i], 'replace', 'ignore', 'overwrite')) i++;
  if (!isWord(tokens[i], 'into') || !isWord(tokens[i + 1], 'table')) return undefined;
  const table = operand(text, tokens, i + 2);
  if (table?.side.kind !== 'table') return undefined;
  return { from: { kind: 'file', file }, to: table.side };
}

export function recognizeTransfer(text: string): Transfer | undefined {
  try {
    const tokens = scanSql(text);
    if (tokens.at(-1)?.text === ';') tokens.pop();
    if (isWord(tokens[0], 'copy')) return copy(text, tokens);
    if (isWord(tokens[0], 'unload')) return unload(tokens);
    if (isWord(tokens[0], 'load')) return loadData(text, tokens);
    return undefined;
  } catch (error) {
    if (error instanceof SqlScanError) return undefined;
    throw error;
  }
}
