import { unreachable } from '../model.js';

/**
 * The one seam between the store and its two engines (PostgreSQL through `pg`, PGlite in-process).
 * Everything above it writes one SQL dialect; only bulk loading and notifications differ.
 */

export type ColumnType = 'text' | 'bigint' | 'int' | 'boolean' | 'jsonb' | 'timestamptz' | 'double precision';

export interface Column {
  name: string;
  type: ColumnType;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Inserts many rows with one statement per chunk (COPY on PGlite, `unnest` of arrays on PostgreSQL). */
  bulkInsert(table: string, columns: Column[], rows: unknown[][]): Promise<void>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type Tx = Queryable;

export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `fn` holding a session-level advisory lock on one connection. */
  withSessionLock<T>(lockKey: number, fn: (conn: Queryable) => Promise<T>): Promise<T>;
  /** Subscribes to a NOTIFY channel; returns an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Builds `unnest($1::text[], $2::bigint[], ...)` for one chunk of rows, column-major. */
export function unnestStatement(table: string, columns: Column[], rows: unknown[][]): { sql: string; params: unknown[] } {
  const params = columns.map((column, c) =>
    rows.map((row) => {
      const value = row[c];
      if (value === null || value === undefined) return null;
      if (column.type === 'jsonb') return JSON.stringify(value);
      return value;
    }),
  );
  const names = columns.map((c) => quoteIdent(c.name)).join(', ');
  const unnest = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  return { sql: `INSERT INTO ${quoteIdent(table)} (${names}) SELECT * FROM unnest(${unnest})`, params };
}

type CellEncoder = (value: unknown) => string;

/** One encoder per column type, chosen once per chunk rather than per cell. */
function encoderFor(type: ColumnType): CellEncoder {
  switch (type) {
    case 'jsonb':
      return (value) => escapeCopy(JSON.stringify(value));
    case 'boolean':
      return (value) => (value ? 't' : 'f');
    case 'bigint':
    case 'int':
    case 'double precision':
      return (value) => String(value);
    case 'timestamptz':
      return (value) => escapeCopy(value instanceof Date ? value.toISOString() : String(value));
    case 'text':
      return (value) => escapeCopy(String(value));
    default:
      return unreachable(type);
  }
}

/** Encodes rows in PostgreSQL's COPY text format. */
export function copyText(columns: Column[], rows: unknown[][]): string {
  const encoders = columns.map((column) => encoderFor(column.type));
  const width = encoders.length;
  let out = '';
  for (const row of rows) {
    let line = '';
    for (let c = 0; c < width; c++) {
      const value = row[c];
      if (c > 0) line += '\t';
      line += value === null || value === undefined ? '\\N' : encoders[c]!(value);
    }
    out += line + '\n';
  }
  return out;
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

function escapeCopy(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (ch) => (ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : '\\r'));
}

/** Identifiers in bulk statements come from code, never from input; quoting keeps it that way. */
export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid identifier ${name}`);
  return `"${name}"`;
}

export const BULK_CHUNK_ROWS = 50_000;

export function chunks<T>(items: T[], size = BULK_CHUNK_ROWS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
