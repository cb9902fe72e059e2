/**
 * Exasol `IMPORT INTO t [(cols)] FROM EXA|ORA|JDBC [DRIVER = 'd'] AT conn|'address' [USER '...'
 * IDENTIFIED BY '...'] TABLE s.x [(cols)]`: a table of another database copied into `t`. The
 * source is a TABLE asset named as OpenLineage names a database's tables, as ClickHouse's
 * mysql() / postgresql() functions name theirs (tableFunctions.ts):
 * - `JDBC AT 'jdbc:mysql://h:3306/db'` (also mariadb): `db.x` in `mysql://h:3306` (the table's own
 *   database when it is qualified); `jdbc:postgresql://h:5432/db`: `db.s.x` (schema `public` when
 *   unqualified) in `postgres://h:5432`; `jdbc:sqlserver://h:1433;databaseName=db`: `db.s.x` in
 *   `mssql://h:1433`; `jdbc:oracle:thin:@h:1521/svc` as ORA below; another driver's
 *   `jdbc:<d>://h:p/...`: the table as written in `<d>://h:p`;
 * - `ORA AT 'h:1521/svc'`: `svc.s.x` in `oracle://h:1521` (the service names the database);
 * - `EXA AT 'h:8563'` (also a host range `10.0.0.1..3:8563`): `s.x` in `exasol://h:8563`;
 * - a connection named by an identifier (`AT exa_prod`, made by `CREATE CONNECTION` in the
 *   database, its address not in the script): `s.x` in `exasol-connection://exa_prod`, one
 *   dataset per connection and table, whatever the connection points to.
 * Default ports: 3306, 5432, 1433, 1521, 8563. Names are lower-cased. `STATEMENT 'query'` (a query
 * run in the other database) is an INSERT of its rows, each table it names named as a TABLE would
 * be (the first STATEMENT when several are given; sqlIngestor.ts parses it). An address that names no host (an Oracle TNS
 * descriptor) is not read.
 */
import type { AssetLocation } from './dtsql/assetLocations.js';
import type { Select } from './queryModel.js';
import { mapRelations } from './relationWalk.js';
import { identifierName, isWord, qualifiedNameAt, scanSql, SqlScanError, stringLiteral, type SqlToken } from './sqlTokens.js';

export type RemoteImport =
  | { target: string; columns: string[]; source: AssetLocation }
  /** `STATEMENT 'query'`: the query's text, and how a table it names is named in the other database. */
  | { target: string; columns: string[]; statement: string; locate: (table: string) => AssetLocation | undefined };

const withPort = (host: string, port: string | undefined, fallback: number) => `${host.toLowerCase()}:${port ?? fallback}`;

/** The database table `table` names behind `address`, read as the source type (`exa`, `ora`, `jdbc`) says. */
function remoteTable(type: string, address: string, table: string): AssetLocation | undefined {
  const parts = table.split('.');
  const located = (namespace: string, name: string): AssetLocation => ({ namespace, name, kind: 'TABLE' });
  const oracle = (rest: string) => {
    const m = /^\/*([^:/()]+)(?::(\d+))?(?:\/([^?]+))?$/.exec(rest);
    return m ? located(`oracle://${withPort(m[1]!, m[2], 1521)}`, [m[3]?.toLowerCase(), table].filter((p) => p).join('.')) : undefined;
  };
  if (type === 'exa') {
    const m = /^([^:/,]+)(?::(\d+))?$/.exec(address.split(',')[0]!.trim());
    return m ? located(`exasol://${withPort(m[1]!, m[2], 8563)}`, table) : undefined;
  }
  if (type === 'ora') return oracle(address.trim());
  const thin = /^jdbc:oracle:thin:@(.+)$/i.exec(address.trim());
  if (thin) return oracle(thin[1]!);
  const m = /^jdbc:([a-z0-9]+):\/\/([^/:;?]+)(?::(\d+))?([^?]*)/i.exec(address.trim());
  if (!m) return undefined;
  const driver = m[1]!.toLowerCase();
  const rest = m[4] ?? '';
  const database = /^\/([^/;?]+)/.exec(rest)?.[1]?.toLowerCase();
  if (driver === 'mysql' || driver === 'mariadb') return located(`mysql://${withPort(m[2]!, m[3], 3306)}`, parts.length > 1 || !database ? table : `${database}.${table}`);
  if (driver === 'postgresql') return located(`postgres://${withPort(m[2]!, m[3], 5432)}`, [database, ...(parts.length > 1 ? [] : ['public']), table].filter((p) => p).join('.'));
  if (driver === 'sqlserver') {
    const db = /;\s*database(?:name)?\s*=\s*([^;]+)/i.exec(rest)?.[1]?.trim().toLowerCase();
    return located(`mssql://${withPort(m[2]!, m[3], 1433)}`, [db, ...(parts.length > 1 ? [] : ['dbo']), table].filter((p) => p).join('.'));
  }
  return located(`${driver}://${m[3] ? `${m[2]!.toLowerCase()}:${m[3]}` : m[2]!.toLowerCase()}`, table);
}

function columnList(text: string, group: SqlToken): string[] {
  return scanSql(text, group.start + 1, group.end - 1)
    .filter((t) => t.kind === 'word' || t.kind === 'quoted')
    .map(identifierName);
}

/** The IMPORT from another database's table, or undefined for any other statement (a file IMPORT, a STATEMENT). */
export function recognizeRemoteImport(text: string): RemoteImport | undefined {
  try {
    const tokens = scanSql(text);
    if (tokens.at(-1)?.text === ';') tokens.pop();
    if (!isWord(tokens[0], 'import') || !isWord(tokens[1], 'into')) return undefined;
    const target = qualifiedNameAt(tokens, 2);
    if (!target) return undefined;
    let i = target.next;
    const columns = tokens[i]?.kind === 'group' ? columnList(text, tokens[i++]!) : [];
    if (!isWord(tokens[i], 'from') || !isWord(tokens[i + 1], 'exa', 'ora', 'jdbc')) return undefined;
    const type = tokens[i + 1]!.text.toLowerCase();
    i += 2;
    if (isWord(tokens[i], 'driver') && tokens[i + 1]?.text === '=' && tokens[i + 2]?.kind === 'string') i += 3;
    if (!isWord(tokens[i], 'at')) return undefined;
    const at = tokens[i + 1];
    if (!at) return undefined;
    const locate = (name: string): AssetLocation | undefined =>
      at.kind === 'string' ? remoteTable(type, stringLiteral(at), name) : at.kind === 'word' || at.kind === 'quoted' ? { namespace: `exasol-connection://${identifierName(at)}`, name, kind: 'TABLE' } : undefined;
    const statement = tokens.findIndex((t, k) => k > i + 1 && isWord(t, 'statement') && tokens[k + 1]?.kind === 'string');
    if (statement >= 0) return locate('t') ? { target: target.name, columns, statement: stringLiteral(tokens[statement + 1]!), locate } : undefined;
    const table = tokens.findIndex((t, k) => k > i + 1 && isWord(t, 'table'));
    const source = table < 0 ? undefined : qualifiedNameAt(tokens, table + 1);
    if (!source) return undefined;
    const location = locate(source.name.toLowerCase());
    return location ? { target: target.name, columns, source: location } : undefined;
  } catch (error) {
    if (error instanceof SqlScanError) return undefined;
    throw error;
  }
}

/** `select` with each base table `rename` maps (the tables of a query run elsewhere) under its new name, its old one still naming it. */
export function renameTables(select: Select, rename: ReadonlyMap<string, string>): Select {
  return mapRelations(select, (r) => (r.kind === 'table' && rename.has(r.name) ? { ...r, name: rename.get(r.name)!, alias: r.alias ?? r.name.split('.').pop()! } : r));
}
