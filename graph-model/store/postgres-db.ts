import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { chunks, copyText, quoteIdent, ranges, transactionOf, unnestStatement, type Column, type Db, type Queryable, type Table } from './db.js';
import { PgListener, type ListenerTiming } from './pgListener.js';

// int8 and numeric as JS numbers: graph versions stay far below 2^53, costs are floating point.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/**
 * One statement at a time on a client. The store sends a transaction's statements without waiting
 * for the ones before (rows stream while the next are worked out); node-postgres would queue them
 * itself, but that is deprecated (pg@9 refuses a query while one runs). Queued here instead, in the
 * same order, so PostgreSQL sees the same sequence and the process the same overlap of work.
 */
function oneAtATime(queryable: Queryable): Queryable {
  let tail: Promise<unknown> = Promise.resolve();
  const next = <T>(run: () => Promise<T>): Promise<T> => {
    const result = tail.then(run, run);
    tail = result.catch(() => {});
    return result;
  };
  return {
    query: (sql, params) => next(() => queryable.query(sql, params)),
    bulkInsert: (table, rows) => next(() => queryable.bulkInsert(table, rows)),
    exec: (sql) => next(() => queryable.exec(sql)),
  };
}

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await client.query(sql, params);
      return result.rows as T[];
    },
    async bulkInsert<R>(table: Table<R>, rows: readonly R[]) {
      if (rows.length === 0) return;
      // A pool runs one statement per call on any client; COPY needs one client for its stream.
      if (!('release' in client)) {
        for (const chunk of chunks(rows)) {
          const { sql, params } = unnestStatement(table, chunk);
          await client.query(sql, params);
        }
        return;
      }
      const names = table.columns.map((c) => quoteIdent(c.name)).join(', ');
      const stream = client.query(copyFrom(`COPY ${quoteIdent(table.name)} (${names}) FROM STDIN`));
      await pipeline(Readable.from(copyChunks(table.columns, rows)), stream);
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

// Encoded a piece at a time as the stream asks for more, so PostgreSQL loads one piece while the next is encoded.
function* copyChunks<R>(columns: readonly Column<R>[], rows: readonly R[]): Generator<string> {
  for (const [start, end] of ranges(rows.length, 5000)) yield copyText(columns, rows, start, end);
}

export interface PostgresOptions {
  connectionString: string;
  max?: number;
  listenerTiming?: ListenerTiming;
}

export function createPostgresDb(options: PostgresOptions): Db {
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.max ?? 10, types });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const base = queryable(pool);
  return {
    engine: 'postgres',
    query: base.query,
    bulkInsert: base.bulkInsert,
    exec: base.exec,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(transactionOf(oneAtATime(queryable(client))));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async withSessionLock(lockKey, fn) {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [lockKey]);
        try {
          return await fn(oneAtATime(queryable(client)));
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [lockKey]);
        }
      } finally {
        client.release();
      }
    },
    async listen(channel, events) {
      const listener = new PgListener({ connectionString: options.connectionString, types }, channel, events, options.listenerTiming);
      await listener.start();
      return listener;
    },
    async close() {
      await pool.end();
    },
  };
}
