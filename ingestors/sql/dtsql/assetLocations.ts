/**
 * Where a table of a script really lives, named the way OpenLineage names datasets
 * (https://openlineage.io/docs/spec/naming): a Flink table over a Kafka topic is the topic, a
 * JDBC table the database table, a directory written by INSERT OVERWRITE DIRECTORY the path.
 */
export interface AssetLocation {
  namespace: string;
  name: string;
  /** The asset kind: STREAM for a topic, FILE for a path, TABLE for a database table. */
  kind: string;
}

/** A file system path as OpenLineage names it: `s3://bucket` + key, `hdfs://host:port` + path, `file` + path. */
export function pathLocation(path: string, local = false): AssetLocation {
  const url = /^([a-z][a-z0-9+.-]*):\/\/([^/]*)(\/.*)?$/i.exec(path);
  if (url && !local) {
    const scheme = url[1]!.toLowerCase();
    const rest = url[3] ?? '/';
    if (scheme === 'file') return { namespace: 'file', name: rest, kind: 'FILE' };
    // Object stores name an object by its key, without the leading slash.
    const objectStore = ['s3', 's3a', 's3n', 'gs', 'wasbs', 'abfss', 'oss', 'cos'].includes(scheme);
    return { namespace: `${scheme === 's3a' || scheme === 's3n' ? 's3' : scheme}://${url[2]}`, name: objectStore ? rest.replace(/^\//, '') : rest, kind: 'FILE' };
  }
  // A path without a scheme is on the engine's default file system, which the script does not name;
  // LOCAL DIRECTORY is the local one.
  return { namespace: local ? 'file' : 'hdfs', name: path, kind: 'FILE' };
}

/** `jdbc:postgresql://host:5432/db?x=y` + `table-name` as OpenLineage names the table. */
function jdbcLocation(url: string, table: string): AssetLocation | undefined {
  const parsed = /^jdbc:([a-z0-9]+):\/\/([^/?;]+)\/?([^?;]*)/i.exec(url);
  if (!parsed) return undefined;
  const scheme = parsed[1]!.toLowerCase();
  const authority = parsed[2]!;
  const database = parsed[3] ?? '';
  const lowered = table.toLowerCase();
  if (scheme === 'postgresql' || scheme === 'postgres') {
    // PostgreSQL names are database.schema.table; an unqualified table is in `public`.
    return { namespace: `postgres://${authority}`, name: [database, lowered.includes('.') ? lowered : `public.${lowered}`].filter((p) => p).join('.'), kind: 'TABLE' };
  }
  return { namespace: `${scheme}://${authority}`, name: [database, lowered].filter((p) => p).join('.'), kind: 'TABLE' };
}

/**
 * The location a Flink table's `WITH (...)` options give, or undefined when they do not name one
 * (datagen, print, an unknown connector, a missing option): the table then stays a table of the
 * script's namespace.
 */
export function connectorLocation(options: Map<string, string>): AssetLocation | undefined {
  const connector = options.get('connector')?.toLowerCase();
  if (connector === 'kafka' || connector === 'upsert-kafka') {
    const topic = options.get('topic');
    const servers = options.get('properties.bootstrap.servers');
    // A topic list or pattern is several datasets; the first server names the cluster.
    if (!topic || topic.includes(';') || !servers) return undefined;
    const server = servers.split(',')[0]!.trim().replace(/^[a-z]+:\/\//i, '');
    return { namespace: `kafka://${server}`, name: topic, kind: 'STREAM' };
  }
  if (connector === 'jdbc') {
    const url = options.get('url');
    const table = options.get('table-name');
    return url && table ? jdbcLocation(url, table) : undefined;
  }
  if (connector === 'filesystem') {
    const path = options.get('path');
    return path ? pathLocation(path) : undefined;
  }
  return undefined;
}
