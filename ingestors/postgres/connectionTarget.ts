import { DctxError } from '../../graph-model/dctxError.js';
/**
 * Where a catalog lives, read from the connection URL: what names its relations get and which
 * source a sync of it is. The password is kept only to connect and to scrub it from messages;
 * nothing derived from it (namespace, source id) ever contains it.
 */
export interface ConnectionTarget {
  host: string;
  port: number;
  database: string;
  /** OpenLineage's dataset namespace for PostgreSQL: `postgres://<host>:<port>`. */
  namespace: string;
  /** The schemas to read, trimmed, deduplicated and sorted; undefined for all of them. */
  schemas?: string[];
  /** The secret to scrub from anything this ingestor reports, when the URL has one. */
  password?: string;
}

export const DEFAULT_PORT = 5432;

/** A URL this ingestor cannot use; the message never repeats the URL, which may carry a password. */
export class InvalidConnectionUrlError extends DctxError<'BAD_USER_INPUT'> {
  constructor(reason: string) {
    super('BAD_USER_INPUT', `invalid PostgreSQL connection URL: ${reason}`);
  }
}

function normalizedSchemas(schemas: string[] | undefined): string[] | undefined {
  const names = [...new Set((schemas ?? []).map((schema) => schema.trim()).filter((schema) => schema !== ''))].sort();
  // An empty filter would read nothing and retract everything: treat it as no filter at all.
  return names.length > 0 ? names : undefined;
}

export function connectionTarget(url: string, schemas?: string[]): ConnectionTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidConnectionUrlError('expected postgres://user:password@host:port/database');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new InvalidConnectionUrlError(`expected the postgres:// or postgresql:// scheme, got ${parsed.protocol}//`);
  }
  // Host names are case-insensitive, and URL leaves them as written for non-web schemes: one spelling, one namespace.
  const host = parsed.hostname.toLowerCase();
  if (host === '') throw new InvalidConnectionUrlError('it names no host');
  const port = parsed.port === '' ? DEFAULT_PORT : Number(parsed.port);
  // libpq connects to the database named like the user when the URL names none; so do we.
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || decodeURIComponent(parsed.username);
  if (database === '') throw new InvalidConnectionUrlError('it names no database');
  const password = parsed.password === '' ? undefined : decodeURIComponent(parsed.password);
  const filter = normalizedSchemas(schemas);
  return {
    host,
    port,
    database,
    namespace: `postgres://${host}:${port}`,
    ...(filter ? { schemas: filter } : {}),
    ...(password ? { password } : {}),
  };
}

/**
 * `postgres:<host>:<port>/<database>`, with `?schemas=a,b` for a filtered sync: each filter is its
 * own source, so a sync of one schema never retracts what a sync of the whole database asserted.
 */
export function catalogSourceId(target: ConnectionTarget): string {
  const base = `postgres:${target.host}:${target.port}/${target.database}`;
  return target.schemas ? `${base}?schemas=${target.schemas.join(',')}` : base;
}

/** A message with the password replaced, for errors raised while talking to the server. */
export function withoutPassword(message: string, target: Pick<ConnectionTarget, 'password'>): string {
  const { password } = target;
  if (!password) return message;
  const encoded = encodeURIComponent(password);
  return message.split(password).join('***').split(encoded).join('***');
}
