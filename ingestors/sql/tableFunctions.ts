/**
 * ClickHouse table functions (`FROM s3('s3://b/k.csv', 'CSV')`, `INSERT INTO FUNCTION
 * remote('h:9000', db.t) SELECT ...`), which the PostgreSQL grammar parses as a function in FROM
 * (and refuses after INSERT INTO FUNCTION) and the reader took for no table. Each is read as the
 * dataset it names, as OpenLineage's naming spec names it and as fileTransfers.ts names a COPY's
 * location:
 * - files and buckets, `s3`, `gcs`, `url`, `file`, `hdfs`, the lake formats over a bucket
 *   (`iceberg`, `deltaLake`, `hudi`) and their `...Cluster` forms (path second): `s3://bucket/key`
 *   is `key` in `s3://bucket` (an `https://bucket.s3.region.amazonaws.com/key` or path-style
 *   `https://endpoint/bucket/key` URL too, as `s3` reads it), `hdfs://nn:8020/p` is `/p` in
 *   `hdfs://nn:8020`, a `file` path is the path in `file`, a `url` its path in
 *   `scheme://host`. A glob (`*`, `?`, `{a,b}`, `{1..9}`) names the directory before it: the
 *   files one pattern reads are one dataset;
 * - databases: `mysql('host:port', 'db', 'table', ...)` is `db.table` in `mysql://host:port`,
 *   `postgresql('host:port', 'db', 'table', 'user', 'password'[, 'schema'])` is
 *   `db.schema.table` (schema `public` when not given) in `postgres://host:port`;
 * - another server's or the cluster's copy of a table, `remote` / `remoteSecure('addr', db, t |
 *   db.t)`, `cluster` / `clusterAllReplicas('name', db, t | db.t)`: that table, named as the
 *   script names its tables (it is the same table on every shard);
 * - `view(SELECT ...)`: the subquery;
 * - generated or inline rows (`numbers`, `zeros`, `generateRandom`, `values`, `null`, `input`,
 *   `format`, `generate_series`): nothing is read, the call is left as it is.
 * Any other function, and one of the above whose dataset the arguments do not name (a named
 * collection, an expression), refuses the statement with an error naming the function at its line
 * and column: the lineage would silently miss what it reads.
 *
 * A call is replaced in place (every character where it was) by a name the grammar reads as a
 * table, `"tf.<hash>"` for a dataset outside the script's namespace (the returned locations say
 * where each is; the run relocates them, dtsql/relocate.ts) or the remote table's own name.
 */
import { createHash } from 'node:crypto';
import type { AssetLocation } from './dtsql/assetLocations.js';
import { awsBucket, fileDataset } from './fileTransfers.js';
import { InPlaceText } from './inPlaceText.js';
import { commaSeparated, eachLevel, identifierName, isWord, scanSql, stringLiteral, type SqlToken, tryScanSql } from './sqlTokens.js';

export type TableFunctionText = { text: string; locations: ReadonlyMap<string, AssetLocation> } | { refused: string; offset: number };

/** The argument holding the path or URL, by function (lower-cased). */
const PATH_ARGUMENT: Record<string, number> = {
  s3: 0, gcs: 0, url: 0, file: 0, hdfs: 0, iceberg: 0, icebergs3: 0, deltalake: 0, hudi: 0,
  s3cluster: 1, hdfscluster: 1, urlcluster: 1, filecluster: 1, icebergs3cluster: 1,
};
const OBJECT_STORE_FUNCTIONS = new Set(['s3', 'gcs', 'iceberg', 'icebergs3', 'deltalake', 'hudi', 's3cluster', 'icebergs3cluster']);
const READS_NOTHING = new Set(['numbers', 'numbers_mt', 'zeros', 'zeros_mt', 'generaterandom', 'generate_series', 'generateseries', 'values', 'null', 'input', 'format']);
const REMOTE = new Set(['remote', 'remotesecure', 'cluster', 'clusterallreplicas']);
/** Known table functions that read something this reader does not name yet. */
const NOT_NAMED = new Set(['merge', 'dictionary', 'jdbc', 'odbc', 'sqlite', 'redis', 'mongodb', 'azureblobstorage', 'azureblobstoragecluster', 'executable', 'loop', 'mergetreeindex', 'fuzzjson', 'timeseriesdata']);
const FROM_ENDS = new Set(['where', 'prewhere', 'group', 'order', 'limit', 'having', 'settings', 'format', 'union', 'on', 'using', 'select', 'window', 'qualify', 'into', 'values', 'except', 'intersect', 'array', 'sample']);

/** An argument: a string's value (case kept) or a name (lower-cased), `key = value` with its key. */
interface Argument {
  key?: string;
  value?: string;
  string: boolean;
}

function argumentsOf(text: string, group: SqlToken): Argument[] {
  return commaSeparated(scanSql(text, group.start + 1, group.end - 1)).filter((part) => part.length > 0).map((part) => {
    const keyed = part.length >= 3 && part[0]!.kind === 'word' && part[1]!.text === '=';
    const value = keyed ? part.slice(2) : part;
    const key = keyed ? part[0]!.text.toLowerCase() : undefined;
    if (value.length === 1 && value[0]!.kind === 'string') return { ...(key ? { key } : {}), value: stringLiteral(value[0]!), string: true };
    const name = value.every((t, i) => (i % 2 === 0 ? t.kind === 'word' || t.kind === 'quoted' : t.text === '.')) && value.length % 2 === 1;
    return { ...(key ? { key } : {}), ...(name ? { value: value.filter((t) => t.text !== '.').map(identifierName).join('.') } : {}), string: false };
  });
}

/** `dir/part_*.csv`, `logs/{a,b}/x.json`: the directory before the first glob. */
function withoutGlob(path: string): string {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(path)?.[0].length ?? 0;
  const glob = path.slice(authority).search(/[*?{]/);
  if (glob < 0) return path;
  const slash = path.lastIndexOf('/', authority + glob);
  return slash >= authority ? path.slice(0, Math.max(slash, authority + 1)) : path;
}

/** A bucket addressed over HTTP(S), as ClickHouse's s3 reads it: virtual-hosted AWS, Google's storage host, else path style. */
function objectStoreUrl(url: string, store: 's3' | 'gs'): string | undefined {
  const http = /^https?:\/\/([^/]+)(\/.*)?$/i.exec(url);
  if (!http) return undefined;
  const host = http[1]!.toLowerCase().replace(/:\d+$/, '');
  const path = (http[2] ?? '/').replace(/^\/+/, '');
  const virtual = awsBucket(host);
  if (virtual) return `s3://${virtual}/${path}`;
  const slash = path.indexOf('/');
  const bucket = slash < 0 ? path : path.slice(0, slash);
  if (!bucket) return undefined;
  return `${host === 'storage.googleapis.com' ? 'gs' : store}://${bucket}/${slash < 0 ? '' : path.slice(slash + 1)}`;
}

type Reading = { location: AssetLocation } | { table: string } | { view: true } | { nothing: true } | { refused: string };

/** `host:port` of a database function's first address (`h1:3306|h2:3306` are replicas of one database). */
function address(value: string, port: number): string {
  const first = value.split(/[|,]/)[0]!.trim();
  return /:\d+$/.test(first) ? first : `${first}:${port}`;
}

function reading(name: string, args: Argument[]): Reading {
  const fn = name.toLowerCase();
  const positional = args.filter((a) => !a.key);
  const keyed = (key: string) => args.find((a) => a.key === key)?.value;
  if (READS_NOTHING.has(fn)) return { nothing: true };
  if (fn === 'view') return { view: true };
  const notNamed = (why: string): Reading => ({ refused: `ClickHouse table function ${name}(...) is not read: ${why}, so what it reads is unknown; the statement is left out` });
  if (fn in PATH_ARGUMENT) {
    const arg = positional[PATH_ARGUMENT[fn]!];
    const path = arg?.string ? arg.value : (keyed('url') ?? keyed('path') ?? keyed('filename'));
    if (path === undefined) return notNamed('its path is not a string argument (a named collection?)');
    const store = fn === 'gcs' ? 'gs' : 's3';
    const located = (OBJECT_STORE_FUNCTIONS.has(fn) && objectStoreUrl(path, store)) || path;
    return { location: { ...fileDataset(withoutGlob(located)), kind: 'FILE' } };
  }
  if (fn === 'mysql' || fn === 'postgresql') {
    const [host, database, table, , , schema] = positional.map((a) => (a.string ? a.value : undefined));
    const at = host ?? keyed('host');
    const db = database ?? keyed('database') ?? keyed('db');
    const tb = (table ?? keyed('table'))?.toLowerCase();
    if (!at || !db || !tb) return notNamed('its host, database or table is not a string argument (a named collection?)');
    if (fn === 'mysql') return { location: { namespace: `mysql://${address(at, 3306)}`, name: `${db}.${tb}`, kind: 'TABLE' } };
    const inSchema = (schema ?? keyed('schema'))?.toLowerCase() ?? (tb.includes('.') ? undefined : 'public');
    return { location: { namespace: `postgres://${address(at, 5432)}`, name: [db, inSchema, tb].filter((p) => p).join('.'), kind: 'TABLE' } };
  }
  if (REMOTE.has(fn)) {
    const [, first, second] = positional;
    const qualified = first?.value?.includes('.') ? first.value : first?.value && second?.value ? `${first.value}.${second.value}` : undefined;
    if (!qualified) return notNamed('its database and table are not names');
    return { table: qualified.toLowerCase() };
  }
  if (NOT_NAMED.has(fn)) return notNamed('its dataset has no name here yet');
  return { refused: `ClickHouse table function ${name}(...) is unknown: what it reads cannot be told; the statement is left out` };
}

/** The name the grammar reads in place of a call to a dataset outside the namespace: the same dataset, the same name. */
export function locationName(location: AssetLocation): string {
  return `tf.${createHash('sha256').update(JSON.stringify([location.namespace, location.name])).digest('hex').slice(0, 6)}`;
}

const HINT = /\b(?:from|join)\s+[a-z_][a-z0-9_]*\s*\(|\bfunction\b/i;

/** The statement with its table functions replaced in place, and where each dataset read or written is; or why it is refused. */
export function clickhouseTableFunctions(text: string): TableFunctionText {
  const locations = new Map<string, AssetLocation>();
  if (!HINT.test(text)) return { text, locations };
  const tokens = tryScanSql(text);
  if (!tokens) return { text, locations };
  const out = new InPlaceText(text);
  let refused: { refused: string; offset: number } | undefined;
  const call = (fn: SqlToken | undefined, group: SqlToken | undefined, writes: boolean): void => {
    if (refused || fn?.kind !== 'word' || group?.kind !== 'group' || isWord(fn, 'unnest', 'lateral')) return;
    const read = reading(fn.text, argumentsOf(text, group));
    if ('refused' in read) refused = { refused: read.refused, offset: fn.start };
    else if ('nothing' in read) {
      if (writes) refused = { refused: `INSERT INTO FUNCTION ${fn.text}(...) writes no dataset; the statement is left out`, offset: fn.start };
    } else if ('view' in read) out.put(fn.start, fn.end);
    else {
      const replacement = 'table' in read ? read.table.split('.').map((part) => `"${part}"`).join('.') : `"${locationName(read.location)}"`;
      if (replacement.length > group.end - fn.start) refused = { refused: `ClickHouse table function ${fn.text}(...) is too short to be read in place; the statement is left out`, offset: fn.start };
      else {
        out.put(fn.start, group.end, replacement);
        if ('location' in read) locations.set(locationName(read.location), read.location);
      }
    }
  };
  // `INSERT INTO [TABLE] FUNCTION f(...)`: the grammar has no such target; FUNCTION is blanked and the call read as a table.
  if (isWord(tokens[0], 'insert') && isWord(tokens[1], 'into')) {
    const at = isWord(tokens[2], 'table') ? 3 : 2;
    if (isWord(tokens[at], 'function')) {
      out.put(tokens[2]!.start, tokens[at]!.end);
      call(tokens[at + 1], tokens[at + 2], true);
    }
  }
  eachLevel(text, tokens, (level) => {
    let inFrom = false;
    level.forEach((token, i) => {
      // A FROM of this level's SELECT (or DELETE), not `EXTRACT(DAY FROM f(x))` or `trim(' ' FROM f(x))`.
      const clause = isWord(token, 'join') || (isWord(token, 'from') && level.slice(0, i).some((t) => isWord(t, 'select', 'delete')));
      if (clause || (token.text === ',' && inFrom)) {
        inFrom = true;
        call(level[i + 1], level[i + 2], false);
      } else if (token.kind === 'word' && FROM_ENDS.has(token.text.toLowerCase())) inFrom = false;
    });
  });
  if (refused) return refused;
  return { text: out.result(), locations };
}
