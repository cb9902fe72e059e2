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

/** Encodes rows in PostgreSQL's COPY text format. */
export function copyText(columns: Column[], rows: unknown[][]): string {
  const out: string[] = [];
  for (const row of rows) {
    const cells: string[] = [];
    for (let c = 0; c < columns.length; c++) {
      const value = row[c];
      if (value === null || value === undefined) {
        cells.push('\\N');
        continue;
      }
      let text: string;
      switch (columns[c]!.type) {
        case 'jsonb':
          text = JSON.stringify(value);
          break;
        case 'boolean':
          text = value ? 't' : 'f';
          break;
        case 'timestamptz':
          text = value instanceof Date ? value.toISOString() : String(value);
          break;
        default:
          text = String(value);
      }
      cells.push(escapeCopy(text));
    }
    out.push(cells.join('\t'));
  }
  return out.join('\n') + '\n';
}

function escapeCopy(text: string): string {
  if (!/[\\\t\n\r]/.test(text)) return text;
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
