import { unreachable } from '../model.js';

/**
 * The one seam between the store and its two engines (PostgreSQL through `pg`, PGlite in-process).
 * Everything above it writes one SQL dialect; only bulk loading and notifications differ.
 */

export type ColumnType = 'text' | 'bigint' | 'int' | 'boolean' | 'jsonb' | 'timestamptz' | 'double precision';

export interface Column<R = Record<string, unknown>> {
  /** The table's column, and the field of a row object that fills it. */
  name: keyof R & string;
  type: ColumnType;
  /**
   * Text values never hold a tab, newline, carriage return or backslash (derived ids and keys made of
   * them, hashes, enumerations), so COPY text needs no escaping: checking costs at millions of cells.
   */
  plain?: boolean;
}

/** A table's columns for bulk loading, each named after the row field it takes (tables.ts). */
export interface Table<R> {
  readonly name: string;
  readonly columns: readonly Column<R>[];
}

type ColumnSpec = Omit<Column, 'name'>;

/**
 * A table's bulk-load columns, keyed by the field of the row type that fills each: the compiler
 * checks that every field of `R` has a column and no column names something `R` lacks. Columns are
 * loaded in the order written.
 */
export function defineTable<R>(name: string, columns: { [K in keyof R & string]-?: ColumnSpec }): Table<R> {
  quoteIdent(name);
  const list = Object.entries(columns as Record<string, ColumnSpec>).map(([column, spec]) => ({ name: column as keyof R & string, ...spec }));
  for (const column of list) quoteIdent(column.name);
  return { name, columns: list };
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Inserts many rows with one statement per chunk (COPY in a transaction or on PGlite, `unnest` of arrays on a pool). */
  bulkInsert<R>(table: Table<R>, rows: readonly R[]): Promise<void>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

declare const inTransaction: unique symbol;

/**
 * A connection inside a transaction that `Db.transaction` opened: what the write path needs
 * (the writer lock is transaction-scoped, its statements commit together or not at all). The brand
 * makes a `Db` or a session connection fail to typecheck where a Tx is asked for, as Kysely's
 * `Transaction<DB>` does; only the engines mint one (`transactionOf`), inside `transaction`.
 */
export interface Tx extends Queryable {
  readonly [inTransaction]: true;
}

/** For the engines only: the queryable of a transaction they have just begun. */
export function transactionOf(queryable: Queryable): Tx {
  return queryable as Tx;
}

/** What a NOTIFY subscription tells its subscriber. Only `onPayload` fires on PGlite (in-process). */
export interface ListenEvents {
  onPayload(payload: string): void;
  /** The connection is lost; notifications are missed from now until `onRestored`. */
  onLost?(error: Error): void;
  /** Attempt `attempt` (from 1 after each loss) to listen again failed; another follows after a backoff. */
  onRetryFailed?(error: Error, attempt: number): void;
  /** Listening again after `attempts` attempts and `downMs` milliseconds without a connection. */
  onRestored?(recovery: { attempts: number; downMs: number }): void;
}

export interface Subscription {
  /** Tries to listen again now rather than after the backoff (the database answers again); no-op while listening. */
  retryNow(): void;
  close(): Promise<void>;
}

export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `fn` holding a session-level advisory lock on one connection. */
  withSessionLock<T>(lockKey: number, fn: (conn: Queryable) => Promise<T>): Promise<T>;
  /**
   * Subscribes to a NOTIFY channel until closed. A lost connection is re-established by the engine,
   * for ever, and said through `events`: notifications sent between `onLost` and `onRestored` are
   * missed, so the caller catches up from the data itself.
   */
  listen(channel: string, events: ListenEvents): Promise<Subscription>;
  close(): Promise<void>;
}

/** Builds `unnest($1::text[], $2::bigint[], ...)` for one chunk of rows, column-major. */
export function unnestStatement<R>(table: Table<R>, rows: readonly R[]): { sql: string; params: unknown[] } {
  const { columns } = table;
  const params = columns.map((column) =>
    rows.map((row) => {
      const value: unknown = row[column.name];
      if (value === null || value === undefined) return null;
      if (column.type === 'jsonb') return JSON.stringify(value);
      return value;
    }),
  );
  const names = columns.map((c) => quoteIdent(c.name)).join(', ');
  const unnest = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  return { sql: `INSERT INTO ${quoteIdent(table.name)} (${names}) SELECT * FROM unnest(${unnest})`, params };
}

const TEXT = 0;
const JSONB = 1;
const BOOLEAN = 2;
const NUMBER = 3;
const TIMESTAMP = 4;
const PLAIN_TEXT = 5;

function codeOf(type: ColumnType): number {
  switch (type) {
    case 'jsonb':
      return JSONB;
    case 'boolean':
      return BOOLEAN;
    case 'bigint':
    case 'int':
    case 'double precision':
      return NUMBER;
    case 'timestamptz':
      return TIMESTAMP;
    case 'text':
      return TEXT;
    default:
      return unreachable(type);
  }
}

/**
 * Encodes rows `start` to `end` (exclusive) in PostgreSQL's COPY text format. Hot at 100k nodes and
 * 300k edges a changeset: one string built cell by cell, no per-row or per-cell intermediates.
 */
export function copyText<R>(columns: readonly Column<R>[], rows: readonly R[], start = 0, end = rows.length): string {
  const codes = columns.map((column) => (column.plain && column.type === 'text' ? PLAIN_TEXT : codeOf(column.type)));
  const names = columns.map((column) => column.name);
  const width = codes.length;
  let out = '';
  for (let r = start; r < end; r++) {
    const row = rows[r]!;
    for (let c = 0; c < width; c++) {
      const value: unknown = row[names[c]!];
      if (c > 0) out += '\t';
      if (value === null || value === undefined) {
        out += '\\N';
        continue;
      }
      switch (codes[c]) {
        case PLAIN_TEXT:
          out += value as string;
          break;
        case TEXT:
          out += escapeCopy(typeof value === 'string' ? value : String(value));
          break;
        case NUMBER:
          out += typeof value === 'number' ? value.toString() : String(value);
          break;
        case JSONB:
          out += escapeCopy(JSON.stringify(value));
          break;
        case BOOLEAN:
          out += value ? 't' : 'f';
          break;
        default:
          out += escapeCopy(value instanceof Date ? value.toISOString() : String(value));
      }
    }
    out += '\n';
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

/** [start, end) row ranges of at most `size` rows, for encoding a large batch piece by piece. */
export function* ranges(count: number, size = BULK_CHUNK_ROWS): Generator<[number, number]> {
  for (let i = 0; i < count; i += size) yield [i, Math.min(count, i + size)];
}

export function chunks<T>(items: readonly T[], size = BULK_CHUNK_ROWS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
